import { beforeAll, describe, expect, it } from 'vitest';
import type { Page, PageRequest } from '#domain/ports';
import { accountsServices } from '#runtime/accounts-services';
import { energyServices } from '#runtime/energy-services';
import { settingsServices } from '#runtime/settings-services';
import type { Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { freshTable, swedishTenant } from '../support/local-table';

/** Every page of a list, following `nextCursor` until it is absent. */
async function allPages<T>(list: (page: PageRequest) => Promise<Page<T>>, limit: number): Promise<Page<T>[]> {
  const pages: Page<T>[] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ limit, cursor });
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor);
  return pages;
}

/** Runs `make` for 0 … count-1, a few at a time. */
async function times(count: number, make: (n: number) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < count; start += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, count - start) }, (_, offset) => make(start + offset)),
    );
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

describe('filtered lists fill their pages', () => {
  let table: Table;
  const tenant = swedishTenant();
  const admin = { tenantId: tenant.id, userId: 'admin-1' };

  beforeAll(async () => {
    table = await freshTable();
    await new DynamoTenantDirectory(table).save(tenant);
  });

  it('lists accounts of a customer type behind many of the other type in full pages, never an empty one with a cursor', async () => {
    // Prepare: 40 private customers first by name, then 5 businesses.
    const { accounts } = accountsServices({ table });
    await times(40, (n) => accounts.create(admin, { name: `Andersson ${pad(n)}`, customerType: 'B2C' }));
    await times(5, (n) => accounts.create(admin, { name: `Zeta ${n} AB`, customerType: 'B2B' }));

    // Act
    const pages = await allPages((page) => accounts.list(admin, { customerType: 'B2B' }, page), 2);

    // Assess
    expect(pages.map((page) => page.items.map((a) => a.name))).toEqual([
      ['Zeta 0 AB', 'Zeta 1 AB'],
      ['Zeta 2 AB', 'Zeta 3 AB'],
      ['Zeta 4 AB'],
    ]);
  });

  it('lists products of a commodity behind many of another in one full page', async () => {
    // Prepare
    const { pricing } = energyServices({ table });
    const product = (name: string, commodity: 'gas' | 'electricity') =>
      pricing.createProduct(admin, { name, code: name.replace(/\W/g, '-'), commodity, currency: 'SEK' });
    await times(30, (n) => product(`Gas ${pad(n)}`, 'gas'));
    await times(3, (n) => product(`Ström ${n}`, 'electricity'));

    // Act
    const first = await pricing.listProducts(admin, { commodity: 'electricity' }, { limit: 3 });

    // Assess
    expect(first.items.map((p) => p.name)).toEqual(['Ström 0', 'Ström 1', 'Ström 2']);
  });

  it('lists the categories of a scope behind many of another, resuming exactly where a page stopped', async () => {
    // Prepare: 30 categories for contacts, then 4 for accounts, in this order.
    const { settings } = settingsServices({ table });
    for (let n = 0; n < 30; n += 1)
      await settings.create(admin, 'category', { title: `Kontakt ${pad(n)}`, scope: 'contact' });
    for (let n = 0; n < 4; n += 1)
      await settings.create(admin, 'category', { title: `Konto ${n}`, scope: 'account' });

    // Act
    const pages = await allPages(
      (page) => settings.list(admin, 'category', { appliesTo: 'account' }, page),
      3,
    );

    // Assess
    expect(pages.map((page) => page.items.map((c) => c.title))).toEqual([
      ['Konto 0', 'Konto 1', 'Konto 2'],
      ['Konto 3'],
    ]);
  });
});
