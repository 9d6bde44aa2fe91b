import { describe, expect, it } from 'vitest';
import { BolagsverketRegister } from '#adapters/registers/bolagsverket-register';
import { RegisterAnswerError, RegisterUnavailableError } from '#domain/registers/company-register';
import { registersStandIn, testClient } from './registers-stand-in';

const standIn = registersStandIn();
const se = (orgNumber: string) => ({ country: 'SE' as const, orgNumber });

function bolagsverket(credentials = testClient) {
  return new BolagsverketRegister({
    baseUrl: standIn.url(),
    tokenUrl: `${standIn.url()}/oauth2/token`,
    credentials: async () => credentials,
    sleep: async () => {},
    random: () => 0,
  });
}

describe('the Bolagsverket adapter over recorded answers', () => {
  it('gets a token with the client credentials and reads the company', async () => {
    const answer = await bolagsverket().lookup(se('556677-8899'));

    expect(answer).toEqual({
      status: 'found',
      company: {
        name: 'Bageri Solrosen Aktiebolag',
        legalForm: 'Aktiebolag',
        address: { street: 'Sveavägen 12', postcode: '111 57', city: 'Stockholm', country: 'SE' },
        registeredOn: '1998-04-02',
        struckOff: false,
        statutoryBodies: [],
      },
    });
  });

  it('asks for a token once and reuses it', async () => {
    const register = bolagsverket();
    const before = standIn
      .server()
      .requests()
      .filter((r) => r.includes('/oauth2/token')).length;

    await register.lookup(se('556920-3572'));
    await register.lookup(se('559214-7366'));

    const after = standIn
      .server()
      .requests()
      .filter((r) => r.includes('/oauth2/token')).length;
    expect(after - before).toBe(1);
  });

  it('says a deregistered company is struck off, with the date', async () => {
    const answer = await bolagsverket().lookup(se('556812-4092'));

    expect(answer).toMatchObject({
      status: 'found',
      company: { name: 'Kvarnbackens Snickeri AB', struckOff: true, struckOffOn: '2022-11-30' },
    });
  });

  it('answers not found for the documented 404', async () => {
    expect(await bolagsverket().lookup(se('559087-2155'))).toEqual({ status: 'not-found' });
  });

  it('fails as unavailable with the gateway’s Retry-After when throttled', async () => {
    const error = await bolagsverket()
      .lookup(se('556734-0285'))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RegisterUnavailableError);
    expect(error).toMatchObject({ retryAfterMs: 60_000 });
  });

  it('refuses a malformed answer as a permanent error', async () => {
    const error = await bolagsverket()
      .lookup(se('559301-6628'))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RegisterAnswerError);
    expect((error as Error).message).toMatch(/organisationsidentitet/);
  });

  it('refuses wrong client credentials as a permanent error', async () => {
    const error = await bolagsverket({ clientId: 'adapter-test', clientSecret: 'wrong' })
      .lookup(se('556677-8899'))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RegisterAnswerError);
    expect((error as Error).message).toMatch(/token request was refused \(401\)/);
  });
});
