import { describe, expect, it } from 'vitest';
import {
  createProduct,
  isCurrencyCode,
  type Product,
  updateProduct,
  withPublishedPriceList,
} from '#domain/energy/pricing/product';
import { ConflictError, ValidationError } from '#domain/errors';
import type { ChangeContext } from '#domain/stamps';
import type { TenantProfile } from '#domain/tenant';

const slovakTenant: TenantProfile = {
  id: 'tenant-sk',
  name: 'Tatra Energia',
  country: 'SK',
  currency: 'EUR',
  timeZone: 'Europe/Bratislava',
};

const context = (now = new Date('2025-03-01T10:00:00.000Z'), userId = 'user-1'): ChangeContext => ({
  tenant: slovakTenant,
  userId,
  now,
});

function rejectionOf<E extends Error>(type: new (...args: never[]) => E, act: () => unknown): E {
  try {
    act();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}, but the call succeeded`);
}

const fixedElectricity = () =>
  createProduct('product-1', { name: ' Fix 24 ', code: 'fix-24', commodity: 'electricity' }, context());

describe('createProduct', () => {
  it('defaults to the tenant’s currency and active, trims the name and upper-cases the code', () => {
    // Act
    const product = fixedElectricity();

    // Assess
    expect(product).toEqual({
      id: 'product-1',
      tenantId: 'tenant-sk',
      name: 'Fix 24',
      code: 'FIX-24',
      commodity: 'electricity',
      currency: 'EUR',
      active: true,
      priceListCount: 0,
      createdAt: '2025-03-01T10:00:00.000Z',
      createdBy: 'user-1',
      updatedAt: '2025-03-01T10:00:00.000Z',
      updatedBy: 'user-1',
      version: 1,
    });
  });

  it('names every invalid field at once', () => {
    // Act
    const error = rejectionOf(ValidationError, () =>
      createProduct(
        'product-2',
        // biome-ignore lint/suspicious/noExplicitAny: a caller outside the HTTP schema may send anything.
        { name: '  ', code: 'no spaces', commodity: 'oil' as any, currency: 'XYZ' },
        context(),
      ),
    );

    // Assess
    expect(error.fields.map((f) => f.name)).toEqual(['name', 'code', 'commodity', 'currency']);
  });

  it('keeps a null description out of the product', () => {
    const product = createProduct(
      'product-3',
      { name: 'Gas Flex', code: 'GF', commodity: 'gas', description: null, currency: 'sek' },
      context(),
    );
    expect(product).not.toHaveProperty('description');
    expect(product.currency).toBe('SEK');
  });
});

describe('isCurrencyCode', () => {
  it('accepts ISO 4217 codes and refuses anything else', () => {
    expect(['EUR', 'SEK', 'CZK'].map(isCurrencyCode)).toEqual([true, true, true]);
    expect(['eur', 'EURO', 'ABC', ''].map(isCurrencyCode)).toEqual([false, false, false, false]);
  });
});

describe('updateProduct', () => {
  const later = context(new Date('2025-03-02T08:00:00.000Z'), 'user-2');

  it('changes the fields sent, reports them, and bumps the version', () => {
    // Act
    const { product, changes } = updateProduct(
      fixedElectricity(),
      { name: 'Fix 36', description: 'Three years' },
      later,
    );

    // Assess
    expect(product).toMatchObject({
      name: 'Fix 36',
      description: 'Three years',
      version: 2,
      updatedBy: 'user-2',
    });
    expect(changes).toEqual([
      { field: 'name', from: 'Fix 24', to: 'Fix 36' },
      { field: 'description', from: null, to: 'Three years' },
    ]);
  });

  it('refuses to clear a required field', () => {
    const error = rejectionOf(ValidationError, () =>
      updateProduct(fixedElectricity(), { active: null }, later),
    );
    expect(error.fields).toEqual([{ name: 'active', reason: 'is required' }]);
  });

  it('lets commodity and currency change until the first price list, and not after', () => {
    // Prepare
    const unpriced = fixedElectricity();
    const priced: Product = withPublishedPriceList(unpriced, later);

    // Act
    const before = updateProduct(unpriced, { commodity: 'gas', currency: 'CZK' }, later);
    const after = rejectionOf(ConflictError, () =>
      updateProduct(priced, { currency: 'CZK', active: false }, later),
    );

    // Assess
    expect(before.product).toMatchObject({ commodity: 'gas', currency: 'CZK' });
    expect(after.fields).toEqual([{ name: 'currency', reason: 'is fixed once a price list is published' }]);
    expect(updateProduct(priced, { active: false }, later).product.active).toBe(false);
  });
});

describe('withPublishedPriceList', () => {
  it('counts the list and moves the product to its next version', () => {
    const product = withPublishedPriceList(fixedElectricity(), context(new Date('2025-04-01T00:00:00.000Z')));
    expect(product).toMatchObject({ priceListCount: 1, version: 2, updatedAt: '2025-04-01T00:00:00.000Z' });
  });
});
