import { type AnyDomainEvent, type EventName, eventCatalogue } from './event-catalogue';
import { EventChecker, type EventReading } from './event-check';

/** Reads events of every type of the catalogue: the events catalogue's JSON Schemas and the tests read with it. */
const catalogueChecker = new EventChecker<EventName>(eventCatalogue);

/** The zod schema of an event of type `name`; the events catalogue's JSON Schema comes from it. */
export function eventSchema(name: EventName) {
  return catalogueChecker.schema(name);
}

/** `value` as an event of the catalogue, or the reason it is not one. */
export function readDomainEvent(value: unknown): EventReading<AnyDomainEvent> {
  return catalogueChecker.read(value);
}
