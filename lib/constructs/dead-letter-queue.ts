import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { awsQueueName } from '../operations/dead-letter-queues';

export interface DeadLetterQueueProps {
  /** Its name in `deadLetterQueuesOf`, e.g. `audit-dlq`; in AWS, after the stack's name. */
  readonly name: string;
  /**
   * Set when the queue is the dead-letter target of something other than an
   * SQS queue (an event source mapping, an EventBridge target, a schedule):
   * cdk-nag only recognises SQS redrive policies and Lambda DLQ configs.
   */
  readonly notRecognisedAsDlqBecause?: string;
}

/**
 * A dead-letter queue: a fixed name, 14 days retention, SQS-managed
 * encryption, TLS only. Its alarm is the operations stack's.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: sqs.Queue;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      queueName: awsQueueName(Stack.of(this).stackName, props.name),
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    if (props.notRecognisedAsDlqBecause !== undefined) {
      Validations.of(this.queue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: `This queue is itself a dead-letter queue: ${props.notRecognisedAsDlqBecause}`,
      });
    }
  }
}
