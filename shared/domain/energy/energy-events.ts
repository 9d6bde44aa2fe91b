import * as z from 'zod';
import { entity, eventFactory, eventsOf } from '#domain/event-definition';
import { eventSources } from '#domain/service-context';
import type { CustomerJourney, RecordedReading } from './journey-stores';
import { journeyActions } from './journeys';
import type { PriceList } from './pricing/price-list';
import type { Product } from './pricing/product';
import type { SupplyPoint } from './supply-point';
import type { Territory } from './territory';

const energy = eventsOf(eventSources.energy);

/** The supply point's copy of its account's billing data. */
const billingCopy = z.object({
  accountName: z.string(),
  email: z.string().optional(),
  billingAddress: z
    .object({ street: z.string(), postcode: z.string(), city: z.string(), country: z.string() })
    .optional(),
});

/** Supply points, territories, products and price lists, meter readings and customer journeys. */
export const energyEvents = {
  SupplyPointCreated: energy({
    when: 'a supply point is created (its address is then verified)',
    subjects: ['supplyPoint'],
    data: z.object({ supplyPoint: entity<SupplyPoint>('SupplyPoint') }),
  }),
  SupplyPointUpdated: energy({
    when: 'fields of a supply point change',
    subjects: ['supplyPoint'],
    data: z.object({ supplyPoint: entity<SupplyPoint>('SupplyPoint'), addressChanged: z.boolean() }),
  }),
  SupplyPointAddressChecked: energy({
    when: 'the geocoder answered for the supply point’s current address',
    subjects: ['supplyPoint'],
    data: z.object({ status: z.enum(['verified', 'ambiguous', 'not-found']) }),
  }),
  SupplyPointBillingSynced: energy({
    when: 'the account’s billing data was copied to the supply point',
    subjects: ['supplyPoint'],
    data: z.object({ billing: billingCopy }),
  }),
  TerritoryCreated: energy({
    when: 'a distribution territory is created',
    subjects: ['territory'],
    data: z.object({ territory: entity<Territory>('Territory', { key: 'code' }) }),
  }),
  TerritoryUpdated: energy({
    when: 'a distribution territory changes',
    subjects: ['territory'],
    data: z.object({ territory: entity<Territory>('Territory', { key: 'code' }) }),
  }),
  ProductCreated: energy({
    when: 'a product is created',
    subjects: ['product'],
    data: z.object({ product: entity<Product>('Product') }),
  }),
  ProductUpdated: energy({
    when: 'a product changes',
    subjects: ['product'],
    data: z.object({ product: entity<Product>('Product') }),
  }),
  PriceListPublished: energy({
    when: 'a new price list version of a product is published',
    subjects: ['product'],
    data: z.object({ priceList: entity<PriceList>('PriceList', { key: 'productId' }) }),
  }),
  MeterReadingRecorded: energy({
    when: 'a meter reading is recorded (also by a journey)',
    subjects: ['supplyPoint'],
    data: z.object({ reading: entity<RecordedReading>('MeterReading') }),
  }),
  JourneyRequested: energy({
    when: 'a customer journey is opened',
    subjects: ['journey'],
    data: z.object({ journey: entity<CustomerJourney>('Journey') }),
  }),
  JourneyTransitioned: energy({
    when: 'a customer journey changes state',
    subjects: ['journey'],
    data: z.object({ action: z.enum(journeyActions), journey: entity<CustomerJourney>('Journey') }),
  }),
};

/** The events after which a supply point's address is verified. */
export const addressVerificationEvents = ['SupplyPointCreated', 'SupplyPointUpdated'] as const;

export const newEnergyEvent = eventFactory(energyEvents);
