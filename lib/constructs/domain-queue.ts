import { Duration, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { awsQueueName } from '../operations/dead-letter-queues';
import type { QueueDefinition } from '../topology-types';
import { DeadLetterQueue } from './dead-letter-queue';

/** A work queue of the topology with its dead-letter queue, both named after the topology's queue. */
export class DomainQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetters: DeadLetterQueue;

  constructor(
    scope: Construct,
    id: string,
    readonly definition: QueueDefinition,
  ) {
    super(scope, id);
    this.deadLetters = new DeadLetterQueue(this, 'DeadLetters', {
      name: `${definition.name}-dlq`,
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      queueName: awsQueueName(Stack.of(this).stackName, definition.name),
      visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetters.queue, maxReceiveCount: definition.maxReceiveCount },
    });
  }
}
