import { describe, expect, it } from 'vitest';
import { ConflictError } from '#domain/errors';
import { createSetting, type SettingOf, updateSetting } from '#domain/settings/setting';
import type { ChangeContext } from '#domain/stamps';
import { invalidFieldsOf } from '../../../support/validation-error';

const ctx = (now = '2025-03-01T10:00:00.000Z', userId = 'admin-1'): ChangeContext => ({
  tenant: {
    id: 'tenant-se',
    name: 'Nordel Energi',
    country: 'SE',
    currency: 'SEK',
    timeZone: 'Europe/Stockholm',
  },
  userId,
  now: new Date(now),
});

describe('createSetting', () => {
  it('creates a category active by default, with its scope, title trimmed and no usage', () => {
    // Prepare
    const draft = { title: '  Solar   panels ', scope: 'both' as const };

    // Act
    const category = createSetting('category', 'c1', draft, ctx());

    // Assess
    expect(category).toMatchObject({
      id: 'c1',
      kind: 'category',
      title: 'Solar panels',
      scope: 'both',
      active: true,
      usage: { accounts: 0, contacts: 0, deals: 0 },
      version: 1,
      createdBy: 'admin-1',
    });
  });

  it('refuses a blank title and a scope that does not exist, naming both fields', () => {
    // Act
    const fields = invalidFieldsOf(() =>
      createSetting('category', 'c1', { title: '   ', scope: 'everything' as never }, ctx()),
    );

    // Assess
    expect(fields).toEqual(['title', 'scope']);
  });

  it('puts a status type without an order at the next free order', () => {
    // Act
    const status = createSetting('status-type', 's1', { title: 'Not yet processed' }, ctx(), 4);

    // Assess
    expect(status.order).toBe(4);
  });

  it('keeps only the fields of the kind: an industry never stores a scope', () => {
    // Act
    const industry = createSetting(
      'industry',
      'i1',
      { title: 'Retail', scope: 'account' } as unknown as { title: string },
      ctx(),
    );

    // Assess
    expect(industry).not.toHaveProperty('scope');
  });

  it('de-duplicates the members of a user group and refuses a blank member by its position', () => {
    // Prepare
    const good = { title: 'Sales North', type: 'Sales' as const, members: ['u1', ' u2 ', 'u1'] };
    const bad = { title: 'Sales South', type: 'Sales' as const, members: ['u1', ' '] };

    // Act
    const group = createSetting('user-group', 'g1', good, ctx());
    const fields = invalidFieldsOf(() => createSetting('user-group', 'g2', bad, ctx()));

    // Assess
    expect(group.members).toEqual(['u1', 'u2']);
    expect(group.parentId).toBeUndefined();
    expect(fields).toEqual(['members.1']);
  });

  it('refuses a user group that is its own parent with a conflict', () => {
    // Act
    const act = () =>
      createSetting('user-group', 'g1', { title: 'Loop', type: 'Standard', parentId: 'g1' }, ctx());

    // Assess
    expect(act).toThrow(ConflictError);
  });
});

describe('deal stage validation', () => {
  const stage = (probabilityBasisPoints: number, status: 'open' | 'won' | 'lost') => () =>
    createSetting('deal-stage', 'd1', { title: 'Stage', probabilityBasisPoints, status }, ctx(), 1);

  it('accepts an open stage with any probability from 0 to 10000 basis points', () => {
    // Act
    const results = [0, 2500, 10_000].map((p) => stage(p, 'open')());

    // Assess
    expect(results.map((s) => s.probabilityBasisPoints)).toEqual([0, 2500, 10_000]);
  });

  it('refuses a probability outside 0–10000 or with a fraction of a basis point', () => {
    // Act
    const answers = [-1, 10_001, 12.5].map((p) => invalidFieldsOf(stage(p, 'open')));

    // Assess
    expect(answers).toEqual([
      ['probabilityBasisPoints'],
      ['probabilityBasisPoints'],
      ['probabilityBasisPoints'],
    ]);
  });

  it('requires a won stage to be certain and a lost stage to be hopeless', () => {
    // Act
    const wonAt90 = invalidFieldsOf(stage(9000, 'won'));
    const lostAt10 = invalidFieldsOf(stage(1000, 'lost'));
    const won = stage(10_000, 'won')();
    const lost = stage(0, 'lost')();

    // Assess
    expect(wonAt90).toEqual(['probabilityBasisPoints']);
    expect(lostAt10).toEqual(['probabilityBasisPoints']);
    expect([won.status, lost.status]).toEqual(['won', 'lost']);
  });

  it('refuses an unknown status and an order outside 1–9999', () => {
    // Act
    const fields = invalidFieldsOf(() =>
      createSetting(
        'deal-stage',
        'd1',
        { title: 'Stage', probabilityBasisPoints: 0, status: 'paused' as never, order: 0 },
        ctx(),
      ),
    );

    // Assess
    expect(fields).toEqual(['order', 'status']);
  });

  it('checks the stage as a whole on update: turning an open stage lost at 40 % is refused', () => {
    // Prepare
    const open = createSetting(
      'deal-stage',
      'd1',
      { title: 'Offer', probabilityBasisPoints: 4000, status: 'open' },
      ctx(),
      1,
    );

    // Act
    const fields = invalidFieldsOf(() => updateSetting(open, { status: 'lost' }, ctx()));
    const { setting } = updateSetting(open, { status: 'lost', probabilityBasisPoints: 0 }, ctx());

    // Assess
    expect(fields).toEqual(['probabilityBasisPoints']);
    expect(setting).toMatchObject({ status: 'lost', probabilityBasisPoints: 0, version: 2 });
  });
});

describe('updateSetting', () => {
  it('lists what changed, bumps the version and stamps the author', () => {
    // Prepare
    const category = createSetting('category', 'c1', { title: 'Solar', scope: 'account' }, ctx());

    // Act
    const { setting, changes } = updateSetting(
      category,
      { title: 'Solar power', active: false },
      ctx('2025-03-02T08:00:00.000Z', 'admin-2'),
    );

    // Assess
    expect(changes).toEqual([
      { field: 'title', from: 'Solar', to: 'Solar power' },
      { field: 'active', from: true, to: false },
    ]);
    expect(setting).toMatchObject({
      version: 2,
      updatedBy: 'admin-2',
      updatedAt: '2025-03-02T08:00:00.000Z',
      scope: 'account',
    });
  });

  it('moves a user group to the top when its parent is cleared with null', () => {
    // Prepare
    const group = createSetting(
      'user-group',
      'g2',
      { title: 'Team', type: 'Standard', parentId: 'g1' },
      ctx(),
    );

    // Act
    const { setting, changes } = updateSetting(group, { parentId: null }, ctx());

    // Assess
    expect(setting.parentId).toBeUndefined();
    expect('parentId' in setting).toBe(false);
    expect(changes).toEqual([{ field: 'parentId', from: 'g1', to: null }]);
  });

  it('refuses to clear the title', () => {
    // Prepare
    const industry: SettingOf<'industry'> = createSetting('industry', 'i1', { title: 'Retail' }, ctx());

    // Act
    const fields = invalidFieldsOf(() => updateSetting(industry, { title: null }, ctx()));

    // Assess
    expect(fields).toEqual(['title']);
  });
});
