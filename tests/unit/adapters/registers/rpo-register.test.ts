import { describe, expect, it } from 'vitest';
import { RpoRegister } from '#adapters/registers/rpo-register';
import { RegisterAnswerError, RegisterUnavailableError } from '#domain/registers/company-register';
import { registersStandIn } from './registers-stand-in';

const standIn = registersStandIn();
const sk = (orgNumber: string) => ({ country: 'SK' as const, orgNumber });

/** The adapter against the recorded RPO answers, waits recorded instead of slept. */
function rpo(options: { timeoutMs?: number; retries?: number } = {}) {
  const sleeps: number[] = [];
  const register = new RpoRegister({
    baseUrl: standIn.url(),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
    ...options,
  });
  return { register, sleeps };
}

describe('the RPO adapter over recorded answers', () => {
  it('reads a company from the search and the entity detail', async () => {
    const answer = await rpo().register.lookup(sk('35763469'));

    expect(answer).toEqual({
      status: 'found',
      company: {
        name: 'Pekáreň u Jána, s.r.o.',
        legalForm: 'Spoločnosť s ručením obmedzeným',
        address: {
          street: 'Nám. SNP 1204/14',
          postcode: '81106',
          city: 'Bratislava - mestská časť Staré Mesto',
          country: 'SK',
        },
        registeredOn: '2004-03-18',
        struckOff: false,
        statutoryBodies: [
          { name: 'Ján Kováčik', role: 'konateľ', since: '2004-03-18' },
          { name: 'Mária Kováčiková', role: 'konateľ', since: '2015-09-01' },
        ],
      },
    });
  });

  it('takes the name in force of a renamed company', async () => {
    const answer = await rpo().register.lookup(sk('47183527'));

    expect(answer.status === 'found' && answer.company.name).toBe('Liptovská mliekareň, s.r.o.');
  });

  it('says a terminated company is struck off, with the date', async () => {
    const answer = await rpo().register.lookup(sk('36604810'));

    expect(answer).toMatchObject({
      status: 'found',
      company: { struckOff: true, struckOffOn: '2023-06-30', statutoryBodies: [{ role: 'likvidátor' }] },
    });
  });

  it('answers not found for a number the register does not know', async () => {
    expect(await rpo().register.lookup(sk('51029375'))).toEqual({ status: 'not-found' });
  });

  it('fails as unavailable with the register’s Retry-After when throttled for longer than it waits', async () => {
    const { register, sleeps } = rpo();

    const error = await register.lookup(sk('52901734')).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RegisterUnavailableError);
    expect(error).toMatchObject({ retryAfterMs: 120_000 });
    expect(sleeps).toEqual([]);
  });

  it('waits out a short Retry-After and asks again', async () => {
    const { register, sleeps } = rpo();

    const answer = await register.lookup(sk('44736207'));

    expect(answer).toMatchObject({ status: 'found', company: { name: 'Spišská energetická služba s.r.o.' } });
    expect(sleeps).toEqual([1000]);
  });

  it('refuses a malformed detail as a permanent error naming what is missing', async () => {
    const error = await rpo()
      .register.lookup(sk('50388118'))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RegisterAnswerError);
    expect((error as Error).message).toMatch(/unexpected shape at fullNames/);
  });

  it('refuses a page that is not JSON as a permanent error', async () => {
    const error = await rpo()
      .register.lookup(sk('48261572'))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RegisterAnswerError);
    expect((error as Error).message).toMatch(/malformed JSON/);
  });

  it('gives up on a register that does not answer in time, after its retries', async () => {
    const { register, sleeps } = rpo({ timeoutMs: 100, retries: 1 });

    const error = await register.lookup(sk('51744066')).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RegisterUnavailableError);
    expect((error as Error).message).toMatch(/2 attempts.*no answer within 100 ms/);
    expect(sleeps).toHaveLength(1);
  });
});
