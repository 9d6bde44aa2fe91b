import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface DeadLetterQueueProps {
  /** Suffix of the alarm name, e.g. `audit-dlq`. */
  readonly name: string;
  /** What ends up here; used in the alarm description. */
  readonly holds: string;
  /**
   * Set when the queue is the dead-letter target of something other than an
   * SQS queue (an event source mapping, an EventBridge target, a schedule):
   * cdk-nag only recognises SQS redrive policies and Lambda DLQ configs.
   */
  readonly notRecognisedAsDlqBecause?: string;
}

/**
 * A dead-letter queue: 14 days retention, SQS-managed encryption, TLS only,
 * and an alarm as soon as one message is visible.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.alarm = this.queue
      .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' })
      .createAlarm(this, 'NotEmpty', {
        alarmName: `${Stack.of(this).stackName}-${props.name}`,
        alarmDescription: `${props.holds} landed in a dead-letter queue`,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    if (props.notRecognisedAsDlqBecause !== undefined) {
      Validations.of(this.queue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: `This queue is itself a dead-letter queue: ${props.notRecognisedAsDlqBecause}`,
      });
    }
  }
}
