import * as z from 'zod';
import { backoffMs, isTimeout, retryAfterDelayMs } from '#adapters/http/retry-timing';
import { decide, normaliseQuery } from '#domain/geocoding/decide';
import { GeocoderConfigurationError, GeocoderUnavailableError } from '#domain/geocoding/errors';
import type { AddressQuery, GeocodeResult, Geocoder, VerifiedAddress } from '#domain/geocoding/geocoder';

export interface MapyCzGeocoderOptions {
  /** Reads the API key, e.g. `secretApiKey` (./secret-api-key); called once per `verify`. */
  readonly apiKey: () => Promise<string>;
  readonly fetch?: typeof fetch;
  /** Default `https://api.mapy.cz` (Mapy.com documents the same API under `https://api.mapy.com`). */
  readonly baseUrl?: string;
  /** Per attempt, headers and body included. Default 3000. */
  readonly timeoutMs?: number;
  /** Attempts per `verify`, the first one included. Default 3. */
  readonly maxAttempts?: number;
  /** Client-side rate limit: at least this long between two request starts of this instance. Default 100. */
  readonly minIntervalMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Backoff before attempt n+1 is between ½ and 1 × baseDelayMs × 2^(n−1), at most 5 s. Default 200. */
  readonly baseDelayMs?: number;
  /** A Retry-After longer than this is not waited out: the call fails as unavailable at once. Default 10 000. */
  readonly maxRetryAfterMs?: number;
  readonly now?: () => number;
  readonly random?: () => number;
}

/**
 * Mapy.cz forward geocoding, `GET /v1/geocode` of the Mapy.com REST API
 * (https://developer.mapy.com/en/rest-api-mapy-cz/function/geocoding/,
 * OpenAPI at https://api.mapy.com/v1/docs/geocode/openapi.json).
 *
 * One request per verification: `query` is the address on one line
 * (`Hviezdoslavova 9, 811 02 Bratislava`), `type=regional.address` so that
 * only addresses come back, `locality` the country code, `limit=5`, `lang`
 * from the country. The key travels in the `X-Mapy-Api-Key` header, never in
 * the URL, so it stays out of access logs and error messages.
 *
 * Network errors, timeouts, 429 (Retry-After honoured) and 5xx are retried
 * with exponential backoff and jitter; after the last attempt they end in
 * {@link GeocoderUnavailableError}. 401/403 and other 4xx are not retried and
 * end in {@link GeocoderConfigurationError}. The documented limit is
 * 100 requests per second per key; `minIntervalMs` keeps one instance well
 * below it.
 */
export class MapyCzGeocoder implements Geocoder {
  private readonly apiKey: () => Promise<string>;
  private readonly fetch: typeof fetch;
  private readonly endpoint: string;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly minIntervalMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly baseDelayMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly now: () => number;
  private readonly random: () => number;
  /** Earliest time the next request may start. */
  private nextSlot = Number.NEGATIVE_INFINITY;

  constructor(options: MapyCzGeocoderOptions) {
    this.apiKey = options.apiKey;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.endpoint = `${(options.baseUrl ?? 'https://api.mapy.cz').replace(/\/+$/, '')}/v1/geocode`;
    this.timeoutMs = options.timeoutMs ?? 3000;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.minIntervalMs = options.minIntervalMs ?? 100;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.baseDelayMs = options.baseDelayMs ?? 200;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 10_000;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  async verify(address: AddressQuery): Promise<GeocodeResult> {
    const query = normaliseQuery(address);
    const body = await this.get(this.url(query));
    const candidates = parseAddresses(body).map((item) => toVerifiedAddress(item, query.country));
    return decide(query, candidates);
  }

  private url(query: AddressQuery): string {
    const streetLine = [query.street, query.houseNumber].filter(Boolean).join(' ');
    const placeLine = [query.postcode, query.city].filter(Boolean).join(' ');
    const params = new URLSearchParams({
      query: [streetLine, placeLine].filter(Boolean).join(', '),
      lang: languageFor(query.country),
      limit: '5',
      type: 'regional.address',
      locality: query.country.toLowerCase(),
    });
    return `${this.endpoint}?${params}`;
  }

  private async get(url: string): Promise<string> {
    const key = await this.apiKey();
    for (let attempt = 1; ; attempt++) {
      await this.throttle();
      const outcome = await this.attempt(url, key);
      if (outcome.ok) return outcome.body;
      const tooLong = outcome.retryAfterMs !== undefined && outcome.retryAfterMs > this.maxRetryAfterMs;
      if (attempt >= this.maxAttempts || tooLong) {
        throw new GeocoderUnavailableError(
          `Mapy.cz geocoding unavailable after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${outcome.problem}`,
          {
            cause: outcome.cause,
            ...(outcome.retryAfterMs === undefined ? {} : { retryAfterMs: outcome.retryAfterMs }),
          },
        );
      }
      await this.sleep(outcome.retryAfterMs ?? backoffMs(attempt, this.baseDelayMs, this.random));
    }
  }

  private async attempt(url: string, key: string): Promise<Attempt> {
    try {
      const response = await this.fetch(url, {
        headers: { 'X-Mapy-Api-Key': key, Accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (response.ok) return { ok: true, body: await response.text() };
      const detail = await excerpt(response);
      const status = response.status;
      if (status === 429) {
        const retryAfterMs = retryAfterDelayMs(response.headers.get('retry-after'), this.now());
        return { ok: false, problem: `429 Too Many Requests ${detail}`.trim(), retryAfterMs };
      }
      if (status >= 500) return { ok: false, problem: `${status} ${detail}`.trim() };
      if (status === 401 || status === 403)
        throw new GeocoderConfigurationError(`Mapy.cz refused the API key (${status}) ${detail}`.trim(), {
          status,
        });
      throw new GeocoderConfigurationError(`Mapy.cz rejected the request (${status}) ${detail}`.trim(), {
        status,
      });
    } catch (error) {
      if (error instanceof GeocoderConfigurationError) throw error;
      const problem = isTimeout(error) ? `no answer within ${this.timeoutMs} ms` : `network error (${error})`;
      return { ok: false, problem, cause: error };
    }
  }

  /** Reserves the next start slot before waiting, so concurrent calls queue up instead of bunching. */
  private async throttle(): Promise<void> {
    const now = this.now();
    const start = Math.max(now, this.nextSlot);
    this.nextSlot = start + this.minIntervalMs;
    if (start > now) await this.sleep(start - now);
  }
}

type Attempt =
  | { readonly ok: true; readonly body: string }
  | {
      readonly ok: false;
      readonly problem: string;
      readonly retryAfterMs?: number;
      readonly cause?: unknown;
    };

/** Result names in the customer's language where Mapy.cz offers it, English otherwise. */
function languageFor(country: string): string {
  if (country === 'CZ') return 'cs';
  if (country === 'SK') return 'sk';
  return 'en';
}

async function excerpt(response: Response): Promise<string> {
  try {
    const text = (await response.text()).replace(/\s+/g, ' ').trim();
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return '';
  }
}

// The documented result shape, lenient: unknown fields are dropped, optional ones may be null.
const regionalEntity = z.object({
  name: z.string(),
  type: z.string(),
  isoCode: z.string().nullish(),
});

const addressItem = z.object({
  name: z.string().min(1),
  label: z.string().nullish(),
  type: z.literal('regional.address'),
  location: z.string().nullish(),
  position: z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }),
  regionalStructure: z.array(regionalEntity).nullish(),
  zip: z.string().nullish(),
});

type AddressItem = z.infer<typeof addressItem>;

// Other item types (streets, municipalities, POIs) are only looked at for their type.
const geocodeResponse = z.object({ items: z.array(z.looseObject({ type: z.string() })) });

/** The address-level items of a 200 answer; anything unreadable is the provider's fault, not a verdict. */
function parseAddresses(body: string): AddressItem[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new GeocoderUnavailableError('Mapy.cz answered with malformed JSON', { cause: error });
  }
  const parsed = geocodeResponse.safeParse(json);
  if (!parsed.success)
    throw new GeocoderUnavailableError('Mapy.cz answered with an unexpected shape', { cause: parsed.error });
  return parsed.data.items
    .filter((item) => item.type === 'regional.address')
    .map((item) => {
      const address = addressItem.safeParse(item);
      if (!address.success)
        throw new GeocoderUnavailableError('Mapy.cz answered with an unreadable address', {
          cause: address.error,
        });
      return address.data;
    });
}

function toVerifiedAddress(item: AddressItem, queryCountry: string): VerifiedAddress {
  const structure = item.regionalStructure ?? [];
  const named = (type: string) => structure.find((entity) => entity.type === type);
  const street = named('regional.street')?.name;
  const municipality = named('regional.municipality')?.name ?? item.location ?? '';
  const country = named('regional.country')?.isoCode?.toUpperCase() ?? queryCountry;
  const houseNumber = houseNumberOf(item.name, street);
  const postcode = item.zip ?? undefined;
  const place = [postcode, item.location ?? municipality].filter(Boolean).join(' ');
  return {
    label: place === '' ? item.name : `${item.name}, ${place}`,
    ...(street === undefined ? {} : { street }),
    ...(houseNumber === undefined ? {} : { houseNumber }),
    ...(postcode === undefined ? {} : { postcode }),
    municipality,
    country,
    latitude: decimal(item.position.lat),
    longitude: decimal(item.position.lon),
  };
}

/** `Hviezdoslavova 9` → `9`, `Týnská ulička 610/7` → `610/7`, `Lhota 15` → `15`. */
function houseNumberOf(name: string, street: string | undefined): string | undefined {
  if (street !== undefined && name.startsWith(`${street} `)) {
    const rest = name.slice(street.length).trim();
    if (/\d/.test(rest)) return rest;
  }
  return /\s(\d+(?:\s?[A-Za-z])?(?:\/\d+[A-Za-z]?)?)$/.exec(name)?.[1];
}

/** The JSON number as written; never exponent notation. */
function decimal(value: number): string {
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(10).replace(/\.?0+$/, '') : text;
}
