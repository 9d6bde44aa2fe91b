import type { Contract, ContractLine } from '#domain/contracts/contract';
import type { SupplyPoint } from '#domain/energy/supply-point';
import { todayIn } from '#domain/sales/offers/offer';
import type { TenantProfile } from '#domain/tenant';
import type { RawValue } from './export-spec';

/** What one row is made of: a supply point of a signed contract, as contracted and as it is now, and the tenant. */
export interface RowSource {
  readonly contract: Contract;
  readonly line: ContractLine;
  /** The supply point as stored now (meter, address); absent when it was deleted. */
  readonly supplyPoint?: SupplyPoint;
  readonly tenant: TenantProfile;
}

interface Term {
  readonly description: string;
  readonly value: (row: RowSource) => RawValue;
}

const address = (row: RowSource) => row.contract.party.addresses[0];
const signer = (row: RowSource) => row.contract.signingPersons[0];
const mailing = (row: RowSource) =>
  row.contract.party.addresses.find((a) => a.kind === 'postal') ?? address(row);

/**
 * The names a column may take its value from (ADR 0017). Dates are calendar
 * days (`YYYY-MM-DD`) and numbers are numbers, so the column's format writes
 * them; everything else is text.
 */
export const vocabulary = {
  'contract.number': { description: 'The contract number', value: (r) => r.contract.number },
  'contract.signedOn': {
    description: 'The day it was signed, in the tenant’s calendar',
    value: (r) =>
      r.contract.signedAt ? todayIn(new Date(r.contract.signedAt), r.tenant.timeZone) : undefined,
  },
  'contract.requestedStartDate': {
    description: 'The requested supply start (the change date asked of the operator)',
    value: (r) => r.contract.requestedStartDate,
  },
  'contract.supplyStartDate': {
    description: 'The actual supply start, once the contract is active',
    value: (r) => r.contract.supplyStartDate,
  },
  'contract.termMonths': {
    description: 'Months of a fixed term; empty for an indefinite one',
    value: (r) => (r.contract.term.kind === 'fixed' ? r.contract.term.months : undefined),
  },
  'customer.name': {
    description: 'Customer or business name, as contracted',
    value: (r) => r.contract.party.name,
  },
  'customer.orgNumber': {
    description: 'IČO / organisationsnummer',
    value: (r) => r.contract.party.orgNumber,
  },
  'customer.type': { description: '`B2B` or `B2C`', value: (r) => r.contract.party.customerType },
  'customer.email': { description: 'The account’s e-mail', value: (r) => r.contract.party.email },
  'customer.phone': { description: 'The account’s first phone', value: (r) => r.contract.party.phones[0] },
  'customer.street': {
    description: 'Street and number of the account’s first address',
    value: (r) => address(r)?.street,
  },
  'customer.postcode': {
    description: 'Postcode of the account’s first address',
    value: (r) => address(r)?.postcode,
  },
  'customer.city': { description: 'City of the account’s first address', value: (r) => address(r)?.city },
  'mailing.street': {
    description: 'Postal address street (the first address without one)',
    value: (r) => mailing(r)?.street,
  },
  'mailing.postcode': { description: 'Postal address postcode', value: (r) => mailing(r)?.postcode },
  'mailing.city': { description: 'Postal address city', value: (r) => mailing(r)?.city },
  'signer.firstName': {
    description: 'First signing person’s first name',
    value: (r) => signer(r)?.firstName,
  },
  'signer.lastName': { description: 'First signing person’s last name', value: (r) => signer(r)?.lastName },
  'signer.email': { description: 'First signing person’s e-mail', value: (r) => signer(r)?.email },
  'signer.phone': { description: 'First signing person’s phone', value: (r) => signer(r)?.phone },
  'supplyPoint.identifier': {
    description: 'EIC / GSRN of the supply point',
    value: (r) => r.line.identifier,
  },
  'supplyPoint.commodity': { description: '`electricity` or `gas`', value: (r) => r.line.commodity },
  'supplyPoint.territory': {
    description: 'The distribution territory’s code',
    value: (r) => r.line.territoryCode,
  },
  'supplyPoint.band': { description: 'The consumption band it was priced in', value: (r) => r.line.bandCode },
  'supplyPoint.annualConsumptionKwh': {
    description: 'Annual consumption, kWh, as contracted',
    value: (r) => r.line.annualConsumptionKwh,
  },
  'supplyPoint.annualConsumptionM3': {
    description: 'Gas: annual consumption, m³ (the contracted quantity)',
    value: (r) => r.supplyPoint?.annualConsumptionM3 ?? r.supplyPoint?.derived.gas?.annualM3,
  },
  'supplyPoint.street': { description: 'Supply address street', value: (r) => r.supplyPoint?.address.street },
  'supplyPoint.houseNumber': {
    description: 'Supply address house number',
    value: (r) => r.supplyPoint?.address.houseNumber,
  },
  'supplyPoint.postcode': {
    description: 'Supply address postcode',
    value: (r) => r.supplyPoint?.address.postcode,
  },
  'supplyPoint.city': { description: 'Supply address city', value: (r) => r.supplyPoint?.address.city },
  'meter.number': { description: 'Meter number', value: (r) => r.supplyPoint?.meter.number },
  'meter.rate': {
    description: 'Distribution rate or tariff (for gas the tariff group)',
    value: (r) => r.supplyPoint?.meter.tariff,
  },
  'meter.reservedCapacityKw': {
    description: 'Reserved capacity, kW',
    value: (r) => r.supplyPoint?.meter.reservedCapacityKw,
  },
  'meter.mainBreakerAmps': {
    description: 'Main breaker, A',
    value: (r) => r.supplyPoint?.meter.mainBreakerAmps,
  },
  'product.code': { description: 'The product’s code', value: (r) => r.line.productCode },
  'product.name': { description: 'The product’s name', value: (r) => r.line.productName },
  'tenant.name': { description: 'The supplier’s name', value: (r) => r.tenant.name },
} as const satisfies Record<string, Term>;

export type VocabularyName = keyof typeof vocabulary;

export const vocabularyNames = Object.keys(vocabulary) as VocabularyName[];

export const isVocabularyName = (name: string): name is VocabularyName => Object.hasOwn(vocabulary, name);

/** The raw value of `field` for a row; undefined for an unknown name (refused when the spec is saved). */
export function rawValueOf(field: string, row: RowSource): RawValue {
  return isVocabularyName(field) ? vocabulary[field].value(row) : undefined;
}
