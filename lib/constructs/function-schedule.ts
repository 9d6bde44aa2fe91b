import { type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { awsScheduleName } from '../operations/aws-names';
import type { ScheduleDefinition } from '../topology-types';
import { DeadLetterQueue } from './dead-letter-queue';

/**
 * An EventBridge Scheduler schedule invoking one function, in the stack's
 * group of fixed schedules, with its own role (invoke that function only),
 * two retries within an hour, and a DLQ.
 */
export class FunctionSchedule extends Construct {
  readonly schedule: scheduler.Schedule;
  readonly deadLetters: DeadLetterQueue;

  constructor(
    scope: Construct,
    id: string,
    definition: ScheduleDefinition,
    target: lambda.IFunction,
    group: scheduler.IScheduleGroup,
  ) {
    super(scope, id);
    const stack = Stack.of(this);
    this.deadLetters = new DeadLetterQueue(this, 'DeadLetters', {
      name: `schedule-${definition.name}-dlq`,
      notRecognisedAsDlqBecause: `EventBridge Scheduler puts the failed invocations of the schedule ${definition.name} here`,
    });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: `Invokes ${definition.targetFunction} for the schedule ${definition.name}`,
    });
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      scheduleName: awsScheduleName(stack.stackName, definition.name),
      description: definition.description,
      scheduleGroup: group,
      schedule: scheduler.ScheduleExpression.expression(definition.expression),
      target: new schedulerTargets.LambdaInvoke(target, {
        role,
        deadLetterQueue: this.deadLetters.queue,
        retryAttempts: 2,
        maxEventAge: Duration.hours(1),
      }),
    });
    // The group's name is a plain string here, so nothing else orders the two.
    this.schedule.node.addDependency(group);
    const functionId = stack.getLogicalId(target.node.defaultChild as CfnElement);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason: `Versions and aliases of ${definition.targetFunction}, the schedule's only target (lambda grantInvoke)`,
    });
  }
}
