import { runTimeScheduleTargetsOf } from '../../operations/dead-letter-queues';
import type { Topology } from '../../topology-types';
import type { AlarmFactory } from './alarm-factory';
import type { StackMetrics } from './metrics';
import { runbook } from './runbook';
import { scheduleGroupsOf } from './topology-alarms';

/**
 * Failures to put a failure in its dead-letter queue: the one loss the
 * dead-letter queues' own alarms cannot see, since nothing arrives there.
 */
export function deadLetterDeliveryAlarms(
  alarms: AlarmFactory,
  metrics: StackMetrics,
  topology: Topology,
  runTimeGroup: string | undefined,
): void {
  const atLeastOne = { threshold: 1, atLeast: true, runbook: runbook.deadLetterDelivery } as const;
  for (const rule of topology.rules) {
    alarms.add(`Rule-${rule.name}-DlqDeliveryFailures`, {
      name: `rule-${rule.name}-dlq-delivery-failures`,
      metric: metrics.rule(rule, 'InvocationsFailedToBeSentToDlq', { statistic: 'Sum' }),
      meaning: `The rule ${rule.name} could put events it failed to deliver in no dead-letter queue: they are lost.`,
      ...atLeastOne,
    });
  }
  for (const group of scheduleGroupsOf(metrics.stackName, topology, runTimeGroup)) {
    alarms.add(`ScheduleGroup-${group}-DlqDeliveryFailures`, {
      name: `schedule-group-${group}-dlq-delivery-failures`,
      metric: metrics.scheduleGroup(group, 'InvocationsFailedToBeSentToDeadLetterCount', {
        statistic: 'Sum',
      }),
      meaning: `EventBridge Scheduler could put a failed invocation of a schedule in the group ${group} in no dead-letter queue: it is lost.`,
      ...atLeastOne,
    });
  }
  for (const fn of runTimeScheduleTargetsOf(topology)) {
    alarms.add(`Fn-${fn}-DestinationDeliveryFailures`, {
      name: `fn-${fn}-destination-delivery-failures`,
      metric: metrics.lambda(fn, 'DestinationDeliveryFailures', { statistic: 'Sum' }),
      meaning: `Lambda could send the record of a failed asynchronous invocation of ${fn} to no on-failure destination: it is lost.`,
      ...atLeastOne,
    });
  }
}
