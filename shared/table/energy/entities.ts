import type { BandTable } from '#domain/energy/consumption-bands';
import type { CustomerJourney, RecordedReading, RegisterMarker } from '#domain/energy/journey-stores';
import type { PriceEntry, PriceList } from '#domain/energy/pricing/price-list';
import type { Product } from '#domain/energy/pricing/product';
import type { GasConversionSettings } from '#domain/energy/stores';
import type { SupplyPoint } from '#domain/energy/supply-point';
import type { Territory } from '#domain/energy/territory';
import { accountPartition } from '#table/accounts/entities';
import { defineEntity } from '#table/core/entity';
import { date, folded, oneOf, padded, tenant, text, ulid } from '#table/core/facets';
import { key, sharedKey } from '#table/core/key-template';

/** A journey's partition. */
export const journeyPartition = /* @__PURE__ */ sharedKey(
  () => key`T#${tenant}#JOURNEY#${text('journeyId')}`,
);

/** A territory's partition. */
export const territoryPartition = /* @__PURE__ */ sharedKey(() => key`T#${tenant}#TERRITORY#${text('code')}`);

/** A supply point's partition: the supply point, its meter readings and their markers. */
export const supplyPointPartition = /* @__PURE__ */ sharedKey(
  () => key`T#${tenant}#SUPPLYPOINT#${text('supplyPointId')}`,
);
/** A product's partition: the product and its price list versions. */
export const productPartition = /* @__PURE__ */ sharedKey(
  () => key`T#${tenant}#PRODUCT#${text('productId')}`,
);

export const supplyPointEntity = /* @__PURE__ */ defineEntity<SupplyPoint>()(() => ({
  name: 'SupplyPoint',
  description: 'A metering point, in its account’s collection while live.',
  key: { pk: supplyPointPartition, sk: key`SUPPLYPOINT` },
  indexes: {
    gsi1: { pk: accountPartition, sk: key`SUPPLYPOINT#${ulid('supplyPointId')}` },
    gsi2: { pk: key`T#${tenant}#SUPPLYPOINTS`, sk: key`${text('identifier')}#${text('supplyPointId')}` },
  },
  patterns: {
    byId: { index: 'table', sortKey: 'equals', operation: 'GetItem' },
    ofAccount: { index: 'gsi1', sortKey: 'beginsWith', operation: 'Query' },
  },
}));

export const meterReadingEntity = /* @__PURE__ */ defineEntity<RecordedReading>()(() => ({
  name: 'MeterReading',
  description: 'A meter reading, per register by date, in its supply point’s partition.',
  key: {
    pk: supplyPointPartition,
    sk: key`READING#${text('register')}#${date('date')}#${text('readingId')}`,
  },
  patterns: {
    ofSupplyPoint: {
      index: 'table',
      sortKey: 'beginsWith',
      sortKeyFacets: ['register'],
      order: 'descending',
      operation:
        'Query (one register or all); consistent, page by page, to check a new reading against earlier ones',
    },
  },
}));

export const readingMarkerEntity = /* @__PURE__ */ defineEntity<RegisterMarker>()(() => ({
  name: 'ReadingMarker',
  description:
    'The latest reading of a register; its version serialises concurrent readings. `READING-LATEST#` does not begin with `READING#`, so reading queries never see it.',
  key: { pk: supplyPointPartition, sk: key`READING-LATEST#${text('register')}` },
  patterns: {
    ofRegister: {
      index: 'table',
      sortKey: 'equals',
      operation: 'consistent GetItem; versioned Put in the reading’s transaction',
    },
  },
}));

export const territoryEntity = /* @__PURE__ */ defineEntity<Territory>()(() => ({
  name: 'Territory',
  description: 'A distribution territory.',
  key: { pk: territoryPartition, sk: key`TERRITORY` },
  indexes: { gsi2: { pk: key`T#${tenant}#TERRITORIES`, sk: key`${text('code')}` } },
  patterns: {
    byCode: { index: 'table', sortKey: 'equals', operation: 'GetItem' },
    all: { index: 'gsi2', operation: 'Query' },
  },
}));

export const bandTableEntity = /* @__PURE__ */ defineEntity<BandTable>()(() => ({
  name: 'BandTable',
  description: 'The consumption bands of a commodity and customer type.',
  key: { pk: key`T#${tenant}#BANDTABLE#${text('commodity')}#${text('customerType')}`, sk: key`BANDTABLE` },
  patterns: { ofCommodity: { index: 'table', sortKey: 'equals', operation: 'GetItem; Put' } },
}));

export const gasConversionEntity = /* @__PURE__ */ defineEntity<GasConversionSettings>()(() => ({
  name: 'GasConversion',
  description: 'The tenant’s gas conversion settings (volume coefficients, calorific value).',
  key: { pk: key`T#${tenant}#GASCONVERSION`, sk: key`GASCONVERSION` },
  patterns: { ofTenant: { index: 'table', sortKey: 'equals', operation: 'GetItem; Put' } },
}));

export const productEntity = /* @__PURE__ */ defineEntity<Product>()(() => ({
  name: 'Product',
  description: 'A product; its version serialises price list publishes.',
  key: { pk: productPartition, sk: key`PRODUCT` },
  indexes: { gsi2: { pk: key`T#${tenant}#PRODUCTS`, sk: key`${folded('name')}#${text('productId')}` } },
  patterns: {
    byId: { index: 'table', sortKey: 'equals', operation: 'GetItem' },
    byName: {
      index: 'gsi2',
      sortKey: 'beginsWith',
      sortKeyFacets: ['name'],
      operation: 'Query, read on until the page is full (filter: commodity)',
    },
  },
}));

export const priceListEntity = /* @__PURE__ */ defineEntity<PriceList>()(() => ({
  name: 'PriceList',
  description: 'A price list version, in its product’s partition.',
  key: { pk: productPartition, sk: key`PRICELIST#${padded('version', 6)}` },
  patterns: {
    ofProduct: {
      index: 'table',
      sortKey: 'beginsWith',
      order: 'descending',
      operation: 'Query; Put in the publish’s transaction',
    },
    byVersion: { index: 'table', sortKey: 'equals', operation: 'consistent GetItem' },
  },
}));

export const priceEntryEntity = /* @__PURE__ */ defineEntity<PriceEntry>()(() => ({
  name: 'PriceEntry',
  description:
    'One price series per product, territory and band; entries sorted by the first day they apply, so “the price on day D” is one Query.',
  key: {
    pk: key`T#${tenant}#PRICE#${text('productId')}#${text('territoryCode')}#${text('bandCode')}`,
    sk: key`FROM#${date('validFrom')}`,
  },
  patterns: {
    onDay: {
      index: 'table',
      sortKey: 'atMost',
      sortKeyFacets: ['validFrom'],
      order: 'descending',
      operation: 'Query, limit 1; Put in the publish’s transaction',
    },
    lastStartBefore: {
      index: 'table',
      sortKey: 'before',
      sortKeyFacets: ['validFrom'],
      order: 'descending',
      operation: 'consistent Query, limit 1: a publish’s overlap check',
    },
    lastStart: {
      index: 'table',
      sortKey: 'beginsWith',
      order: 'descending',
      operation: 'consistent Query, limit 1: the overlap check of a publish with no end',
    },
  },
}));

export const journeyEntity = /* @__PURE__ */ defineEntity<CustomerJourney>()(() => ({
  name: 'Journey',
  description:
    'A customer journey, in its account’s collection under `OPEN` until final, then `CLOSED`: finishing it takes it off the open list in the same write.',
  key: { pk: journeyPartition, sk: key`JOURNEY` },
  indexes: {
    gsi1: {
      pk: accountPartition,
      sk: key`JOURNEY#${oneOf('status', ['OPEN', 'CLOSED'])}#${ulid('journeyId')}`,
    },
  },
  patterns: {
    byId: {
      index: 'table',
      sortKey: 'equals',
      operation: 'GetItem; versioned Put in the transaction of its event',
    },
    ofAccount: {
      index: 'gsi1',
      sortKey: 'beginsWith',
      order: 'descending',
      // `OPEN` sorts after `CLOSED`: descending lists the open ones first.
      operation: 'Query; the open ones come first',
    },
    openOfAccount: {
      index: 'gsi1',
      fixed: { status: 'OPEN' },
      sortKey: 'beginsWith',
      order: 'descending',
      operation: 'Query',
    },
  },
}));
