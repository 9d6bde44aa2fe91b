import { createHash } from 'node:crypto';
import type { CreateScheduleCommandInput, SchedulerClient } from '@aws-sdk/client-scheduler';
import type { CaseTimerName } from '#domain/service/case';
import type { CaseTimerInput, CaseTimerScheduler } from '#domain/service/case-timers';
import type { EventBridgeSchedulerConfig } from './eventbridge-scheduler';
import { deleteSchedule, putSchedule } from './schedule-calls';

/**
 * One schedule per case and timer, `case-<hash>-<timer>`: the hash of tenant
 * and case keeps the name inside the 64 characters a name may have.
 */
export function caseTimerNameOf(tenantId: string, caseId: string, timer: CaseTimerName): string {
  const hash = createHash('sha256').update(`${tenantId}/${caseId}`).digest('hex').slice(0, 32);
  const short = {
    'firstResponse-warning': 'fr-w',
    'firstResponse-breach': 'fr-b',
    'resolution-warning': 're-w',
    'resolution-breach': 're-b',
  }[timer];
  return `case-${hash}-${short}`;
}

/** A time this close to now or earlier fires a minute from now: `at()` must lie ahead. */
const leadMillis = 60_000;

export function caseTimerInputOf(
  input: CaseTimerInput,
  config: EventBridgeSchedulerConfig,
  now: Date,
): CreateScheduleCommandInput {
  const fireAt = Math.max(Date.parse(input.at), now.getTime() + leadMillis);
  return {
    Name: caseTimerNameOf(input.tenantId, input.caseId, input.timer),
    GroupName: config.groupName,
    Description: `Case ${input.caseId} of tenant ${input.tenantId}: ${input.timer}`,
    // `at()` takes a wall time without a zone; the zone says UTC.
    ScheduleExpression: `at(${new Date(fireAt).toISOString().slice(0, 19)})`,
    ScheduleExpressionTimezone: 'UTC',
    FlexibleTimeWindow: { Mode: 'OFF' },
    State: 'ENABLED',
    ActionAfterCompletion: 'DELETE',
    Target: {
      Arn: config.targetArn,
      RoleArn: config.roleArn,
      // The planned time, not the firing time: the handler compares it with the case's plan.
      Input: JSON.stringify(input),
      ...(config.deadLetterArn ? { DeadLetterConfig: { Arn: config.deadLetterArn } } : {}),
    },
  };
}

/** The clocks of cases as one-off EventBridge Scheduler schedules invoking `case-timers`. */
export class EventBridgeCaseTimers implements CaseTimerScheduler {
  constructor(
    private readonly client: SchedulerClient,
    private readonly config: EventBridgeSchedulerConfig,
  ) {}

  set(input: CaseTimerInput): Promise<void> {
    return putSchedule(this.client, caseTimerInputOf(input, this.config, this.config.now?.() ?? new Date()));
  }

  clear(tenantId: string, caseId: string, timer: CaseTimerName): Promise<void> {
    return deleteSchedule(this.client, caseTimerNameOf(tenantId, caseId, timer), this.config.groupName);
  }
}
