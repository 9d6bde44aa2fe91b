import type { AnyDomainEvent, DomainEventOf, EventName } from './event-catalogue';

/**
 * Narrows an event to the names `names`. Kept apart from the catalogue (a
 * type import only): code that narrows the events it is handed does not
 * load every module's event definitions, their payload schemas built when
 * the module loads.
 */
export function isEventOf<N extends EventName>(
  event: AnyDomainEvent,
  names: readonly N[],
): event is DomainEventOf<N> {
  return names.some((name) => name === event.type);
}
