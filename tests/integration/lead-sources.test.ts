import { readFileSync } from 'node:fs';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretsManagerWebhookSecrets } from '#adapters/secrets/secrets-manager-webhook-secrets';
import { UnauthenticatedError, ValidationError } from '#domain/errors';
import { deliveryRetentionSeconds, type LeadSourceService } from '#domain/sales/leads/lead-source-service';
import { signWebhook } from '#domain/sales/leads/webhook-signature';
import { leadSourceServices } from '#runtime/lead-source-services';
import { idempotencyEntity } from '#table/core/entities';
import { leadSourceEntity } from '#table/sales/entities';
import { LOCAL_DYNAMODB_CREDENTIALS, LOCAL_DYNAMODB_REGION } from '../../lib/local/dynamodb-local';
import type { LocalService } from '../../lib/local/processes';
import { startLocalSecretsManager } from '../../lib/local/secrets-manager';
import { salesFixture } from '../support/sales-fixture';
import { itemAt } from '../support/stored-items';

const body = readFileSync('events/lead-webhooks/property-portal-minimal.json', 'utf8');

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
