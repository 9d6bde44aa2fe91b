import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import {
  type CompanyRegister,
  type RegisterAddress,
  type RegisterAnswer,
  RegisterAnswerError,
  type RegisterCompany,
  type RegisterQuery,
} from '#domain/registers/company-register';
import { parseReply, RegisterHttp, type RegisterHttpOptions } from './register-http';

/** The OAuth client Bolagsverket gives an API user, kept in Secrets Manager. */
export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface BolagsverketRegisterOptions extends RegisterHttpOptions {
  /** Reads the client id and secret; called when a token is needed. */
  readonly credentials: () => Promise<ClientCredentials>;
  /** Default `https://gw.api.bolagsverket.se`. */
  readonly baseUrl?: string;
  /** Default `https://portal.api.bolagsverket.se/oauth2/token`. */
  readonly tokenUrl?: string;
}

/** A token is renewed this long before it expires, so none runs out in flight. */
const tokenMarginMs = 60_000;

/**
 * Bolagsverket's open company data, the API "Värdefulla datamängder"
 * (https://gw.api.bolagsverket.se/vardefulla-datamangder/v1): an OAuth 2.0
 * client-credentials token (scope `vardefulla-datamangder:read`) from the
 * token endpoint, then `POST /organisationer` with
 * `{ "identitetsbeteckning": "5560360793" }`. An empty list or a 404
 * (`not.found`) is "not found". A token is reused until a minute before it
 * expires; a 401 drops it and asks once more with a fresh one.
 */
export class BolagsverketRegister implements CompanyRegister {
  private readonly endpoint: string;
  private readonly tokenUrl: string;
  private readonly http: RegisterHttp;
  private readonly now: () => number;
  private token: { readonly value: string; readonly until: number } | undefined;

  constructor(private readonly options: BolagsverketRegisterOptions) {
    const base = (options.baseUrl ?? 'https://gw.api.bolagsverket.se').replace(/\/+$/, '');
    this.endpoint = `${base}/vardefulla-datamangder/v1/organisationer`;
    this.tokenUrl = options.tokenUrl ?? 'https://portal.api.bolagsverket.se/oauth2/token';
    this.http = new RegisterHttp(options);
    this.now = options.now ?? Date.now;
  }

  async lookup(query: RegisterQuery): Promise<RegisterAnswer> {
    const number = query.orgNumber.replace('-', '');
    const what = `Bolagsverket organisationer for ${query.orgNumber}`;
    let reply = await this.organisations(number, what);
    if (reply.status === 401) {
      this.token = undefined;
      reply = await this.organisations(number, what);
      if (reply.status === 401) throw new RegisterAnswerError(`${what}: the token was refused twice (401)`);
    }
    if (reply.status === 404) return { status: 'not-found' };
    const { organisationer } = parseReply(what, reply.text, organisationsAnswer);
    const matching = organisationer.filter((o) =>
      o.organisationsidentitet.identitetsbeteckning.replace(/\D/g, '').endsWith(number),
    );
    // A sole trader may have several businesses on one number: the active one first.
    const organisation =
      matching.find((o) => !o.avregistreradOrganisation?.avregistreringsdatum) ?? matching[0];
    return organisation ? { status: 'found', company: companyOf(organisation) } : { status: 'not-found' };
  }

  private organisations(number: string, what: string) {
    return this.http.call(
      {
        url: this.endpoint,
        what,
        init: async () => ({
          method: 'POST',
          headers: {
            authorization: `Bearer ${await this.bearer()}`,
            'content-type': 'application/json',
            accept: 'application/json',
            'x-request-id': randomUUID(),
          },
          body: JSON.stringify({ identitetsbeteckning: number }),
        }),
      },
      (status) => status === 404 || status === 401,
    );
  }

  private async bearer(): Promise<string> {
    if (this.token && this.token.until > this.now()) return this.token.value;
    const { clientId, clientSecret } = await this.options.credentials();
    const what = 'Bolagsverket token request';
    const reply = await this.http.call({
      url: this.tokenUrl,
      what,
      init: async () => ({
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          scope: 'vardefulla-datamangder:read',
        }).toString(),
      }),
    });
    const token = parseReply(what, reply.text, tokenAnswer);
    this.token = { value: token.access_token, until: this.now() + token.expires_in * 1000 - tokenMarginMs };
    return token.access_token;
  }
}

const tokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });

const kodKlartext = z.object({ kod: z.string().nullish(), klartext: z.string().nullish() });

// The documented shapes, lenient: unknown attributes are dropped; a part a data source failed on
// comes with `fel` and without its values, so every part may be missing.
const organisation = z.object({
  organisationsidentitet: z.object({ identitetsbeteckning: z.string().min(1) }),
  organisationsnamn: z
    .object({
      organisationsnamnLista: z
        .array(
          z.object({
            namn: z.string().min(1),
            organisationsnamntyp: kodKlartext.nullish(),
            registreringsdatum: z.string().nullish(),
          }),
        )
        .nullish(),
    })
    .nullish(),
  organisationsform: kodKlartext.nullish(),
  avregistreradOrganisation: z.object({ avregistreringsdatum: z.string().nullish() }).nullish(),
  organisationsdatum: z.object({ registreringsdatum: z.string().nullish() }).nullish(),
  postadressOrganisation: z
    .object({
      postadress: z
        .object({
          utdelningsadress: z.string().nullish(),
          postnummer: z.string().nullish(),
          postort: z.string().nullish(),
          land: z.string().nullish(),
        })
        .nullish(),
    })
    .nullish(),
});

const organisationsAnswer = z.object({ organisationer: z.array(organisation) });

type Organisation = z.infer<typeof organisation>;

function companyOf(o: Organisation): RegisterCompany {
  const names = o.organisationsnamn?.organisationsnamnLista ?? [];
  const name = (names.find((n) => n.organisationsnamntyp?.kod === 'FORETAGSNAMN') ?? names[0])?.namn;
  if (!name) throw new RegisterAnswerError('Bolagsverket answered without the company’s name');
  const legalForm = o.organisationsform?.klartext ?? undefined;
  const address = addressOf(o.postadressOrganisation?.postadress);
  const registeredOn = isoDate(o.organisationsdatum?.registreringsdatum);
  const struckOffOn = isoDate(o.avregistreradOrganisation?.avregistreringsdatum);
  return {
    name,
    ...(legalForm ? { legalForm } : {}),
    ...(address ? { address } : {}),
    ...(registeredOn ? { registeredOn } : {}),
    struckOff: struckOffOn !== undefined,
    ...(struckOffOn ? { struckOffOn } : {}),
    // The open data has no board; statutory bodies come from the Slovak register only.
    statutoryBodies: [],
  };
}

/** A Swedish postal address; one abroad (`land` other than Sverige) is left out. */
function addressOf(
  postadress: NonNullable<Organisation['postadressOrganisation']>['postadress'],
): RegisterAddress | undefined {
  const street = postadress?.utdelningsadress;
  const digits = postadress?.postnummer?.replace(/\s/g, '');
  const city = postadress?.postort;
  const land = postadress?.land;
  if (!street || !digits || !city || (land && !/^sverige$/i.test(land))) return undefined;
  const postcode = /^\d{5}$/.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3)}` : digits;
  return { street, postcode, city: capitalised(city), country: 'SE' };
}

/** Bolagsverket writes post towns in capitals (`STOCKHOLM`). */
function capitalised(city: string): string {
  return city === city.toUpperCase() ? city.charAt(0) + city.slice(1).toLowerCase() : city;
}

function isoDate(value: string | null | undefined): string | undefined {
  return value ? /^\d{4}-\d{2}-\d{2}/.exec(value)?.[0] : undefined;
}
