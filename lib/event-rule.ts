import type { EventNameOf } from '#domain/event-catalogue';
import type { EventSource } from '#domain/service-context';
import type { EventRuleDefinition } from './topology-types';

/**
 * A rule for some events of one source. The compiler holds each detail-type
 * to the events catalogue: it must be an event, and an event of that source.
 */
export const eventRule = <S extends EventSource>(
  rule: Omit<EventRuleDefinition, 'sources' | 'detailTypes'> & {
    readonly source: S;
    readonly detailTypes: readonly EventNameOf<S>[];
  },
): EventRuleDefinition => ({
  name: rule.name,
  description: rule.description,
  sources: [rule.source],
  detailTypes: rule.detailTypes,
  targetQueue: rule.targetQueue,
});
