/**
 * The names of the stack's functions, EventBridge rules, fixed schedules and their group
 * in AWS: the stack's name, then the topology's. Fixed names let operators,
 * alarms and dashboards find them without looking anything up.
 */

/** The domain event bus. */
export const awsDomainBusName = (stackName: string): string => `${stackName}-gridline-domain`;

/** Lambda allows 64 characters. */
export function awsFunctionName(stackName: string, name: string): string {
  const functionName = `${stackName}-${name}`;
  if (functionName.length > 64) throw new Error(`the function name ${functionName} exceeds 64 characters`);
  return functionName;
}

/** EventBridge allows 64 characters of letters, digits, `.`, `-` and `_` for both. */
function eventBridgeName(what: string, stackName: string, name: string): string {
  const awsName = `${stackName}-${name}`;
  if (awsName.length > 64) {
    throw new Error(
      `the ${what} name ${awsName} exceeds 64 characters: shorten the ${what} or the stack name`,
    );
  }
  if (!/^[\w.-]+$/.test(awsName)) throw new Error(`the ${what} name ${awsName} has characters AWS refuses`);
  return awsName;
}

export const awsRuleName = (stackName: string, rule: string): string =>
  eventBridgeName('rule', stackName, rule);

export const awsScheduleName = (stackName: string, schedule: string): string =>
  eventBridgeName('schedule', stackName, schedule);

/**
 * The group of the topology's fixed schedules. Not the account's `default`
 * group: its metrics count every schedule of the account, other stacks' too.
 */
export const awsFixedScheduleGroupName = (stackName: string): string =>
  eventBridgeName('schedule group', stackName, 'fixed');
