import { pickEvents } from '#domain/event-definition';
import { leadEvents } from '#domain/sales/leads/lead-events';
import { leadPipelineEvents } from '#domain/sales/leads/lead-pipeline';
import { environmentScheduler } from '#runtime/environment/scheduler';
import { environmentTable } from '#runtime/environment/table';
import { leadPipelineServices } from '#runtime/lead-pipeline-services';
import { domainEventConsumer } from '#runtime/queue-consumer';

const { pipeline } = leadPipelineServices({ table: environmentTable(), scheduler: environmentScheduler() });

/** Scores, qualifies and routes leads from their events, and schedules the new owner's follow-ups (R-SA-2). */
export const handler = domainEventConsumer({
  serviceName: 'lead-pipeline',
  handles: pickEvents(leadEvents, leadPipelineEvents),
  handle: (event) => pipeline.handle(event),
});
