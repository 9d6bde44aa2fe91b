import type { TimelineService } from './timeline-service';

/** What the timeline offers: one feed per account or contact, newest first. */
export interface TimelineServices {
  readonly timeline: TimelineService;
}
