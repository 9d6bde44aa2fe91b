import { describe, expect, it } from 'vitest';
import type { Table } from '#table/core/table';
import { SettingSnapshots } from '#table/settings/setting-snapshots';

/** A table whose every BatchGetItem answers the given setting items and counts the reads. */
function tableAnswering(items: Record<string, unknown>[]) {
  const reads = { count: 0 };
  const table = {
    name: 'gridline',
    client: {
      send: async () => {
        reads.count++;
        return { Responses: { gridline: items } };
      },
    },
  } as unknown as Table;
  return { table, reads };
}

describe('SettingSnapshots', () => {
  it('reads a setting once while it keeps it, and again once it expired', async () => {
    // Prepare
    let now = 0;
    const snapshots = new SettingSnapshots(10_000, () => now);
    const { table, reads } = tableAnswering([{ id: 'c1', kind: 'category', scope: 'both', version: 3 }]);

    // Act
    await snapshots.read(table, 'norrsken', ['c1']);
    now = 9_999;
    await snapshots.read(table, 'norrsken', ['c1']);
    const warm = reads.count;
    now = 10_000;
    await snapshots.read(table, 'norrsken', ['c1']);

    // Assess
    expect([warm, reads.count]).toEqual([1, 2]);
  });

  it('binds a write built after the snapshot expired to the version its check read', async () => {
    // Prepare: a check just before the expiry.
    let now = 9_999;
    const snapshots = new SettingSnapshots(10_000, () => now - 9_999);
    const { table } = tableAnswering([{ id: 'c1', kind: 'category', scope: 'both', version: 3 }]);
    await snapshots.read(table, 'norrsken', ['c1']);

    // Act: the transaction built just after it.
    now = 20_000;
    const version = snapshots.versionOf('norrsken', 'c1');

    // Assess
    expect(version).toBe(3);
    expect(snapshots.versionOf('tatra', 'c1')).toBeUndefined();
  });

  it('forgets a tenant’s settings, and keeps no deleted one', async () => {
    // Prepare
    const snapshots = new SettingSnapshots(10_000, () => 0);
    const { table } = tableAnswering([
      { id: 'c1', kind: 'category', scope: 'both', version: 3 },
      { id: 'c2', kind: 'category', scope: 'both', version: 1, deletedAt: '2026-01-01T00:00:00Z' },
    ]);
    const found = await snapshots.read(table, 'norrsken', ['c1', 'c2']);

    // Act
    snapshots.forgetTenant('norrsken');

    // Assess
    expect([...found.keys()]).toEqual(['c1']);
    expect(snapshots.versionOf('norrsken', 'c1')).toBeUndefined();
    expect(snapshots.versionOf('norrsken', 'c2')).toBeUndefined();
  });
});
