import { createHash } from 'node:crypto';
import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import { withCurrentCorrelationId } from '#adapters/observability/correlation';
import type { ScheduledStart, SendStarts } from '#domain/newsletters/newsletter-ports';
import { deleteSchedule, putSchedule } from './schedule-calls';

export interface SendStartsConfig {
  readonly groupName: string;
  /** The sender's queue: the schedule puts its start message there (Scheduler's SQS target). */
  readonly queueArn: string;
  readonly roleArn: string;
  readonly deadLetterArn?: string;
}

/** One schedule per newsletter, `newsletter-<hash>`: within the 64 characters a name may have. */
export function sendStartNameOf(tenantId: string, newsletterId: string): string {
  return `newsletter-${createHash('sha256').update(`${tenantId}/${newsletterId}`).digest('hex').slice(0, 40)}`;
}

/** A newsletter's scheduled send as a one-off EventBridge Scheduler schedule that puts its start on the sender's queue. */
export class EventBridgeSendStarts implements SendStarts {
  constructor(
    private readonly client: SchedulerClient,
    private readonly config: SendStartsConfig,
  ) {}

  schedule(tenantId: string, newsletterId: string, at: Date): Promise<void> {
    const start: ScheduledStart = { kind: 'start', tenantId, newsletterId, at: at.toISOString() };
    return putSchedule(this.client, {
      Name: sendStartNameOf(tenantId, newsletterId),
      GroupName: this.config.groupName,
      Description: `Newsletter ${newsletterId} of tenant ${tenantId}: start sending`,
      // `at()` takes a wall time without a zone; the zone says UTC.
      ScheduleExpression: `at(${start.at.slice(0, 19)})`,
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: this.config.queueArn,
        RoleArn: this.config.roleArn,
        Input: JSON.stringify(withCurrentCorrelationId(start)),
        ...(this.config.deadLetterArn ? { DeadLetterConfig: { Arn: this.config.deadLetterArn } } : {}),
      },
    });
  }

  cancel(tenantId: string, newsletterId: string): Promise<void> {
    return deleteSchedule(this.client, sendStartNameOf(tenantId, newsletterId), this.config.groupName);
  }
}
