import { normaliseOrgNumber } from '#domain/identifiers/org-number';

/** The countries whose company register Gridline asks: Slovakia's RPO and Sweden's Bolagsverket. */
export const registerCountries = ['SK', 'SE'] as const;
export type RegisterCountry = (typeof registerCountries)[number];

/** A company looked up by its country and organisation number (SK IČO, SE organisationsnummer). */
export interface RegisterQuery {
  readonly country: RegisterCountry;
  /** Normalised: 8 digits for an IČO, `NNNNNN-NNNN` for a Swedish number. */
  readonly orgNumber: string;
}

export interface RegisterAddress {
  readonly street: string;
  readonly postcode: string;
  readonly city: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
}

/** A person or company that acts for the company (SK: štatutárny orgán). */
export interface StatutoryBody {
  readonly name: string;
  /** As the register words it, e.g. `konateľ`. */
  readonly role: string;
  /** ISO date. */
  readonly since?: string;
}

/** What the register says about a company. Dates are ISO dates (YYYY-MM-DD). */
export interface RegisterCompany {
  readonly name: string;
  readonly legalForm?: string;
  readonly address?: RegisterAddress;
  readonly registeredOn?: string;
  /** Struck off, terminated or deregistered: the company no longer exists in the register. */
  readonly struckOff: boolean;
  readonly struckOffOn?: string;
  readonly statutoryBodies: readonly StatutoryBody[];
}

/** "Not found" is an answer, not an error: the register does not know this number. */
export type RegisterAnswer =
  | { readonly status: 'found'; readonly company: RegisterCompany }
  | { readonly status: 'not-found' };

/** The port: one company register, or several behind one dispatcher. */
export interface CompanyRegister {
  lookup(query: RegisterQuery): Promise<RegisterAnswer>;
}

/**
 * Transient: the register throttled us (429), did not answer in time or
 * failed (5xx, network). Asking again later may succeed; `retryAfterMs` is
 * how long the register asked us to wait, when it said so.
 */
export class RegisterUnavailableError extends Error {
  readonly retryAfterMs?: number;

  constructor(message: string, options?: ErrorOptions & { retryAfterMs?: number }) {
    super(message, options);
    this.name = 'RegisterUnavailableError';
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * Permanent: asking again cannot help. The answer does not have the
 * documented shape, the credentials are refused, or the register rejects the
 * request itself; a human has to look.
 */
export class RegisterAnswerError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RegisterAnswerError';
  }
}

/**
 * The query for an account's organisation number, or undefined when there is
 * nothing to ask: no number, a country without a register adapter, or a
 * number that does not pass its check digit.
 */
export function registerQuery(country: string, orgNumber: string | undefined): RegisterQuery | undefined {
  const upper = country.toUpperCase();
  if (orgNumber === undefined || !(registerCountries as readonly string[]).includes(upper)) return undefined;
  const normalised = normaliseOrgNumber(upper as RegisterCountry, orgNumber);
  return normalised.ok ? { country: upper as RegisterCountry, orgNumber: normalised.value } : undefined;
}
