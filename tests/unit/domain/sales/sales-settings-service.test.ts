import { describe, expect, it } from 'vitest';
import { ValidationError, VersionMismatchError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { SalesRules, SalesSettings } from '#domain/sales/sales-settings';
import { SalesSettingsService } from '#domain/sales/sales-settings-service';
import type { SalesSettingsStore } from '#domain/sales/sales-settings-store';
import { InMemorySettings, InMemoryUsers } from '../../../support/accounts-fakes';

const tenantId = 'norrsken';
const admin = { tenantId, userId: 'admin-1' };

/** One item per tenant, replaced only from the version it was read at, with the events written. */
class InMemorySalesSettings implements SalesSettingsStore {
  readonly items = new Map<string, SalesSettings>();
  readonly events: DomainEvent[] = [];

  async get(id: string) {
    return this.items.get(id);
  }

  async replace(next: SalesSettings, expectedVersion: number, event: DomainEvent) {
    if ((this.items.get(next.tenantId)?.version ?? 0) !== expectedVersion) {
      throw new VersionMismatchError('the sales settings', 'of this tenant');
    }
    this.items.set(next.tenantId, next);
    this.events.push(event);
  }
}

function setUp() {
  const store = new InMemorySalesSettings();
  const users = new InMemoryUsers().add(tenantId, 'anna').add(tenantId, 'bo', false);
  const groups = new InMemorySettings().add(tenantId, 'user-group', '01JNGRP000000000000000000A');
  let id = 0;
  const service = new SalesSettingsService({
    tenants: {
      profile: async (tid) => ({
        id: tid,
        name: 'Norrsken',
        country: 'SE',
        currency: 'SEK',
        timeZone: 'Europe/Stockholm',
      }),
    },
    clock: { now: () => new Date('2025-03-01T10:00:00Z') },
    ids: { next: () => `event-${++id}` },
    salesSettings: store,
    users,
    settings: groups,
  });
  return { service, store, users };
}

const rules = (routing: SalesRules['routing'] = { rules: [] }): SalesRules => ({
  scoring: { rules: [{ id: 'b2b', kind: 'attribute', attribute: 'segment', equals: 'B2B', points: 20 }] },
  routing,
  nurturing: { rules: [] },
  offers: { validityDays: 30 },
});

async function invalidFieldsOf(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${error}`);
  return error.fields.map((f) => f.name);
}

describe('SalesSettingsService', () => {
  it('answers the defaults at version 0 while none are stored', async () => {
    // Prepare
    const { service } = setUp();

    // Act
    const settings = await service.get(admin);

    // Assess
    expect(settings).toMatchObject({ tenantId, version: 0, offers: { validityDays: 30 } });
    expect(settings).not.toHaveProperty('updatedAt');
  });

  it('stores the first rules from version 0, with their author, and says which sections changed', async () => {
    // Prepare
    const { service, store } = setUp();

    // Act
    const saved = await service.replace(admin, 0, rules());

    // Assess
    expect(saved).toMatchObject({
      tenantId,
      version: 1,
      updatedAt: '2025-03-01T10:00:00.000Z',
      updatedBy: 'admin-1',
    });
    expect(await service.get(admin)).toEqual(saved);
    expect(store.events).toEqual([
      expect.objectContaining({
        type: 'SalesSettingsChanged',
        source: 'gridline.sales',
        tenantId,
        subject: { type: 'setting', id: 'sales-settings' },
        data: { version: 1, changed: ['scoring'] },
      }),
    ]);
  });

  it('refuses a change based on another version with 412', async () => {
    // Prepare
    const { service } = setUp();
    await service.replace(admin, 0, rules());

    // Act
    const stale = service.replace(admin, 0, { ...rules(), offers: { validityDays: 10 } });

    // Assess
    await expect(stale).rejects.toBeInstanceOf(VersionMismatchError);
  });

  it('writes nothing when the rules are the same', async () => {
    // Prepare
    const { service, store } = setUp();
    const first = await service.replace(admin, 0, rules());

    // Act
    const again = await service.replace(admin, 1, rules());

    // Assess
    expect(again).toEqual(first);
    expect(store.events).toHaveLength(1);
  });

  it('refuses routes to users and groups the tenant does not have, and to a deactivated user', async () => {
    // Prepare
    const { service } = setUp();
    const routing: SalesRules['routing'] = {
      rules: [
        { id: 'a', when: {}, to: { type: 'user', userId: 'nobody' } },
        { id: 'b', when: {}, to: { type: 'group', groupId: '01JNGRP000000000000000000B' } },
        { id: 'c', when: {}, to: { type: 'group', groupId: '01JNGRP000000000000000000A' } },
        { id: 'd', when: {}, to: { type: 'user', userId: 'anna' } },
      ],
      fallback: { type: 'user', userId: 'bo' },
    };

    // Act
    const fields = await invalidFieldsOf(service.replace(admin, 0, rules(routing)));

    // Assess
    expect(fields).toEqual([
      'routing.rules.0.to.userId',
      'routing.rules.1.to.groupId',
      'routing.fallback.userId',
    ]);
  });

  it('keeps a route to a user deactivated since it was set', async () => {
    // Prepare
    const { service, users } = setUp();
    const routing: SalesRules['routing'] = {
      rules: [{ id: 'a', when: {}, to: { type: 'user', userId: 'anna' } }],
    };
    await service.replace(admin, 0, rules(routing));
    users.add(tenantId, 'anna', false);

    // Act
    const saved = await service.replace(admin, 1, { ...rules(routing), offers: { validityDays: 45 } });

    // Assess
    expect(saved.version).toBe(2);
    expect(saved.routing.rules[0]?.to).toEqual({ type: 'user', userId: 'anna' });
  });

  it('refuses invalid rules, naming each field', async () => {
    // Prepare
    const { service } = setUp();

    // Act
    const fields = await invalidFieldsOf(
      service.replace(admin, 0, { ...rules(), offers: { validityDays: 0 } }),
    );

    // Assess
    expect(fields).toEqual(['offers.validityDays']);
  });
});
