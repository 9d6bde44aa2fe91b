import * as z from 'zod';
import { activityDueService } from '#runtime/activities-services';
import { environmentTable } from '#runtime/environment/table';
import { observability, observedHandler } from '#runtime/observability/observed-handler';

const observed = observability('activity-due');
const { logger } = observed;

const due = activityDueService({ table: environmentTable() });

/** What a schedule passes: `occurrence` is EventBridge Scheduler's `<aws.scheduler.scheduled-time>`. */
const dueInput = z.object({
  tenantId: z.string().min(1),
  activityId: z.string().min(1),
  occurrence: z.iso.datetime({ offset: true }).optional(),
});

/**
 * The target of every activity's schedule: the owner gets a task for the
 * occurrence, and `ActivityDue` and `TaskCreated` go to the outbox. A second
 * trigger of the same occurrence changes nothing. A failure throws, so the
 * scheduler retries it.
 */
async function handle(event: unknown) {
  const input = dueInput.safeParse(event);
  if (!input.success) {
    // Retrying a malformed input cannot help.
    logger.error('not an activity-due input', { issues: input.error.issues });
    return { outcome: 'rejected' as const };
  }
  const result = await due.due(input.data);
  logger.info('activity due', { ...input.data, ...result });
  return result;
}

export const handler = observedHandler('activity-due', handle, { observability: observed });
