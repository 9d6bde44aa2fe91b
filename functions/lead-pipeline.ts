import { leadPipelineEvents } from '#domain/sales/leads/lead-pipeline';
import { activitySchedulerFromEnvironment } from '#runtime/activities-services';
import { leadPipeline } from '#runtime/lead-pipeline-services';
import { domainEventConsumer } from '#runtime/queue-consumer';
import { tableFromEnvironment } from '#table/core/table';

const pipeline = leadPipeline(tableFromEnvironment(), activitySchedulerFromEnvironment());

/** Scores, qualifies and routes leads from their events, and schedules the new owner's follow-ups (R-SA-2). */
export const handler = domainEventConsumer({
  serviceName: 'lead-pipeline',
  handles: leadPipelineEvents,
  handle: (event) => pipeline.handle(event),
});
