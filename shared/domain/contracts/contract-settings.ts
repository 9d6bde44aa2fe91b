import type { InvalidField } from '#domain/errors';
import type { ContractTerm } from './contract';
import { type ContractTemplate, templateProblems } from './contract-template';
import { type SigningOrder, type SigningParty, signingOrders } from './e-signature';

/**
 * When a supply may start in a country after the contract is signed: the
 * distributor's switching rule (Slovakia: the first day of a month at least
 * 21 days ahead; Sweden: any day at least 14 days ahead). Tenant data: the
 * rules change with the market's regulations.
 */
export interface SupplyStartRule {
  readonly country: string;
  readonly kind: 'first-of-month' | 'any-day';
  readonly minDays: number;
}

/** The tenant's contract rules (`GET/PUT /v1/contracts/settings`); the defaults at version 0. */
export interface ContractRules {
  /** The language of the documents and of the e-signature provider's pages. */
  readonly locale: string;
  /** The tenant's person who proposes every contract at the e-signature provider. */
  readonly proposer?: SigningParty;
  readonly signingOrder: SigningOrder;
  /** A contract sent longer than this is re-checked at the provider daily, in case its callback was lost. */
  readonly recheckAfterDays: number;
  /** Days after signing in which a consumer (B2C) may withdraw. */
  readonly withdrawalDays: number;
  /** Days before a fixed term ends that its renewal deal is made. */
  readonly renewalNoticeDays: number;
  /** The term of a new contract. */
  readonly defaultTerm: ContractTerm;
  readonly supplyStartRules: readonly SupplyStartRule[];
  /**
   * The tenant's own document templates, one per kind (contract, offer) and
   * language; the starting ones serve the rest.
   */
  readonly templates: readonly ContractTemplate[];
}

export interface ContractSettings extends ContractRules {
  readonly tenantId: string;
  readonly version: number;
  readonly updatedAt?: string;
  readonly updatedBy?: string;
}

const localeOfCountry: Readonly<Record<string, string>> = { SK: 'sk', SE: 'sv', CZ: 'cs' };

export const defaultSupplyStartRules: readonly SupplyStartRule[] = [
  { country: 'SK', kind: 'first-of-month', minDays: 21 },
  { country: 'SE', kind: 'any-day', minDays: 14 },
];

/** The rules of stored settings, without what the store keeps about them. */
export function rulesOf(settings: ContractSettings): ContractRules {
  const { tenantId: _tenant, version: _version, updatedAt: _at, updatedBy: _by, ...rules } = settings;
  return rules;
}

export function defaultContractSettings(tenantId: string, country: string): ContractSettings {
  return {
    tenantId,
    version: 0,
    locale: localeOfCountry[country] ?? 'en',
    signingOrder: 'all_at_once',
    recheckAfterDays: 3,
    withdrawalDays: 14,
    renewalNoticeDays: 60,
    defaultTerm: { kind: 'fixed', months: 24 },
    supplyStartRules: defaultSupplyStartRules,
    templates: [],
  };
}

export function contractRulesProblems(rules: ContractRules): InvalidField[] {
  const invalid: InvalidField[] = [];
  const days = (name: string, value: number, max: number) => {
    if (!Number.isInteger(value) || value < 0 || value > max)
      invalid.push({ name, reason: `must be a whole number from 0 to ${max}` });
  };
  if (!/^[a-z]{2}$/.test(rules.locale))
    invalid.push({ name: 'locale', reason: 'must be a two-letter language code' });
  if (!signingOrders.includes(rules.signingOrder))
    invalid.push({ name: 'signingOrder', reason: `must be one of ${signingOrders.join(', ')}` });
  days('recheckAfterDays', rules.recheckAfterDays, 60);
  days('withdrawalDays', rules.withdrawalDays, 60);
  days('renewalNoticeDays', rules.renewalNoticeDays, 365);
  if (rules.defaultTerm.kind === 'fixed') days('defaultTerm.months', rules.defaultTerm.months, 120);
  const seen = new Set<string>();
  rules.supplyStartRules.forEach((rule, i) => {
    if (seen.has(rule.country))
      invalid.push({ name: `supplyStartRules.${i}.country`, reason: 'one rule per country' });
    seen.add(rule.country);
    days(`supplyStartRules.${i}.minDays`, rule.minDays, 365);
  });
  const kindsAndLocales = new Set<string>();
  rules.templates.forEach((template, i) => {
    const kindAndLocale = `${template.kind ?? 'contract'} ${template.locale}`;
    if (kindsAndLocales.has(kindAndLocale))
      invalid.push({ name: `templates.${i}.locale`, reason: 'one template per kind and language' });
    kindsAndLocales.add(kindAndLocale);
    invalid.push(...templateProblems(template, `templates.${i}`));
  });
  return invalid;
}
