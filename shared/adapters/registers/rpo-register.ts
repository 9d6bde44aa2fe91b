import * as z from 'zod';
import type {
  CompanyRegister,
  RegisterAddress,
  RegisterAnswer,
  RegisterCompany,
  RegisterQuery,
  StatutoryBody,
} from '#domain/registers/company-register';
import { parseReply, RegisterHttp, type RegisterHttpOptions } from './register-http';

export interface RpoRegisterOptions extends RegisterHttpOptions {
  /** Default `https://api.statistics.sk`; the local runtime points it at its stand-in. */
  readonly baseUrl?: string;
}

/**
 * Slovakia's Register of Legal Entities (Register právnických osôb, RPO)
 * of the Statistical Office, through its public JSON API (no key; licence
 * CC BY 4.0): `GET /rpo/v1/search?identifier={IČO}` finds the entity,
 * `GET /rpo/v1/entity/{id}` gives its detail with the statutory bodies.
 * Every attribute is a history of values with `validFrom`/`validTo`; the
 * current one is the one without an end.
 */
export class RpoRegister implements CompanyRegister {
  private readonly base: string;
  private readonly http: RegisterHttp;

  constructor(options: RpoRegisterOptions = {}) {
    this.base = `${(options.baseUrl ?? 'https://api.statistics.sk').replace(/\/+$/, '')}/rpo/v1`;
    this.http = new RegisterHttp(options);
  }

  async lookup(query: RegisterQuery): Promise<RegisterAnswer> {
    const ico = query.orgNumber;
    const search = await this.get(
      `${this.base}/search?${new URLSearchParams({ identifier: ico })}`,
      `RPO search for ${ico}`,
    );
    if (search === undefined) return { status: 'not-found' };
    const { results } = parseReply(`RPO search for ${ico}`, search, searchAnswer);
    const hit = results.find((r) => r.identifiers.some((i) => i.value.replace(/\s/g, '') === ico));
    if (!hit) return { status: 'not-found' };
    const what = `RPO entity ${hit.id}`;
    const detail = await this.get(`${this.base}/entity/${encodeURIComponent(String(hit.id))}`, what);
    if (detail === undefined) return { status: 'not-found' };
    return { status: 'found', company: companyOf(parseReply(what, detail, entityAnswer)) };
  }

  /** The body of a 2xx; undefined for the register's 404. */
  private async get(url: string, what: string): Promise<string | undefined> {
    const reply = await this.http.call(
      { url, what, init: async () => ({ headers: { accept: 'application/json' } }) },
      (status) => status === 404,
    );
    return reply.status === 404 ? undefined : reply.text;
  }
}

const period = { validFrom: z.string().nullish(), validTo: z.string().nullish() };
const valued = z.object({ value: z.string(), ...period });
const coded = z.object({ value: z.string(), code: z.string().nullish() });
const id = z.union([z.int(), z.string().min(1)]);

// The documented shapes, lenient: unknown attributes are dropped, optional ones may be null.
const searchAnswer = z.object({
  results: z.array(z.object({ id, identifiers: z.array(valued).default([]) })),
});

const entityAnswer = z.object({
  id,
  fullNames: z.array(valued).min(1),
  legalForms: z.array(z.object({ value: coded, ...period })).default([]),
  addresses: z
    .array(
      z.object({
        street: z.string().nullish(),
        regNumber: z.union([z.int(), z.string()]).nullish(),
        buildingNumber: z.string().nullish(),
        postalCodes: z.array(z.string()).nullish(),
        municipality: coded.nullish(),
        country: coded.nullish(),
        ...period,
      }),
    )
    .default([]),
  establishment: z.string().nullish(),
  termination: z.string().nullish(),
  statutoryBodies: z
    .array(
      z.object({
        stakeholderType: coded.nullish(),
        personName: z
          .object({
            formatedName: z.string().nullish(),
            givenNames: z.array(z.string()).nullish(),
            familyNames: z.array(z.string()).nullish(),
          })
          .nullish(),
        fullName: z.string().nullish(),
        ...period,
      }),
    )
    .default([]),
});

type Entity = z.infer<typeof entityAnswer>;

/** The value in force: the one without an end, else the latest. */
function current<T extends { readonly validTo?: string | null }>(history: readonly T[]): T | undefined {
  return history.find((entry) => !entry.validTo) ?? history.at(-1);
}

function companyOf(entity: Entity): RegisterCompany {
  const name = current(entity.fullNames)?.value ?? '';
  const legalForm = current(entity.legalForms)?.value.value;
  const address = addressOf(current(entity.addresses));
  const registeredOn = isoDate(entity.establishment);
  const struckOffOn = isoDate(entity.termination);
  return {
    name,
    ...(legalForm ? { legalForm } : {}),
    ...(address ? { address } : {}),
    ...(registeredOn ? { registeredOn } : {}),
    struckOff: Boolean(entity.termination),
    ...(struckOffOn ? { struckOffOn } : {}),
    statutoryBodies: entity.statutoryBodies.filter((b) => !b.validTo).flatMap(statutoryBodyOf),
  };
}

/** Slovakia in the RPO's country code list (the statistical office's numeric codes). */
const slovakia = '703';

/**
 * `Mlynské nivy 48/1` (súpisné/orientačné číslo); a village without streets
 * is written by its name. A seat abroad is left out: its country has no
 * ISO code in the answer.
 */
function addressOf(address: Entity['addresses'][number] | undefined): RegisterAddress | undefined {
  const city = address?.municipality?.value;
  const postcode = address?.postalCodes?.[0];
  const country = address?.country?.code ?? slovakia;
  if (!address || !city || !postcode || country !== slovakia) return undefined;
  const regNumber = address.regNumber ? String(address.regNumber) : '';
  const number = [regNumber === '0' ? '' : regNumber, address.buildingNumber ?? ''].filter(Boolean).join('/');
  return {
    street: [address.street || city, number].filter(Boolean).join(' '),
    postcode: postcode.replace(/\s/g, ''),
    city,
    country: 'SK',
  };
}

function statutoryBodyOf(body: Entity['statutoryBodies'][number]): StatutoryBody[] {
  const person = body.personName;
  const name =
    person?.formatedName ||
    [...(person?.givenNames ?? []), ...(person?.familyNames ?? [])].join(' ') ||
    body.fullName ||
    '';
  if (name === '') return [];
  const since = isoDate(body.validFrom);
  return [{ name, role: body.stakeholderType?.value ?? 'štatutárny orgán', ...(since ? { since } : {}) }];
}

/** The date part of the register's date or date-time. */
function isoDate(value: string | null | undefined): string | undefined {
  const date = value ? /^\d{4}-\d{2}-\d{2}/.exec(value)?.[0] : undefined;
  return date;
}
