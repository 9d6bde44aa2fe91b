import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as lambdaDestinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue';
import type { GridlineFunction } from './gridline-function';

/**
 * What EventBridge Scheduler needs for the schedules functions create at run
 * time: one schedule group, the role the scheduler assumes to deliver them
 * (invoke a function, put a message on a queue) and a dead-letter queue for
 * what it gives up on. Built in the given scope, not a construct of its own:
 * the group and role keep their logical ids, and a new id would replace the
 * group and drop every schedule in it.
 */
export class RunTimeSchedules {
  readonly group: scheduler.CfnScheduleGroup;
  readonly role: iam.Role;
  readonly deadLetters: DeadLetterQueue;

  constructor(private readonly scope: Construct) {
    this.group = new scheduler.CfnScheduleGroup(scope, 'RunTimeSchedules', {
      name: `${Stack.of(scope).stackName}-run-time`,
    });
    this.role = new iam.Role(scope, 'RunTimeSchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
      description:
        'Assumed by EventBridge Scheduler to deliver run-time schedules: invoke their functions, send to their queues',
    });
    // Invocations the scheduler gives up on are kept, not lost (design rule 7).
    this.deadLetters = new DeadLetterQueue(scope, 'RunTimeSchedules-DeadLetters', {
      name: 'run-time-schedules-dlq',
      notRecognisedAsDlqBecause: 'EventBridge Scheduler sends the invocations it gives up on here',
    });
    this.deadLetters.queue.grantSendMessages(this.role);
  }

  get groupName(): string {
    return this.group.name as string;
  }

  /**
   * A function schedules may invoke. The scheduler invokes asynchronously: a
   * target that fails every retry lands in the dead-letter queue too, not nowhere.
   */
  retryInvocationsOf(target: lambda.Function): void {
    target.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new lambdaDestinations.SqsDestination(this.deadLetters.queue),
    });
  }

  /** Lets the scheduler invoke a target function. */
  allowInvoke(target: lambda.IFunction): void {
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [target.functionArn] }),
    );
  }

  /** Lets the scheduler send messages to a target queue (and use its key, were it encrypted with one). */
  allowSendTo(target: sqs.IQueue): void {
    target.grantSendMessages(this.role);
  }

  /**
   * Lets a function create, change, read and delete schedules in the group and
   * pass the role to them; tells it the group, the role and the dead-letter queue.
   */
  letSchedule(fn: GridlineFunction): void {
    const stack = Stack.of(this.scope);
    fn.function.addEnvironment('SCHEDULE_GROUP', this.groupName);
    fn.function.addEnvironment('SCHEDULER_ROLE_ARN', this.role.roleArn);
    fn.function.addEnvironment('SCHEDULE_DEAD_LETTER_ARN', this.deadLetters.queue.queueArn);
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [
          'scheduler:CreateSchedule',
          'scheduler:UpdateSchedule',
          'scheduler:DeleteSchedule',
          'scheduler:GetSchedule',
        ],
        resources: [
          stack.formatArn({
            service: 'scheduler',
            resource: 'schedule',
            resourceName: `${this.groupName}/*`,
          }),
        ],
      }),
    );
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [this.role.roleArn] }),
    );
    Validations.of(fn.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${this.groupName}/*]`,
      reason:
        'Only the schedules of the run-time group; their names are made per activity, case timer or newsletter',
    });
  }
}
