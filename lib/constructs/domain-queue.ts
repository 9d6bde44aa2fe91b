import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueDefinition } from '../topology-types';
import { DeadLetterQueue } from './dead-letter-queue';

/** A work queue of the topology with its dead-letter queue and DLQ alarm. */
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
      holds: `Messages of the ${definition.name} queue that failed ${definition.maxReceiveCount} times`,
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetters.queue, maxReceiveCount: definition.maxReceiveCount },
    });
  }
}
