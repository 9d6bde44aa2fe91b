import { type CustomerType, customerTypes } from '#domain/accounts/account';
import { type Commodity, commodities } from '#domain/energy/supply-point-identifier';
import type { InvalidField } from '#domain/errors';
import { tidyText, userTextProblem } from '#domain/user-text';
import type { LeadAttribution, LeadFields } from './lead';

/**
 * How a lead source's webhook payload becomes a lead: data stored on the
 * source, so a new portal needs a mapping, not code.
 *
 * A path names a value in the JSON payload: keys separated by dots, array
 * items by their index (`contacts.0.email`). Keys that contain a dot cannot
 * be named. A value that is absent, null or blank counts as no value.
 */

/** The lead fields fed by text: the names of `LeadFields`, nested ones dotted. */
export const mappedTextFields = [
  'firstName',
  'lastName',
  'companyName',
  'orgNumber',
  'email',
  'phone',
  'territoryCode',
  'address.street',
  'address.postalCode',
  'address.city',
  'address.country',
  'message',
  'attribution.campaign',
  'attribution.medium',
  'attribution.externalId',
] as const;
export type MappedTextField = (typeof mappedTextFields)[number];

export interface TextRule {
  readonly path: string;
  /** Used when the payload has no value there (a portal that sends no medium is always `referral`). */
  readonly default?: string;
}

/**
 * A field with a fixed set of values. The payload's value is looked up in
 * `values` (trimmed, in any case), else taken as it is when it is one of the
 * field's own values. `default` stands in for no value and for a value the
 * mapping does not know; without a default an unknown value makes the
 * payload invalid, which is the stricter choice.
 */
export interface ChoiceRule<T extends string> {
  readonly path?: string;
  readonly values?: Readonly<Record<string, T>>;
  readonly default?: T;
}

export const consumptionUnits = ['kWh', 'MWh'] as const;
export type ConsumptionUnit = (typeof consumptionUnits)[number];

export interface ConsumptionRule {
  readonly path: string;
  /** The unit the payload states the consumption in. Default kWh. */
  readonly unit?: ConsumptionUnit;
}

export type LeadMappingFields = { readonly [F in MappedTextField]?: TextRule } & {
  /** One name for the person, split at its last space: "Anna Maria Lind" → Anna Maria / Lind. A mapped firstName or lastName with a value wins. */
  readonly fullName?: TextRule;
  readonly segment: ChoiceRule<CustomerType>;
  readonly commodity?: ChoiceRule<Commodity>;
  readonly annualConsumptionKwh?: ConsumptionRule;
};

export interface LeadMapping {
  readonly fields: LeadMappingFields;
}

/** The lead as the payload states it, before e-mail and phone are normalised; the caller adds `attribution.source`. */
export type MappedLead = Omit<LeadFields, 'attribution'> & {
  readonly attribution: Omit<LeadAttribution, 'source'>;
};

export type LeadMappingResult =
  | { readonly fields: MappedLead }
  | { readonly invalid: readonly InvalidField[] };

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function applyLeadMapping(mapping: LeadMapping, payload: unknown): LeadMappingResult {
  const rules = mapping.fields;
  const invalid: InvalidField[] = [];
  const text = new Map<MappedTextField | 'fullName', string>();
  for (const field of [...mappedTextFields, 'fullName'] as const) {
    const rule = rules[field];
    if (rule === undefined) continue;
    const read = readText(payload, rule.path);
    if (typeof read === 'object') invalid.push({ name: field, reason: read.problem });
    // The API's text rules, which a delivery's fields come past no schema to meet.
    const problem =
      typeof read === 'string' && userTextProblem(read, field === 'message' ? 'multiline' : 'line');
    if (problem) invalid.push({ name: field, reason: `${rule.path} ${problem}` });
    const value = typeof read === 'string' ? read : rule.default?.trim() || undefined;
    if (value !== undefined) text.set(field, value);
  }
  const segment = readChoice(payload, 'segment', rules.segment, customerTypes, invalid);
  const commodity =
    rules.commodity && readChoice(payload, 'commodity', rules.commodity, commodities, invalid);
  const consumption = rules.annualConsumptionKwh && readConsumption(payload, rules.annualConsumptionKwh);
  if (typeof consumption === 'object')
    invalid.push({ name: 'annualConsumptionKwh', reason: consumption.problem });
  if (invalid.length > 0 || segment === undefined) return { invalid };

  const [splitFirst, splitLast] = splitName(text.get('fullName'));
  const lead: Mutable<MappedLead> = { segment, attribution: {} };
  const firstName = text.get('firstName') ?? splitFirst;
  const lastName = text.get('lastName') ?? splitLast;
  if (firstName !== undefined) lead.firstName = firstName;
  if (lastName !== undefined) lead.lastName = lastName;
  for (const field of ['companyName', 'orgNumber', 'email', 'phone', 'territoryCode', 'message'] as const) {
    const value = text.get(field);
    if (value !== undefined) lead[field] = value;
  }
  if (commodity !== undefined) lead.commodity = commodity;
  if (typeof consumption === 'number') lead.annualConsumptionKwh = consumption;
  const address = nested(text, 'address.', ['street', 'postalCode', 'city', 'country']);
  if (Object.keys(address).length > 0) lead.address = address;
  lead.attribution = nested(text, 'attribution.', ['campaign', 'medium', 'externalId']);
  return { fields: lead };
}

/** Mappings ready to copy onto a new lead source, by name. */
export const leadMappingPresets: Readonly<Record<string, LeadMapping>> = {
  /**
   * A property portal that forwards inquiries about its listings (someone
   * moving in or a company renting premises asks for an energy contract).
   * Samples: events/lead-webhooks/property-portal-*.json.
   */
  'property-portal': {
    fields: {
      fullName: { path: 'contact.name' },
      companyName: { path: 'contact.company.name' },
      orgNumber: { path: 'contact.company.registration_number' },
      email: { path: 'contact.email' },
      phone: { path: 'contact.phone' },
      segment: {
        path: 'contact.customer_type',
        values: { private: 'B2C', consumer: 'B2C', company: 'B2B', business: 'B2B' },
        default: 'B2C',
      },
      commodity: {
        path: 'energy.types.0',
        values: { electricity: 'electricity', gas: 'gas', district_heating: 'district-heating' },
      },
      annualConsumptionKwh: { path: 'energy.estimated_annual_consumption_mwh', unit: 'MWh' },
      'address.street': { path: 'listing.address.street' },
      'address.postalCode': { path: 'listing.address.postal_code' },
      'address.city': { path: 'listing.address.city' },
      'address.country': { path: 'listing.address.country_code' },
      message: { path: 'message' },
      'attribution.campaign': { path: 'utm.campaign' },
      'attribution.medium': { path: 'utm.medium', default: 'referral' },
      'attribution.externalId': { path: 'inquiry_id' },
    },
  },
};

/**
 * The value at `path`, or undefined when any step of it is missing. Only an
 * object's own keys and a list's indexes are followed (never `length` or
 * what an object inherits).
 */
export function readPath(payload: unknown, path: string): unknown {
  let value = payload;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    if (Array.isArray(value) && !/^\d+$/.test(key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

type Problem = { readonly problem: string };

/** Text in NFC, trimmed; a number is read as its digits. Undefined for no value. */
function readText(payload: unknown, path: string): string | undefined | Problem {
  const value = readPath(payload, path);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return { problem: `${path} holds ${describeValue(value)}, not text` };
  return tidyText(value) || undefined;
}

function readChoice<T extends string>(
  payload: unknown,
  field: 'segment' | 'commodity',
  rule: ChoiceRule<T>,
  known: readonly T[],
  invalid: InvalidField[],
): T | undefined {
  const read = rule.path === undefined ? undefined : readText(payload, rule.path);
  if (typeof read === 'object') {
    invalid.push({ name: field, reason: read.problem });
    return undefined;
  }
  if (read === undefined) {
    if (rule.default === undefined && field === 'segment')
      invalid.push({
        name: field,
        reason: `${rule.path ?? 'the payload'} gives no value and the mapping no default`,
      });
    return rule.default;
  }
  const key = read.toLowerCase();
  const mapped =
    Object.entries(rule.values ?? {}).find(([from]) => from.trim().toLowerCase() === key)?.[1] ??
    known.find((value) => value.toLowerCase() === key);
  if (mapped !== undefined) return mapped;
  if (rule.default !== undefined) return rule.default;
  invalid.push({ name: field, reason: `${rule.path}: "${read}" is not a value the mapping knows` });
  return undefined;
}

/** Whole kWh, 0 or more; a decimal comma and spaces between digit groups are read ("4 500,5"). */
function readConsumption(payload: unknown, rule: ConsumptionRule): number | undefined | Problem {
  const value = readPath(payload, rule.path);
  const unit = rule.unit ?? 'kWh';
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
    return undefined;
  const amount =
    typeof value === 'number' ? value : typeof value === 'string' ? readDecimal(value) : undefined;
  if (amount === undefined || amount < 0)
    return { problem: `${rule.path} holds ${describeValue(value)}, not an amount of ${unit}` };
  const kwh = Math.round(unit === 'MWh' ? amount * 1000 : amount);
  if (!Number.isSafeInteger(kwh)) return { problem: `${rule.path}: ${amount} ${unit} is too large` };
  return kwh;
}

function readDecimal(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,3}(\s?\d{3})*([.,]\d+)?$/.test(trimmed)) return undefined;
  return Number(trimmed.replace(/\s/g, '').replace(',', '.'));
}

function splitName(name: string | undefined): [string | undefined, string | undefined] {
  if (name === undefined) return [undefined, undefined];
  const words = name.split(/\s+/);
  // One word is taken as what people give first: their first name.
  if (words.length === 1) return [name, undefined];
  return [words.slice(0, -1).join(' '), words.at(-1)];
}

function nested<K extends string>(
  text: ReadonlyMap<string, string>,
  prefix: string,
  keys: readonly K[],
): { [P in K]?: string } {
  const found: { [P in K]?: string } = {};
  for (const key of keys) {
    const value = text.get(prefix + key);
    if (value !== undefined) found[key] = value;
  }
  return found;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean') return 'a boolean';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return String(value);
}
