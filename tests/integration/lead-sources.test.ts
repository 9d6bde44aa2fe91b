import { readFileSync } from 'node:fs';
import { Logger } from '@aws-lambda-powertools/logger';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretsManagerWebhookSecrets } from '#adapters/secrets/secrets-manager-webhook-secrets';
import { leadWebhookApi } from '#api/sales/lead-webhook-bindings';
import { UnauthenticatedError, ValidationError } from '#domain/errors';
import { deliveryRetentionSeconds, type LeadSourceService } from '#domain/sales/leads/lead-source-service';
import { signWebhook } from '#domain/sales/leads/webhook-signature';
import { createHttpHandler } from '#http/http-handler';
import { leadSourceServices } from '#runtime/lead-source-services';
import { idempotencyEntity, outboxEventEntity } from '#table/core/entities';
import { leadEntity, leadSourceEntity } from '#table/sales/entities';
import { LOCAL_DYNAMODB_CREDENTIALS, LOCAL_DYNAMODB_REGION } from '../../lib/local/dynamodb-local';
import type { LocalService } from '../../lib/local/processes';
import { startLocalSecretsManager } from '../../lib/local/secrets-manager';
import { answerOf, httpEventWithClaims } from '../support/http-event';
import { recordingIds } from '../support/recording-ids';
import { salesFixture } from '../support/sales-fixture';
import { itemAt } from '../support/stored-items';

const body = readFileSync('events/lead-webhooks/property-portal-minimal.json', 'utf8');
const inquiry = JSON.parse(
  readFileSync('events/lead-webhooks/property-portal-inquiry.json', 'utf8'),
) as Record<string, unknown>;

/** A delivery signed with `secret` at the clock's time. */
function signed(secret: string, id: string, now: Date, raw = body) {
  return {
    headers: {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signWebhook(secret, id, now, raw),
    },
    rawBody: raw,
  };
}

describe('lead sources and their webhook', () => {
  let local: LocalService;
  let client: SecretsManagerClient;
  let sources: LeadSourceService;
  let f: Awaited<ReturnType<typeof salesFixture>>;
  const clock = { time: new Date('2026-11-20T09:00:00Z'), now: () => clock.time };

  beforeAll(async () => {
    local = await startLocalSecretsManager();
    client = new SecretsManagerClient({
      endpoint: local.endpoint,
      region: LOCAL_DYNAMODB_REGION,
      credentials: LOCAL_DYNAMODB_CREDENTIALS,
    });
    f = await salesFixture({ clock });
    sources = leadSourceServices(
      { table: f.table, webhookSecrets: new SecretsManagerWebhookSecrets(client, { clock, ttlMs: 0 }) },
      { clock },
    ).sources;
  });
  afterAll(async () => {
    client.destroy();
    await local.stop();
  });

  /** `payload` posted to the webhook function as JSON, with these headers; its answer. */
  const deliver = (sourceId: string, headers: Record<string, string>, payload: unknown) =>
    createHttpHandler(
      leadWebhookApi(sources),
      new Logger({ logLevel: 'SILENT' }),
    )(
      httpEventWithClaims(
        'POST /v1/webhooks/leads/{sourceId}',
        {},
        { params: { sourceId }, headers, body: payload },
      ),
    ).then(answerOf);
  /** The signature headers of `payload` sent as JSON. */
  const headersOf = (secret: string, id: string, payload: unknown, at = clock.now()) =>
    signed(secret, id, at, JSON.stringify(payload)).headers;

  it('refuses a source without a mapping or with an unknown preset, naming the field', async () => {
    await expect(sources.create(f.admin, { name: 'Nothing' })).rejects.toMatchObject({
      fields: [{ name: 'mapping' }],
    });
    await expect(sources.create(f.admin, { name: 'Nope', preset: 'nope' })).rejects.toMatchObject({
      fields: [{ name: 'preset' }],
    });
  });

  it('shows the secret once, takes signed deliveries and keeps the old secret a day after rotation', async () => {
    const { source, signingSecret } = await sources.create(f.admin, {
      name: 'Portal',
      preset: 'property-portal',
    });
    expect(signingSecret).toMatch(/^whsec_/);
    const first = await sources.receive(source.id, signed(signingSecret as string, 'd-1', clock.now()));
    expect(first.lead).toMatchObject({ attribution: { source: source.id }, segment: 'B2C', stage: 'lead' });

    const rotated = await sources.rotateSecret(f.admin, source.id);
    const old = await sources.receive(source.id, signed(signingSecret as string, 'd-2', clock.now()));
    expect(old.replayed).toBe(false);
    clock.time = new Date(clock.time.getTime() + 25 * 3_600_000);
    await expect(
      sources.receive(source.id, signed(signingSecret as string, 'd-3', clock.now())),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
    const fresh = await sources.receive(source.id, signed(rotated, 'd-4', clock.now()));
    expect(fresh.replayed).toBe(false);
  });

  it('remembers a delivery id for days: a late retry with a fresh timestamp is still a replay', async () => {
    const { source, signingSecret } = await sources.create(f.admin, {
      name: 'Retrying',
      preset: 'property-portal',
    });
    const first = await sources.receive(source.id, signed(signingSecret as string, 'late-1', clock.now()));
    clock.time = new Date(clock.time.getTime() + 3 * 24 * 3_600_000);
    const retry = await sources.receive(source.id, signed(signingSecret as string, 'late-1', clock.now()));
    expect(retry).toMatchObject({ replayed: true, lead: { id: first.lead.id } });
    // DynamoDB removes the key when `expiresAt` passes: it must outlast a sender's retries.
    const { Item } = await f.table.client.send(
      new GetCommand({
        TableName: f.table.name,
        Key: idempotencyEntity.key({
          tenantId: f.tenant.id,
          operationId: 'receiveLeadWebhook',
          idempotencyKey: `${source.id}:late-1`,
        }),
      }),
    );
    expect(Item?.expiresAt).toBe(
      Math.floor(Date.parse(first.lead.createdAt) / 1000) + deliveryRetentionSeconds,
    );
    expect(deliveryRetentionSeconds).toBeGreaterThanOrEqual(7 * 24 * 3600);
  });

  it('answers 401 for an unknown or deactivated source, and 400 for a payload the mapping cannot read', async () => {
    const { source, signingSecret } = await sources.create(f.admin, {
      name: 'Stopped',
      preset: 'property-portal',
    });
    await expect(
      sources.receive('01JZZZZZZZZZZZZZZZZZZZZZZZ', signed(signingSecret as string, 'x-1', clock.now())),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
    const unreadable = JSON.stringify({ contact: { name: 'No Way To Reach' } });
    await expect(
      sources.receive(source.id, signed(signingSecret as string, 'x-2', clock.now(), unreadable)),
    ).rejects.toBeInstanceOf(ValidationError);
    await sources.update(f.admin, source.id, source.version, { active: false });
    await expect(
      sources.receive(source.id, signed(signingSecret as string, 'x-3', clock.now())),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('answers every refused delivery with the same 401 problem, whatever the reason', async () => {
    // Prepare
    const payload = JSON.parse(body) as unknown;
    const live = await sources.create(f.admin, { name: 'Alike', preset: 'property-portal' });
    const stopped = await sources.create(f.admin, { name: 'Alike, stopped', preset: 'property-portal' });
    await sources.update(f.admin, stopped.source.id, stopped.source.version, { active: false });
    const secret = live.signingSecret as string;
    const stranger = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

    // Act
    const stale = new Date(clock.now().getTime() - 3_600_000);
    const answers = await Promise.all([
      deliver('01JZZZZZZZZZZZZZZZZZZZZZZZ', headersOf(secret, 'alike-1', payload), payload),
      deliver(live.source.id, headersOf(stranger, 'alike-2', payload), payload),
      deliver(live.source.id, headersOf(secret, 'alike-3', payload, stale), payload),
      deliver(live.source.id, {}, payload),
      deliver(stopped.source.id, headersOf(stopped.signingSecret as string, 'alike-4', payload), payload),
    ]);

    // Assess
    const [unknown, ...known] = answers;
    expect(unknown).toEqual({
      status: 401,
      headers: { 'content-type': 'application/problem+json' },
      body: {
        type: 'urn:gridline:problem:unauthorized',
        title: 'Unauthorized',
        status: 401,
        detail: 'the delivery is not signed by this lead source',
      },
    });
    expect(known).toEqual([unknown, unknown, unknown, unknown]);
  });

  it('answers a delivery id reused with another body with a 409 naming webhook-id, and makes no lead of it', async () => {
    // Prepare
    const { source, signingSecret } = await sources.create(f.admin, {
      name: 'Reused',
      preset: 'property-portal',
    });
    const secret = signingSecret as string;
    const first = { contact: { name: 'Vera Sundqvist', phone: '0701112233' } };
    const other = { contact: { name: 'Nils Sundqvist', phone: '0701112244' } };
    const made = await deliver(source.id, headersOf(secret, 'reused-1', first), first);

    // Act
    const reused = await deliver(source.id, headersOf(secret, 'reused-1', other), other);
    const again = await deliver(source.id, headersOf(secret, 'reused-1', first), first);

    // Assess
    expect(made).toMatchObject({ status: 202, body: { replayed: false } });
    expect(reused).toEqual({
      status: 409,
      headers: { 'content-type': 'application/problem+json' },
      body: {
        type: 'urn:gridline:problem:delivery-id-reused',
        title: 'Delivery id reused',
        status: 409,
        detail: 'this webhook-id was delivered before with another body; give a new message a new id',
        'invalid-params': [{ name: 'webhook-id', reason: 'already used with another request' }],
      },
    });
    expect(again).toMatchObject({ status: 202, body: { leadId: made.body.leadId, replayed: true } });
    const leads = await f.sales.leads.list(f.admin, { stage: 'lead' }, { limit: 100 });
    expect(leads.items.filter((lead) => lead.lastName === 'Sundqvist').map((lead) => lead.firstName)).toEqual(
      ['Vera'],
    );
  });

  it('answers an inquiry sent again under a new delivery id with the lead it made, writing no lead or event', async () => {
    // Prepare
    const ids = recordingIds();
    const { sources: recorded } = leadSourceServices(
      { table: f.table, webhookSecrets: new SecretsManagerWebhookSecrets(client, { clock, ttlMs: 0 }) },
      { clock, ids },
    );
    const { source, signingSecret } = await recorded.create(f.admin, {
      name: 'Resending',
      preset: 'property-portal',
    });
    const secret = signingSecret as string;
    const payload = { ...inquiry, inquiry_id: 'INQ-RESENT-1' };
    const first = await recorded.receive(
      source.id,
      signed(secret, 'resent-1', clock.now(), JSON.stringify(payload)),
    );
    const issuedBefore = ids.issued.length;

    // Act
    const again = await recorded.receive(
      source.id,
      signed(secret, 'resent-2', clock.now(), JSON.stringify(payload)),
    );

    // Assess
    expect(first).toMatchObject({ replayed: false, lead: { attribution: { externalId: 'INQ-RESENT-1' } } });
    expect(again).toEqual({ replayed: true, lead: first.lead });
    const tried = ids.issued.slice(issuedBefore);
    expect(tried.length).toBeGreaterThan(0);
    for (const id of tried) {
      expect(await itemAt(f.table, leadEntity.key({ tenantId: f.tenant.id, leadId: id }))).toBeUndefined();
      expect(
        await itemAt(f.table, outboxEventEntity.key({ tenantId: f.tenant.id, eventId: id })),
      ).toBeUndefined();
    }
  });

  it('makes one lead of an inquiry delivered several times at the same moment', async () => {
    // Prepare
    const { source, signingSecret } = await sources.create(f.admin, {
      name: 'Racing',
      preset: 'property-portal',
    });
    const secret = signingSecret as string;
    const payload = {
      ...inquiry,
      inquiry_id: 'INQ-RACE-1',
      contact: { name: 'Ragnar Racing', phone: '0702223344' },
    };
    const send = (id: string) => deliver(source.id, headersOf(secret, id, payload), payload);
    const deliveryIds = ['race-1', 'race-2', 'race-3'];

    // Act
    const answers = await Promise.all(deliveryIds.map(send));
    // A delivery that lost the race outright was told to retry (409 concurrent-change): its sender does, later.
    const settled = [];
    for (const [i, answer] of answers.entries())
      settled.push(answer.status === 202 ? answer : await send(deliveryIds[i] as string));

    // Assess
    const leads = await f.sales.leads.list(f.admin, { stage: 'lead' }, { limit: 100 });
    const made = leads.items.filter((lead) => lead.lastName === 'Racing');
    expect(made).toHaveLength(1);
    expect(answers.map((answer) => answer.body.type ?? answer.status)).toEqual(
      answers.map((answer) => (answer.status === 202 ? 202 : 'urn:gridline:problem:concurrent-change')),
    );
    expect(settled.map((answer) => [answer.status, answer.body.leadId])).toEqual(
      deliveryIds.map(() => [202, made[0]?.id]),
    );
    expect(settled.filter((answer) => !answer.body.replayed)).toHaveLength(1);
  });

  it('does not de-duplicate leads typed in by hand by their external id', async () => {
    // Prepare
    const typed = {
      lastName: 'Handskriven',
      phone: '0703334455',
      segment: 'B2C' as const,
      attribution: { source: 'manual', externalId: 'CRM-OLD-7' },
    };

    // Act
    const first = await f.sales.leads.create(f.admin, typed);
    const second = await f.sales.leads.create(f.admin, typed);

    // Assess
    expect([first.replayed, second.replayed]).toEqual([false, false]);
    expect(second.value.id).not.toBe(first.value.id);
  });

  it('answers a PATCH that changes nothing with the source as it is, writing nothing', async () => {
    // Prepare
    const { source } = await sources.create(f.admin, {
      name: 'Portal',
      preset: 'property-portal',
      defaultCampaign: 'host',
    });
    const key = leadSourceEntity.key({ tenantId: source.tenantId, sourceId: source.id });
    const stored = await itemAt(f.table, key);

    // Act
    const empty = await sources.update(f.admin, source.id, source.version, {});
    const same = await sources.update(f.admin, source.id, source.version, {
      name: ' Portal ',
      defaultCampaign: 'host',
      active: true,
      toleranceSeconds: source.toleranceSeconds,
    });
    const after = await itemAt(f.table, key);
    const renamed = await sources.update(f.admin, source.id, source.version, { name: 'Portalen' });

    // Assess
    expect(empty).toEqual(source);
    expect(same).toEqual(source);
    expect(after).toEqual(stored);
    expect(renamed).toMatchObject({ name: 'Portalen', version: source.version + 1 });
  });

  it('hides another tenant’s source', async () => {
    const { source } = await sources.create(f.admin, { name: 'Mine', preset: 'property-portal' });
    const other = await salesFixture({}, f.table);
    await expect(sources.get(other.admin, source.id)).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});
