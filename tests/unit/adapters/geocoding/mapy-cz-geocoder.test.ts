import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MapyCzGeocoder, type MapyCzGeocoderOptions } from '#adapters/geocoding/mapy-cz-geocoder';
import { GeocoderConfigurationError, GeocoderUnavailableError } from '#domain/geocoding/errors';
import type { AddressQuery } from '#domain/geocoding/geocoder';

function recorded(name: string): string {
  return readFileSync(new URL(`../../../../events/mapy-cz/${name}`, import.meta.url), 'utf8');
}

type Reply = { status: number; body: string; headers?: Record<string, string> } | 'hang';

const ok = (file: string): Reply => ({ status: 200, body: recorded(file) });

/** A stand-in for api.mapy.cz on 127.0.0.1 that answers with the scripted replies in order. */
class FakeMapy {
  readonly requests: { url: URL; headers: IncomingHttpHeaders }[] = [];
  private replies: Reply[] = [];
  private readonly server: Server = createServer((request, response) => {
    this.requests.push({ url: new URL(request.url ?? '/', 'http://127.0.0.1'), headers: request.headers });
    const reply = this.replies.shift() ?? { status: 500, body: '{"detail":"no reply scripted"}' };
    if (reply === 'hang') return;
    response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    response.end(reply.body);
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  answer(...replies: Reply[]) {
    this.replies = replies;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const bratislava: AddressQuery = {
  street: 'Hviezdoslavova',
  houseNumber: '9',
  postcode: '811 02',
  city: 'Bratislava',
  country: 'SK',
};

let mapy: FakeMapy;
let baseUrl: string;
let sleeps: number[];

beforeEach(async () => {
  mapy = new FakeMapy();
  baseUrl = await mapy.start();
  sleeps = [];
});

afterEach(async () => {
  await mapy.stop();
});

function geocoder(options: Partial<MapyCzGeocoderOptions> = {}) {
  return new MapyCzGeocoder({
    apiKey: async () => 'test-key',
    baseUrl,
    minIntervalMs: 0,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
}

async function failureOf(act: Promise<unknown>): Promise<Error> {
  try {
    await act;
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

describe('MapyCzGeocoder request', () => {
  it('asks /v1/geocode for addresses only, with the key in the header and never in the URL', async () => {
    // Prepare
    mapy.answer(ok('geocode-verified.json'));

    // Act
    await geocoder().verify(bratislava);

    // Assess
    expect(mapy.requests).toHaveLength(1);
    const [request] = mapy.requests;
    expect(request?.url.pathname).toBe('/v1/geocode');
    expect(Object.fromEntries(request?.url.searchParams ?? [])).toEqual({
      query: 'Hviezdoslavova 9, 811 02 Bratislava',
      lang: 'sk',
      limit: '5',
      type: 'regional.address',
      locality: 'sk',
    });
    expect(request?.headers['x-mapy-api-key']).toBe('test-key');
    expect(request?.url.search).not.toContain('test-key');
  });

  it('takes the house number out of the street and picks the language from the country', async () => {
    // Prepare
    mapy.answer(ok('geocode-empty.json'), ok('geocode-empty.json'), ok('geocode-empty.json'));
    const subject = geocoder();

    // Act
    await subject.verify({ street: 'Týnská ulička 610/7', city: 'Praha', country: 'cz' });
    await subject.verify({ street: 'Storgatan 12', postcode: '114 51', city: 'Stockholm', country: 'SE' });
    await subject.verify({ street: 'Hauptstraße', houseNumber: '5', city: 'Wien', country: 'AT' });

    // Assess
    const params = mapy.requests.map(({ url }) => [
      url.searchParams.get('query'),
      url.searchParams.get('lang'),
      url.searchParams.get('locality'),
    ]);
    expect(params).toEqual([
      ['Týnská ulička 610/7, Praha', 'cs', 'cz'],
      ['Storgatan 12, 114 51 Stockholm', 'en', 'se'],
      ['Hauptstraße 5, Wien', 'en', 'at'],
    ]);
  });
});

describe('MapyCzGeocoder verdicts on recorded answers', () => {
  it('verifies the one address that matches, with the provider’s data and decimal-string coordinates', async () => {
    // Prepare
    mapy.answer(ok('geocode-verified.json'));

    // Act
    const result = await geocoder().verify(bratislava);

    // Assess
    expect(result).toEqual({
      status: 'verified',
      address: {
        label: 'Hviezdoslavova 9, 811 02 Bratislava - Staré Mesto, Slovensko',
        street: 'Hviezdoslavova',
        houseNumber: '9',
        postcode: '811 02',
        municipality: 'Bratislava',
        country: 'SK',
        latitude: '48.1405942',
        longitude: '17.1093286',
      },
    });
  });

  it('does not verify a single result whose postcode differs from the query: it is only a candidate', async () => {
    // Prepare
    mapy.answer(ok('geocode-verified.json'));

    // Act
    const result = await geocoder().verify({ ...bratislava, postcode: '821 09' });

    // Assess
    expect(result.status).toBe('ambiguous');
    expect(result.status === 'ambiguous' && result.candidates.map((c) => c.postcode)).toEqual(['811 02']);
  });

  it('offers both addresses when two match and no postcode tells them apart', async () => {
    // Prepare
    mapy.answer(ok('geocode-ambiguous.json'));

    // Act
    const result = await geocoder().verify({ street: 'Hlavná 41', city: 'Košice', country: 'SK' });

    // Assess
    expect(result.status).toBe('ambiguous');
    if (result.status !== 'ambiguous') return;
    expect(result.candidates.map((c) => [c.label, c.postcode, c.latitude, c.longitude])).toEqual([
      ['Hlavná 41, 040 01 Košice - Staré Mesto, Slovensko', '040 01', '48.7203871', '21.2581437'],
      ['Hlavná 41, 040 15 Košice - Šaca, Slovensko', '040 15', '48.6306518', '21.1705962'],
    ]);
  });

  it('verifies the one of several addresses whose postcode matches', async () => {
    // Prepare
    mapy.answer(ok('geocode-ambiguous.json'));

    // Act
    const result = await geocoder().verify({
      street: 'hlavna',
      houseNumber: '41',
      postcode: '04001',
      city: 'KOŠICE',
      country: 'SK',
    });

    // Assess
    expect(result.status === 'verified' && result.address.label).toBe(
      'Hlavná 41, 040 01 Košice - Staré Mesto, Slovensko',
    );
  });

  it('reports not found when only a street and a municipality come back', async () => {
    // Prepare
    mapy.answer(ok('geocode-street-only.json'));

    // Act
    const result = await geocoder().verify({ street: 'Hlavná 999', city: 'Košice', country: 'SK' });

    // Assess
    expect(result).toEqual({ status: 'not-found' });
  });

  it('reports not found when nothing comes back', async () => {
    // Prepare
    mapy.answer(ok('geocode-empty.json'));

    // Act
    const result = await geocoder().verify(bratislava);

    // Assess
    expect(result).toEqual({ status: 'not-found' });
  });

  it('treats a 200 with malformed JSON as unavailable, not as a verdict', async () => {
    // Prepare
    mapy.answer({ status: 200, body: '{"items": [' });

    // Act
    const error = await failureOf(geocoder().verify(bratislava));

    // Assess
    expect(error).toBeInstanceOf(GeocoderUnavailableError);
    expect(error.message).toMatch(/malformed JSON/);
  });

  it('ignores fields it does not know but refuses an address without a position', async () => {
    // Prepare
    const extra = JSON.parse(recorded('geocode-verified.json'));
    extra.items[0].somethingNew = { nested: true };
    const broken = JSON.parse(recorded('geocode-verified.json'));
    delete broken.items[0].position;
    mapy.answer({ status: 200, body: JSON.stringify(extra) }, { status: 200, body: JSON.stringify(broken) });
    const subject = geocoder();

    // Act
    const first = await subject.verify(bratislava);
    const error = await failureOf(subject.verify(bratislava));

    // Assess
    expect(first.status).toBe('verified');
    expect(error).toBeInstanceOf(GeocoderUnavailableError);
  });
});

describe('MapyCzGeocoder failures and retries', () => {
  it('waits as long as Retry-After says after a 429 and then succeeds', async () => {
    // Prepare
    mapy.answer(
      { status: 429, body: recorded('error-429.json'), headers: { 'retry-after': '2' } },
      ok('geocode-verified.json'),
    );

    // Act
    const result = await geocoder().verify(bratislava);

    // Assess
    expect(result.status).toBe('verified');
    expect(mapy.requests).toHaveLength(2);
    expect(sleeps).toEqual([2000]);
  });

  it('backs off exponentially with jitter when a 429 gives no Retry-After', async () => {
    // Prepare
    mapy.answer(
      { status: 429, body: recorded('error-429.json') },
      { status: 429, body: recorded('error-429.json') },
      ok('geocode-verified.json'),
    );

    // Act
    const result = await geocoder({ baseDelayMs: 200, random: () => 1 }).verify(bratislava);

    // Assess
    expect(result.status).toBe('verified');
    expect(sleeps).toEqual([200, 400]);
  });

  it('gives up at once when Retry-After is longer than it is willing to wait', async () => {
    // Prepare
    mapy.answer({ status: 429, body: recorded('error-429.json'), headers: { 'retry-after': '120' } });

    // Act
    const error = await failureOf(geocoder().verify(bratislava));

    // Assess
    expect(error).toBeInstanceOf(GeocoderUnavailableError);
    expect((error as GeocoderUnavailableError).retryAfterMs).toBe(120_000);
    expect(mapy.requests).toHaveLength(1);
  });

  it('retries a 503 up to maxAttempts and then reports the geocoder unavailable', async () => {
    // Prepare
    const down = { status: 503, body: '{"detail":"Service Unavailable"}' };
    mapy.answer(down, down, down, ok('geocode-verified.json'));

    // Act
    const error = await failureOf(geocoder({ maxAttempts: 3, baseDelayMs: 100 }).verify(bratislava));

    // Assess
    expect(error).toBeInstanceOf(GeocoderUnavailableError);
    expect(error.message).toMatch(/after 3 attempts: 503/);
    expect(mapy.requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(50);
    expect(sleeps[0]).toBeLessThanOrEqual(100);
    expect(sleeps[1]).toBeGreaterThanOrEqual(100);
    expect(sleeps[1]).toBeLessThanOrEqual(200);
  });

  it('retries when the server never answers and then reports the geocoder unavailable', async () => {
    // Prepare
    mapy.answer('hang', 'hang');

    // Act
    const error = await failureOf(geocoder({ timeoutMs: 50, maxAttempts: 2 }).verify(bratislava));

    // Assess
    expect(error).toBeInstanceOf(GeocoderUnavailableError);
    expect(error.message).toMatch(/no answer within 50 ms/);
    expect(mapy.requests).toHaveLength(2);
  });

  it('retries a refused connection as a network error', async () => {
    // Prepare
    await mapy.stop();

    // Act
    const error = await failureOf(geocoder({ maxAttempts: 2 }).verify(bratislava));

    // Assess
    expect(error).toBeInstanceOf(GeocoderUnavailableError);
    expect(error.message).toMatch(/after 2 attempts: network error/);
    expect(sleeps).toHaveLength(1);
    mapy = new FakeMapy();
    await mapy.start();
  });

  it('reports a refused key (401) as a configuration problem without retrying', async () => {
    // Prepare
    mapy.answer({ status: 401, body: recorded('error-401.json') }, ok('geocode-verified.json'));

    // Act
    const error = await failureOf(geocoder().verify(bratislava));

    // Assess
    expect(error).toBeInstanceOf(GeocoderConfigurationError);
    expect((error as GeocoderConfigurationError).status).toBe(401);
    expect(error.message).not.toContain('test-key');
    expect(mapy.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('does not retry a request the API rejects as invalid (422)', async () => {
    // Prepare
    mapy.answer({ status: 422, body: recorded('error-422.json') }, ok('geocode-verified.json'));

    // Act
    const error = await failureOf(geocoder().verify(bratislava));

    // Assess
    expect(error).toBeInstanceOf(GeocoderConfigurationError);
    expect((error as GeocoderConfigurationError).status).toBe(422);
    expect(mapy.requests).toHaveLength(1);
  });
});

describe('MapyCzGeocoder rate limit', () => {
  it('spaces back-to-back requests of one instance by at least minIntervalMs', async () => {
    // Prepare
    mapy.answer(ok('geocode-empty.json'), ok('geocode-empty.json'), ok('geocode-empty.json'));
    let clock = 1_000;
    const subject = geocoder({
      minIntervalMs: 100,
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
    });

    // Act
    await subject.verify(bratislava);
    clock += 30;
    await subject.verify(bratislava);
    clock += 500;
    await subject.verify(bratislava);

    // Assess
    expect(sleeps).toEqual([70]);
    expect(mapy.requests).toHaveLength(3);
  });

  it('queues concurrent requests one interval apart', async () => {
    // Prepare
    mapy.answer(ok('geocode-empty.json'), ok('geocode-empty.json'), ok('geocode-empty.json'));
    const subject = geocoder({ minIntervalMs: 100, now: () => 5_000 });

    // Act
    await Promise.all([subject.verify(bratislava), subject.verify(bratislava), subject.verify(bratislava)]);

    // Assess
    expect(sleeps.sort((a, b) => a - b)).toEqual([100, 200]);
  });
});
