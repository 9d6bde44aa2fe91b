import * as z from 'zod';
import { caseTimerNames } from '#domain/service/case';
import { caseEscalation } from '#runtime/cases-services';
import { environmentCaseTimers } from '#runtime/environment/case-timers';
import { environmentMailer } from '#runtime/environment/mailer';
import { environmentTable } from '#runtime/environment/table';
import { observability, observedHandler } from '#runtime/observability/observed-handler';

const observed = observability('case-timers');
const { logger } = observed;
const escalation = caseEscalation({
  table: environmentTable(),
  mailer: environmentMailer(),
  caseTimers: environmentCaseTimers(),
});

/** What a case timer's schedule passes. */
const timerInput = z.object({
  tenantId: z.string().min(1),
  caseId: z.string().min(1),
  timer: z.enum(caseTimerNames),
  at: z.iso.datetime(),
});

/**
 * The target of every case timer's one-off schedule (R-CS-3): a warning or
 * a breach re-checked against the case, then the policy's escalation. A
 * stale or repeated timer does nothing; a failure throws, so Lambda retries
 * it and, after the last try, keeps it in the run-time schedules' dead-letter queue.
 */
async function handle(event: unknown) {
  const input = timerInput.safeParse(event);
  if (!input.success) {
    logger.error('not a case timer input', { issues: input.error.issues });
    return { outcome: 'rejected' as const };
  }
  const outcome = await escalation.fire(input.data);
  logger.info('case timer', { ...input.data, outcome });
  return { outcome };
}

export const handler = observedHandler('case-timers', handle, { observability: observed });
