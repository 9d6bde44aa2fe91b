import { idempotencyToken, replayHeaders } from '#api/common/idempotent-create';
import type { JourneyServices } from '#domain/energy/energy-services';
import type { CustomerJourney } from '#domain/energy/journey-stores';
import { allowedActions } from '#domain/energy/journeys';
import { type BoundRoute, bind } from '#http/route';
import { journeyRoutes as r } from './journeys-routes';

/** A journey as the API shows it: with what its state allows next. */
const view = (journey: CustomerJourney) => ({ ...journey, allowedActions: allowedActions(journey.state) });

/** Maps each meter-reading and journey route onto its domain service call. */
export function journeysApi(s: JourneyServices): BoundRoute[] {
  return [
    bind(r.recordMeterReading, async ({ caller, params, body, idempotency }) => {
      const { value, replayed } = await s.readings.record(
        caller,
        params.supplyPointId,
        body,
        idempotencyToken('recordMeterReading', idempotency),
      );
      return { body: value, headers: replayHeaders(replayed) };
    }),
    bind(r.listMeterReadings, async ({ caller, params, query: { register, limit, cursor } }) => {
      return { body: await s.readings.list(caller, params.supplyPointId, register, { limit, cursor }) };
    }),
    bind(r.getConsumption, async ({ caller, params, query }) => ({
      body: await s.readings.consumption(caller, params.supplyPointId, query.register),
    })),
    bind(r.openJourney, async ({ caller, body, idempotency }) => {
      const { value, replayed } = await s.journeys.open(
        caller,
        body,
        idempotencyToken('openJourney', idempotency),
      );
      return { body: view(value), version: value.version, headers: replayHeaders(replayed) };
    }),
    bind(r.getJourney, async ({ caller, params }) => {
      const journey = await s.journeys.get(caller, params.journeyId);
      return { body: view(journey), version: journey.version };
    }),
    bind(r.transitionJourney, async ({ caller, params, body, ifMatch }) => {
      const journey = await s.journeys.transition(caller, params.journeyId, ifMatch as number, body);
      return { body: view(journey), version: journey.version };
    }),
    bind(r.listAccountJourneys, async ({ caller, params, query: { state, limit, cursor } }) => {
      const page = await s.journeys.ofAccount(caller, params.accountId, state, { limit, cursor });
      return { body: { ...page, items: page.items.map(view) } };
    }),
  ];
}
