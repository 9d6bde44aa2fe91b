import { beforeAll, describe, expect, it } from 'vitest';
import { accountsServices } from '#runtime/accounts-services';
import { settingsServices } from '#runtime/settings-services';
import type { Table } from '#table/core/table';
import { demoTenants, seedDemoData } from '../../lib/local/seed';
import { freshTable } from '../support/local-table';

describe('the demo data of the local runtime', () => {
  let table: Table;

  beforeAll(async () => {
    table = await freshTable();
    await seedDemoData(table);
  });

  it.each(demoTenants.map((t) => [t.profile.id]))(
    'gives the contacts of %s keywords from the tenant’s own keyword list, each counted',
    async (tenantId) => {
      // Prepare
      const actor = { tenantId, userId: `${tenantId}-admin` };
      const { contacts } = accountsServices({ table });
      const { settings } = settingsServices({ table });

      // Act
      const seeded = await contacts.list(actor, {}, { limit: 100 });
      const keywords = await settings.list(actor, 'keyword', {}, { limit: 100 });

      // Assess
      const used = seeded.items.flatMap((c) => c.keywords);
      const listed = new Map(keywords.items.map((k) => [k.id, k.usage.contacts]));
      expect(used.length).toBeGreaterThan(0);
      for (const id of used) expect(listed.get(id), id).toBeGreaterThan(0);
    },
  );

  it.each(demoTenants.map((t) => [t.profile.id]))(
    'gives one demo account of %s the paper communication preference, the others electronic',
    async (tenantId) => {
      // Act
      const { accounts } = accountsServices({ table });
      const seeded = await accounts.list({ tenantId, userId: `${tenantId}-admin` }, {}, { limit: 100 });

      // Assess
      const preferences = seeded.items.map((a) => a.communicationPreference);
      expect(preferences.filter((p) => p === 'paper')).toHaveLength(1);
      expect(preferences.filter((p) => p === 'electronic')).toHaveLength(preferences.length - 1);
    },
  );
});
