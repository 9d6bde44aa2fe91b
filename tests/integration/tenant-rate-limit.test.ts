import { Logger } from '@aws-lambda-powertools/logger';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TenantRateLimiter } from '#domain/rate-limits/tenant-rate-limiter';
import { createHttpHandler } from '#http/http-handler';
import { bind, defineRoute } from '#http/route';
import { tenantRateAdmission } from '#runtime/tenant-rate-admission';
import type { Table } from '#table/core/table';
import { rateBucketEntity } from '#table/rate-limits/entities';
import { DynamoRateBucketStore } from '#table/rate-limits/rate-bucket-store';
import { answerOf, httpEvent } from '../support/http-event';
import { freshTable } from '../support/local-table';
import { itemAt } from '../support/stored-items';

const t0 = new Date('2026-03-01T09:00:00Z');

describe('the tenants’ rate buckets in the table', () => {
  let table: Table;
  let store: DynamoRateBucketStore;

  beforeAll(async () => {
    table = await freshTable();
    store = new DynamoRateBucketStore(table);
  });

  const limiterAt = (now: () => Date, burst = 5) =>
    new TenantRateLimiter({ buckets: store, clock: { now }, limit: { perSecond: 2, burst } });

  it('keeps a bucket per tenant that refills with time, and expires a day after its last use', async () => {
    // Prepare
    let now = t0;
    const limiter = limiterAt(() => now, 2);

    // Act
    const burst = [await limiter.admit('norrsken'), await limiter.admit('norrsken')];
    const over = await limiter.admit('norrsken');
    const otherTenant = await limiter.admit('tatra');
    now = new Date(t0.getTime() + 500);
    const refilled = await limiter.admit('norrsken');

    // Assess
    expect(burst).toEqual([{ admitted: true }, { admitted: true }]);
    expect(over).toEqual({ admitted: false, retryAfterSeconds: 1 });
    expect([otherTenant, refilled]).toEqual([{ admitted: true }, { admitted: true }]);
    expect(await itemAt(table, rateBucketEntity.key({ tenantId: 'norrsken' }))).toMatchObject({
      entity: 'RateBucket',
      milliTokens: 0,
      countedAt: t0.getTime() + 500,
      version: 3,
      expiresAt: t0.getTime() / 1000 + 86_400,
    });
  });

  it('writes only over the version it read: a stale write is refused', async () => {
    // Prepare
    await store.write('stale', { milliTokens: 1000, countedAt: t0.getTime() }, undefined);
    const read = await store.read('stale', true);

    // Act
    const first = await store.write('stale', { milliTokens: 0, countedAt: t0.getTime() }, read?.version);
    const second = await store.write('stale', { milliTokens: 0, countedAt: t0.getTime() }, read?.version);
    const again = await store.write('stale', { milliTokens: 5000, countedAt: t0.getTime() }, undefined);

    // Assess
    expect([first, second, again]).toEqual([true, false, false]);
    expect(await store.read('stale', true)).toEqual({
      state: { milliTokens: 0, countedAt: t0.getTime() },
      version: 2,
    });
  });

  it('never admits more than the burst, however many requests of a tenant come at once', async () => {
    // Prepare
    const limiter = limiterAt(() => t0, 5);

    // Act
    const admissions = await Promise.all(Array.from({ length: 12 }, () => limiter.admit('crowded')));

    // Assess
    expect(admissions.filter((a) => a.admitted).length).toBeLessThanOrEqual(5);
    expect(admissions.filter((a) => a.admitted).length).toBeGreaterThan(0);
    expect(await store.read('crowded', true)).toMatchObject({
      state: { milliTokens: (5 - admissions.filter((a) => a.admitted).length) * 1000 },
    });
  });

  it('grows its leases while calls spend them: fifteen calls in four writes, then one token after a quiet second', async () => {
    // Prepare
    let now = t0;
    const limiter = limiterAt(() => now, 100);

    // Act
    const admissions = [];
    for (let i = 0; i < 15; i++) admissions.push(await limiter.admit('leasing'));
    const afterLeases = await store.read('leasing', true);
    now = new Date(t0.getTime() + 1000);
    admissions.push(await limiter.admit('leasing'));

    // Assess: leases of 1, 2, 4 and 8 tokens; after the second, a lease of one, with the refill counted.
    expect(admissions.every((a) => a.admitted)).toBe(true);
    expect(afterLeases).toEqual({ state: { milliTokens: 85_000, countedAt: t0.getTime() }, version: 4 });
    expect(await store.read('leasing', true)).toMatchObject({
      state: { countedAt: t0.getTime() + 1000 },
      version: 5,
    });
  });

  it('answers a call over its tenant’s rate with 429 problem+json and Retry-After, without running the route', async () => {
    // Prepare
    const ran: string[] = [];
    const ping = defineRoute({
      operationId: 'ping',
      method: 'GET',
      path: '/v1/ping',
      summary: 'Ping',
      tag: 'Test',
      permission: 'read',
      success: { status: 200, description: 'Pong', schema: z.object({ pong: z.boolean() }) },
      errors: [401, 429],
    });
    const handler = createHttpHandler(
      [
        bind(ping, async ({ caller }) => {
          ran.push(caller.userId);
          return { body: { pong: true } };
        }),
      ],
      new Logger({ logLevel: 'SILENT' }),
      [tenantRateAdmission(limiterAt(() => t0, 1))],
    );
    const call = async (userId: string) =>
      answerOf(await handler(httpEvent('GET /v1/ping', { tenantId: 'busy', userId, roles: ['sales'] })));

    // Act
    const first = await call('anna');
    const second = await call('erik');

    // Assess: the bucket is the tenant's, not the user's.
    expect(first.status).toBe(200);
    expect(second).toMatchObject({
      status: 429,
      headers: { 'retry-after': '1', 'content-type': 'application/problem+json' },
      body: { type: 'urn:gridline:problem:rate-limited', status: 429 },
    });
    expect(ran).toEqual(['anna']);
  });
});
