import { Logger } from '@aws-lambda-powertools/logger';
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { journeysApi } from '#api/energy/journeys-bindings';
import { JourneyService } from '#domain/energy/journey-service';
import type { JourneyStore } from '#domain/energy/journey-stores';
import type { ReadingInput } from '#domain/energy/reading-service';
import { VersionMismatchError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { Actor } from '#domain/ports';
import { createHttpHandler } from '#http/http-handler';
import { problemOf } from '#http/problem';
import { accountsServices } from '#runtime/accounts-services';
import { energyServices } from '#runtime/energy-services';
import { journeyServices } from '#runtime/journey-services';
import { DynamoAccountStore } from '#table/accounts/account-store';
import type { Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { readingMarkerEntity } from '#table/energy/entities';
import { DynamoJourneyStore } from '#table/energy/journey-store';
import { answerOf, httpEvent, type TestRequest } from '../support/http-event';
import { freshTable, slovakTenant } from '../support/local-table';

type Body = Record<string, unknown> & { items?: Record<string, unknown>[] };
interface Answer {
  readonly status: number;
  readonly etag?: string;
  readonly headers: Readonly<Record<string, string | number | boolean>>;
  readonly body: Body;
}
interface Place {
  readonly actor: Actor;
  readonly accountId: string;
  readonly supplyPointId: string;
}

const logger = new Logger({ serviceName: 'journeys-test', logLevel: 'SILENT' });
const reading = (date: string, value: number, extra: Partial<ReadingInput> = {}): ReadingInput => ({
  register: '1.8.0',
  date,
  value,
  kind: 'actual',
  ...extra,
});

describe('meter readings and customer journeys', () => {
  let table: Table;
  let energy: ReturnType<typeof energyServices>;
  let accounts: ReturnType<typeof accountsServices>;
  let services: ReturnType<typeof journeyServices>;

  beforeAll(async () => {
    table = await freshTable();
    energy = energyServices({ table });
    accounts = accountsServices({ table });
    services = journeyServices({ table }, { supplyPoints: energy.supplyPoints });
  });

  /** A tenant of its own with a territory, an account and its supply point with meter M-1. */
  async function supplyPointOfNewTenant(): Promise<Place> {
    const profile = slovakTenant();
    await new DynamoTenantDirectory(table).save(profile);
    const actor = { tenantId: profile.id, userId: 'tatra-admin' };
    await energy.referenceData.createTerritory(actor, {
      code: 'ZSD',
      name: 'Západoslovenská distribučná',
      country: 'SK',
      commodity: 'electricity',
    });
    const account = await accounts.accounts.create(actor, {
      name: 'Rodina Nováková',
      customerType: 'B2C',
      addresses: [
        { kind: 'delivery', street: 'Hlavná 41', postcode: '040 01', city: 'Košice', country: 'SK' },
      ],
    });
    const supplyPoint = await energy.supplyPoints.create(actor, {
      identifier: '24ZSS61348520004',
      commodity: 'electricity',
      country: 'SK',
      accountId: account.value.id,
      territoryCode: 'ZSD',
      customerType: 'B2C',
      meter: { number: 'M-1', tariff: 'D2' },
      annualConsumptionKwh: 2_400,
      address: { street: 'Hlavná', houseNumber: '41', postcode: '040 01', city: 'Košice', country: 'SK' },
    });
    return { actor, accountId: account.value.id, supplyPointId: supplyPoint.value.id };
  }

  async function call(
    actor: Actor,
    routeKey: string,
    input: TestRequest = {},
    api = journeysApi(services),
  ): Promise<Answer> {
    const handler = createHttpHandler(api, logger);
    const caller = { tenantId: actor.tenantId, userId: actor.userId, roles: ['service'] };
    const { status, headers, body } = answerOf(await handler(httpEvent(routeKey, caller, input)));
    return { status, etag: headers.etag, headers, body: (body ?? {}) as Body };
  }

  const record = (place: Place, body: unknown, headers?: Record<string, string>) =>
    call(place.actor, 'POST /v1/supply-points/{supplyPointId}/readings', {
      params: { supplyPointId: place.supplyPointId },
      body,
      ...(headers ? { headers } : {}),
    });
  const readingsOf = (place: Place, query: Record<string, string> = {}) =>
    call(place.actor, 'GET /v1/supply-points/{supplyPointId}/readings', {
      params: { supplyPointId: place.supplyPointId },
      query: { limit: '100', ...query },
    });
  const openJourneys = (place: Place, state = 'open') =>
    call(place.actor, 'GET /v1/accounts/{accountId}/journeys', {
      params: { accountId: place.accountId },
      query: { state },
    });
  const move = (actor: Actor, journeyId: string, etag: string | undefined, body: unknown) =>
    call(actor, 'POST /v1/journeys/{journeyId}/transitions', {
      params: { journeyId },
      body,
      headers: etag === undefined ? {} : { 'if-match': etag },
    });

  /** The tenant's outbox events, oldest first. A Scan: this is a test, not a request path. */
  async function eventsOf(tenantId: string): Promise<DomainEvent[]> {
    const events: DomainEvent[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await table.client.send(
        new ScanCommand({
          TableName: table.name,
          FilterExpression: 'begins_with(pk, :outbox)',
          ExpressionAttributeValues: { ':outbox': `T#${tenantId}#OUTBOX#` },
          ExclusiveStartKey: start,
        }),
      );
      events.push(...(page.Items ?? []).map((i) => i.event as DomainEvent));
      start = page.LastEvaluatedKey;
    } while (start);
    return events.sort((a, b) => a.id.localeCompare(b.id));
  }

  const datesOf = (answer: Answer) => (answer.body.items ?? []).map((r) => `${r.date} ${r.value}`);

  describe('meter readings', () => {
    it('records increasing readings with the supply point’s meter, lists them newest first, with events', async () => {
      // Prepare
      const place = await supplyPointOfNewTenant();

      // Act
      const first = await record(place, reading('2025-01-01', 1_000));
      const second = await record(place, reading('2025-02-01', 1_310, { kind: 'estimated' }));
      const list = await readingsOf(place, { register: '1.8.0' });

      // Assess
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(first.body).toMatchObject({
        supplyPointId: place.supplyPointId,
        register: '1.8.0',
        date: '2025-01-01',
        value: 1_000,
        kind: 'actual',
        meterNumber: 'M-1',
        recordedBy: 'tatra-admin',
      });
      expect(first.body).not.toHaveProperty('tenantId');
      expect(datesOf(list)).toEqual(['2025-02-01 1310', '2025-01-01 1000']);
      const events = (await eventsOf(place.actor.tenantId)).filter((e) => e.type === 'MeterReadingRecorded');
      expect(events.map((e) => [e.source, e.subject, (e.data.reading as { value: number }).value])).toEqual([
        [
          'gridline.energy',
          { type: 'supplyPoint', id: place.supplyPointId, accountId: place.accountId },
          1_000,
        ],
        [
          'gridline.energy',
          { type: 'supplyPoint', id: place.supplyPointId, accountId: place.accountId },
          1_310,
        ],
      ]);
    });

    it('refuses a reading lower than the previous one on the same meter, naming value, and writes nothing', async () => {
      // Prepare
      const place = await supplyPointOfNewTenant();
      await record(place, reading('2025-01-01', 1_000));
      await record(place, reading('2025-02-01', 1_300));
      const eventsBefore = await eventsOf(place.actor.tenantId);

      // Act
      const lower = await record(place, reading('2025-03-01', 1_299));
      const lateTooHigh = await record(place, reading('2025-01-15', 1_400));
      const sameDay = await record(place, reading('2025-02-01', 1_350));

      // Assess
      expect([lower.status, lateTooHigh.status, sameDay.status]).toEqual([400, 400, 400]);
      expect(lower.headers['content-type']).toBe('application/problem+json');
      expect(lower.body['invalid-params']).toEqual([
        {
          name: 'value',
          reason: expect.stringContaining('lower than the previous reading 1300 on 2025-02-01'),
        },
      ]);
      expect(lateTooHigh.body['invalid-params']).toEqual([
        { name: 'value', reason: expect.stringContaining('higher than the later reading 1300') },
      ]);
      expect(sameDay.body['invalid-params']).toEqual([{ name: 'date', reason: expect.any(String) }]);
      expect(datesOf(await readingsOf(place))).toEqual(['2025-02-01 1300', '2025-01-01 1000']);
      expect(await eventsOf(place.actor.tenantId)).toEqual(eventsBefore);
    });

    it('accepts a lower reading with another meter number (a meter change) and derives consumption per meter', async () => {
      // Prepare
      const place = await supplyPointOfNewTenant();
      await record(place, reading('2025-01-01', 1_000));
      await record(place, reading('2025-02-01', 1_300, { kind: 'estimated' }));
      await record(place, reading('2025-03-01', 1_550));

      // Act
      const newMeter = await record(place, reading('2025-03-01', 0, { meterNumber: 'M-2' }));
      const onNewMeter = await record(place, reading('2025-04-01', 200, { meterNumber: 'M-2' }));
      const otherRegister = await record(
        place,
        reading('2025-04-01', 50, { register: 'NT', meterNumber: 'M-2' }),
      );
      const consumption = await call(place.actor, 'GET /v1/supply-points/{supplyPointId}/consumption', {
        params: { supplyPointId: place.supplyPointId },
        query: { register: '1.8.0' },
      });

      // Assess
      expect([newMeter.status, onNewMeter.status, otherRegister.status]).toEqual([201, 201, 201]);
      expect(consumption.status).toBe(200);
      expect(consumption.body).toEqual({
        supplyPointId: place.supplyPointId,
        register: '1.8.0',
        periods: [
          {
            register: '1.8.0',
            meterNumber: 'M-1',
            fromDate: '2025-01-01',
            toDate: '2025-02-01',
            consumption: 300,
            estimated: true,
          },
          {
            register: '1.8.0',
            meterNumber: 'M-1',
            fromDate: '2025-02-01',
            toDate: '2025-03-01',
            consumption: 250,
            estimated: true,
          },
          {
            register: '1.8.0',
            meterNumber: 'M-2',
            fromDate: '2025-03-01',
            toDate: '2025-04-01',
            consumption: 200,
            estimated: false,
          },
        ],
      });
    });

    it('answers a retry with the same Idempotency-Key with the first reading, once', async () => {
      // Prepare
      const place = await supplyPointOfNewTenant();
      const headers = { 'idempotency-key': 'reading-2025-01' };

      // Act
      const first = await record(place, reading('2025-01-01', 1_000), headers);
      const retry = await record(place, reading('2025-01-01', 1_000), headers);
      const reused = await record(place, reading('2025-01-01', 1_001), headers);

      // Assess
      expect([first.status, retry.status, reused.status]).toEqual([201, 201, 422]);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(datesOf(await readingsOf(place))).toEqual(['2025-01-01 1000']);
    });

    it('lets only one of two readings that contradict each other in, when they arrive at once', async () => {
      // Prepare: each fits the history on its own; together, the later date has the lower value.
      const place = await supplyPointOfNewTenant();
      await record(place, reading('2025-01-01', 100));

      // Act
      const outcomes = await Promise.allSettled([
        services.readings.record(place.actor, place.supplyPointId, reading('2025-03-01', 300)),
        services.readings.record(place.actor, place.supplyPointId, reading('2025-02-01', 400)),
      ]);

      // Assess
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [problemOf(o.reason)] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect([400, 409]).toContain(lost[0]?.status);
      expect(await readingsOf(place).then((r) => r.body.items?.length)).toBe(2);
      const { Item: marker } = await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: readingMarkerEntity.key({
            tenantId: place.actor.tenantId,
            supplyPointId: place.supplyPointId,
            register: '1.8.0',
          }),
        }),
      );
      expect(marker?.version).toBe(2);
    });

    it('answers 404 for another tenant’s supply point and 400 for a register that cannot be a key', async () => {
      // Prepare
      const place = await supplyPointOfNewTenant();
      const other = await supplyPointOfNewTenant();
      await record(place, reading('2025-01-01', 1_000));
      const intruder = { ...place, actor: other.actor };

      // Act
      const write = await record(intruder, reading('2025-02-01', 2_000));
      const read = await readingsOf(intruder);
      const consumption = await call(other.actor, 'GET /v1/supply-points/{supplyPointId}/consumption', {
        params: { supplyPointId: place.supplyPointId },
      });
      const badRegister = await record(place, reading('2025-02-01', 2_000, { register: '1.8.0#x' }));

      // Assess
      expect([write.status, read.status, consumption.status]).toEqual([404, 404, 404]);
      expect(badRegister.status).toBe(400);
      expect(badRegister.body['invalid-params']).toEqual([{ name: 'register', reason: expect.any(String) }]);
      expect(datesOf(await readingsOf(place))).toEqual(['2025-01-01 1000']);
    });
  });

  describe('customer journeys', () => {
    it('walks a supplier switch requested → submitted → confirmed → effective, with an event for each step', async () => {
      // Prepare
      const place = await supplyPointOfNewTenant();
      await record(place, reading('2025-01-01', 1_000));

      // Act
      const opened = await call(place.actor, 'POST /v1/journeys', {
        body: {
          type: 'supplier-switch',
          supplyPointId: place.supplyPointId,
          note: 'Called in, wants to switch',
        },
      });
      const id = opened.body.id as string;
      const openWhileRequested = await openJourneys(place);
      const submitted = await move(place.actor, id, opened.etag, {
        action: 'submit',
        effectiveDate: '2025-04-01',
      });
      const confirmed = await move(place.actor, id, submitted.etag, { action: 'confirm' });
      const openWhileConfirmed = await openJourneys(place);
      const effective = await move(place.actor, id, confirmed.etag, {
        action: 'make-effective',
        openingReading: reading('2025-04-01', 1_900),
      });
      const read = await call(place.actor, 'GET /v1/journeys/{journeyId}', { params: { journeyId: id } });
      const openAfter = await openJourneys(place);
      const all = await openJourneys(place, 'all');

      // Assess
      expect(opened.status).toBe(201);
      expect(opened.body).toMatchObject({
        type: 'supplier-switch',
        state: 'requested',
        accountId: place.accountId,
        supplyPointId: place.supplyPointId,
        note: 'Called in, wants to switch',
        allowedActions: ['submit', 'cancel'],
        version: 1,
      });
      expect([opened.etag, submitted.etag, confirmed.etag, effective.etag]).toEqual([
        '"1"',
        '"2"',
        '"3"',
        '"4"',
      ]);
      expect([submitted.body.state, confirmed.body.state, effective.body.state]).toEqual([
        'submitted',
        'confirmed',
        'effective',
      ]);
      expect(read.status).toBe(200);
      expect(read.etag).toBe('"4"');
      expect(read.body).toMatchObject({
        state: 'effective',
        effectiveDate: '2025-04-01',
        allowedActions: [],
        openingReading: { date: '2025-04-01', value: 1_900, meterNumber: 'M-1', journeyId: id },
      });
      expect((read.body.history as { from: string; to: string }[]).map((s) => `${s.from}→${s.to}`)).toEqual([
        'requested→submitted',
        'submitted→confirmed',
        'confirmed→effective',
      ]);
      expect(openWhileRequested.body.items?.map((j) => j.id)).toEqual([id]);
      expect(openWhileConfirmed.body.items?.map((j) => j.id)).toEqual([id]);
      expect(openAfter.body.items).toEqual([]);
      expect(all.body.items?.map((j) => [j.id, j.state])).toEqual([[id, 'effective']]);
      expect(datesOf(await readingsOf(place))).toEqual(['2025-04-01 1900', '2025-01-01 1000']);

      const events = (await eventsOf(place.actor.tenantId)).filter((e) => e.type.startsWith('Journey'));
      expect(events.map((e) => [e.type, e.subject, e.changes])).toEqual([
        ['JourneyRequested', { type: 'journey', id, accountId: place.accountId }, undefined],
        [
          'JourneyTransitioned',
          { type: 'journey', id, accountId: place.accountId },
          [{ field: 'state', from: 'requested', to: 'submitted' }],
        ],
        [
          'JourneyTransitioned',
          { type: 'journey', id, accountId: place.accountId },
          [{ field: 'state', from: 'submitted', to: 'confirmed' }],
        ],
        [
          'JourneyTransitioned',
          { type: 'journey', id, accountId: place.accountId },
          [{ field: 'state', from: 'confirmed', to: 'effective' }],
        ],
      ]);
      const readingEvents = (await eventsOf(place.actor.tenantId)).filter(
        (e) => e.type === 'MeterReadingRecorded',
      );
      expect(readingEvents.map((e) => (e.data.reading as { journeyId?: string }).journeyId)).toEqual([
        undefined,
        id,
      ]);
    });

    it('answers an action the state does not allow with 409 naming the current state, and changes nothing', async () => {
      // Prepare
      const place = await supplyPointOfNewTenant();
      const opened = await call(place.actor, 'POST /v1/journeys', {
        body: { type: 'supplier-switch', supplyPointId: place.supplyPointId, effectiveDate: '2025-04-01' },
      });
      const id = opened.body.id as string;
      const eventsBefore = await eventsOf(place.actor.tenantId);

      // Act
      const confirm = await move(place.actor, id, opened.etag, { action: 'confirm' });
      const stale = await move(place.actor, id, '"7"', { action: 'submit' });
      const noIfMatch = await move(place.actor, id, undefined, { action: 'submit' });
      const cancelled = await move(place.actor, id, opened.etag, {
        action: 'cancel',
        reason: 'Changed mind',
      });
      const afterFinal = await move(place.actor, id, cancelled.etag, { action: 'submit' });

      // Assess
      expect(confirm.status).toBe(409);
      expect(confirm.headers['content-type']).toBe('application/problem+json');
      expect(confirm.body.detail).toContain('is requested; cannot confirm');
      expect(confirm.body['invalid-params']).toEqual([{ name: 'state', reason: 'is requested' }]);
      expect([stale.status, noIfMatch.status]).toEqual([412, 428]);
      expect(cancelled.body).toMatchObject({ state: 'cancelled', reason: 'Changed mind' });
      expect(afterFinal.status).toBe(409);
      expect(afterFinal.body.detail).toContain('cancelled is final');
      const events = await eventsOf(place.actor.tenantId);
      expect(events.slice(eventsBefore.length).map((e) => e.changes)).toEqual([
        [{ field: 'state', from: 'requested', to: 'cancelled' }],
      ]);
    });

    it('refuses a closing reading that goes backwards, naming it, and leaves the journey and readings as they were', async () => {
      // Prepare
      const place = await supplyPointOfNewTenant();
      await record(place, reading('2025-01-01', 5_000));
      const opened = await call(place.actor, 'POST /v1/journeys', {
        body: { type: 'move-out', supplyPointId: place.supplyPointId, effectiveDate: '2025-03-31' },
      });
      const id = opened.body.id as string;
      const submitted = await move(place.actor, id, opened.etag, { action: 'submit' });
      const confirmed = await move(place.actor, id, submitted.etag, { action: 'confirm' });

      // Act
      const backwards = await move(place.actor, id, confirmed.etag, {
        action: 'make-effective',
        closingReading: reading('2025-03-31', 4_999),
      });
      const missing = await move(place.actor, id, confirmed.etag, { action: 'make-effective' });
      const readingOnCancel = await move(place.actor, id, confirmed.etag, {
        action: 'cancel',
        closingReading: reading('2025-03-31', 5_100),
      });

      // Assess
      expect(backwards.status).toBe(400);
      expect(backwards.body['invalid-params']).toEqual([
        { name: 'closingReading.value', reason: expect.stringContaining('lower than the previous reading') },
      ]);
      expect(missing.status).toBe(400);
      expect(missing.body['invalid-params']).toEqual([
        { name: 'closingReading', reason: expect.any(String) },
      ]);
      expect(readingOnCancel.status).toBe(400);
      expect(readingOnCancel.body['invalid-params']).toEqual([
        { name: 'closingReading', reason: 'only make-effective takes a reading, not cancel' },
      ]);
      const read = await call(place.actor, 'GET /v1/journeys/{journeyId}', { params: { journeyId: id } });
      expect(read.body).toMatchObject({ state: 'confirmed', version: 3 });
      expect(datesOf(await readingsOf(place))).toEqual(['2025-01-01 5000']);
    });

    it('finishes a transition on retry when its reading was recorded but the journey write failed', async () => {
      // Prepare: a journey store that loses the race once, as if someone else had written first.
      const place = await supplyPointOfNewTenant();
      const store = new DynamoJourneyStore(table);
      let failures = 1;
      const flaky: JourneyStore = {
        get: (t, j) => store.get(t, j),
        create: (j, e, i) => store.create(j, e, i),
        ofAccount: (t, a, o, p) => store.ofAccount(t, a, o, p),
        update: async (previous, next, event) => {
          if (failures-- > 0) throw new VersionMismatchError('journey', previous.id);
          return store.update(previous, next, event);
        },
      };
      const ulid = monotonicFactory();
      const journeys = new JourneyService({
        tenants: new DynamoTenantDirectory(table),
        clock: { now: () => new Date() },
        ids: { next: () => ulid() },
        journeys: flaky,
        accounts: new DynamoAccountStore(table),
        supplyPoints: energy.supplyPoints,
        readings: services.readings,
      });
      const { value: opened } = await journeys.open(place.actor, {
        type: 'move-in',
        supplyPointId: place.supplyPointId,
        effectiveDate: '2025-05-01',
      });
      const submitted = await services.journeys.transition(place.actor, opened.id, 1, { action: 'submit' });
      await services.journeys.transition(place.actor, opened.id, submitted.version, { action: 'confirm' });
      const request = { action: 'make-effective' as const, openingReading: reading('2025-05-01', 42) };

      // Act
      const first = await journeys.transition(place.actor, opened.id, 3, request).catch((e: unknown) => e);
      const retry = await journeys.transition(place.actor, opened.id, 3, request);

      // Assess
      expect(problemOf(first)?.status).toBe(412);
      expect(retry).toMatchObject({
        state: 'effective',
        version: 4,
        openingReading: { value: 42, meterNumber: 'M-1', journeyId: opened.id },
      });
      expect(datesOf(await readingsOf(place))).toEqual(['2025-05-01 42']);
    });

    it('answers another tenant’s journey, account and supply point as not found', async () => {
      // Prepare
      const place = await supplyPointOfNewTenant();
      const other = await supplyPointOfNewTenant();
      const opened = await call(place.actor, 'POST /v1/journeys', {
        body: { type: 'termination', supplyPointId: place.supplyPointId, effectiveDate: '2025-06-30' },
      });
      const id = opened.body.id as string;

      // Act
      const read = await call(other.actor, 'GET /v1/journeys/{journeyId}', { params: { journeyId: id } });
      const moved = await move(other.actor, id, '"1"', { action: 'cancel' });
      const listed = await call(other.actor, 'GET /v1/accounts/{accountId}/journeys', {
        params: { accountId: place.accountId },
      });
      const openedThere = await call(other.actor, 'POST /v1/journeys', {
        body: { type: 'termination', supplyPointId: place.supplyPointId },
      });

      // Assess
      expect([read.status, moved.status, listed.status]).toEqual([404, 404, 404]);
      expect(openedThere.status).toBe(400);
      expect(openedThere.body['invalid-params']).toEqual([
        { name: 'supplyPointId', reason: 'no such supply point' },
      ]);
      const mine = await call(place.actor, 'GET /v1/journeys/{journeyId}', { params: { journeyId: id } });
      expect(mine.body).toMatchObject({ state: 'requested', version: 1 });
      expect((await openJourneys(other)).body.items).toEqual([]);
    });

    it('answers a retried request with the same Idempotency-Key with the first journey', async () => {
      // Prepare
      const place = await supplyPointOfNewTenant();
      const body = { type: 'new-installation', supplyPointId: place.supplyPointId };
      const headers = { 'idempotency-key': 'journey-1' };

      // Act
      const first = await call(place.actor, 'POST /v1/journeys', { body, headers });
      const retry = await call(place.actor, 'POST /v1/journeys', { body, headers });

      // Assess
      expect([first.status, retry.status]).toEqual([201, 201]);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body.id).toBe(first.body.id);
      expect((await openJourneys(place)).body.items?.map((j) => j.id)).toEqual([first.body.id]);
    });
  });
});
