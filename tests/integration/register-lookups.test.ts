import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RpoRegister } from '#adapters/registers/rpo-register';
import type { Account } from '#domain/accounts/account';
import { newAccountEvent } from '#domain/accounts/account-events';
import { AccountService } from '#domain/accounts/account-service';
import { ConflictError, NotFoundError, VersionMismatchError } from '#domain/errors';
import type { Actor } from '#domain/ports';
import type { RegisterLookupService } from '#domain/registers/register-lookup-service';
import type { RegisterSuggestionService } from '#domain/registers/register-suggestion-service';
import { accountPorts } from '#runtime/account-ports';
import { registerLookupService, registerSuggestionService } from '#runtime/register-services';
import { serviceDeps } from '#runtime/service-deps';
import { DynamoAccountStore } from '#table/accounts/account-store';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { DynamoRegisterSuggestionStore } from '#table/registers/register-suggestion-store';
import { LOCAL_DYNAMODB_CREDENTIALS, LOCAL_DYNAMODB_REGION } from '../../lib/local/dynamodb-local';
import { lambdaContext } from '../../lib/local/lambda-context';
import { type RegistersLocal, startRegistersLocal } from '../../lib/local/registers-local';
import { topology } from '../../lib/topology';
import { servicesWithTenants } from '../support/local-table';
import { busEnvelope, sqsRecord } from '../support/queue-messages';

type Setup = Awaited<ReturnType<typeof servicesWithTenants>>;

let setup: Setup;
let registers: RegistersLocal;
let lookups: RegisterLookupService;
let suggestions: RegisterSuggestionService;
let store: DynamoRegisterSuggestionStore;
const ids = { n: 0, next: () => `01JREGISTERTEST${String(++ids.n).padStart(11, '0')}` };

beforeAll(async () => {
  setup = await servicesWithTenants();
  registers = await startRegistersLocal({
    recordingsDir: path.resolve(import.meta.dirname, '../../events/registers'),
    bolagsverketClient: { clientId: 'test', clientSecret: 'test' },
  });
  const rpo = new RpoRegister({ baseUrl: registers.endpoint, sleep: async () => {} });
  // Only Slovak numbers are asked here; the Swedish adapter has its own tests.
  lookups = registerLookupService(setup.table, { lookup: (query) => rpo.lookup(query) });
  suggestions = registerSuggestionService(setup.table, setup.services.accounts);
  store = new DynamoRegisterSuggestionStore(setup.table);
});

afterAll(async () => {
  await registers.stop();
});

/** The event the accounts service wrote for a change, as the consumer receives it. */
async function eventOf(
  actor: Actor,
  type: 'AccountCreated' | 'AccountUpdated',
  account: Account,
  changes?: { field: string; from: unknown; to: unknown }[],
) {
  const tenant = await new DynamoTenantDirectory(setup.table).profile(actor.tenantId);
  const ctx = { tenant, userId: actor.userId, now: new Date() };
  return newAccountEvent({ ids }, ctx, type, {
    subject: { type: 'account', id: account.id },
    data: { account },
    ...(changes ? { changes } : {}),
  });
}

async function slovakAccount(orgNumber: string, name = 'Firma s.r.o.') {
  const created = await setup.services.accounts.create(setup.sk, { name, orgNumber, customerType: 'B2B' });
  return created.value;
}

describe('the register lookup of a new account', () => {
  it('stores the register’s answer beside the account, and a redelivery changes nothing more', async () => {
    const account = await slovakAccount('47183527', 'Mliekareň');
    const created = await eventOf(setup.sk, 'AccountCreated', account);

    expect(await lookups.handle(created)).toBe('recorded');
    const first = await store.get(setup.sk.tenantId, account.id);
    expect(await lookups.handle(created)).toBe('recorded');
    const again = await store.get(setup.sk.tenantId, account.id);

    expect(first).toMatchObject({
      status: 'found',
      orgNumber: '47183527',
      name: 'Liptovská mliekareň, s.r.o.',
      legalForm: 'Spoločnosť s ručením obmedzeným',
      struckOff: false,
      statutoryBodies: [{ name: 'Ing. Zuzana Hrubá' }, { name: 'Milan Beňo' }],
    });
    expect({ ...again, fetchedAt: undefined }).toEqual({ ...first, fetchedAt: undefined });
    const stored = await setup.services.accounts.get(setup.sk, account.id);
    expect(stored.struckOff).toBeUndefined();
    expect(stored.version).toBe(1);
  });

  it('flags a struck-off company on the account without moving its ETag', async () => {
    const account = await slovakAccount('36604810', 'Stavebná');

    await lookups.handle(await eventOf(setup.sk, 'AccountCreated', account));

    const stored = await setup.services.accounts.get(setup.sk, account.id);
    expect(stored.struckOff).toMatchObject({ on: '2023-06-30' });
    expect(stored.version).toBe(1);
    expect(stored.revision).toBe(1);
    // The client's ETag still works after the system write.
    const changed = await setup.services.accounts.update(setup.sk, account.id, 1, {
      email: 'a@orava.example',
    });
    expect(changed.version).toBe(2);
  });

  it('stores "not found" as an answer', async () => {
    const account = await slovakAccount('51029375', 'Neznáma');

    await lookups.handle(await eventOf(setup.sk, 'AccountCreated', account));

    expect(await store.get(setup.sk.tenantId, account.id)).toMatchObject({ status: 'not-found' });
  });

  it('drops a late event about a number the account no longer has', async () => {
    const account = await slovakAccount('35763469', 'Pekáreň');
    const created = await eventOf(setup.sk, 'AccountCreated', account);
    const updated = await setup.services.accounts.update(setup.sk, account.id, 1, { orgNumber: '48261572' });
    const before = registers.requests().length;

    // The creation's event comes after the number changed (reordered or redelivered).
    expect(await lookups.handle(created)).toBe('stale');

    expect(registers.requests().length).toBe(before);
    expect(await store.get(setup.sk.tenantId, account.id)).toBeUndefined();
    expect(updated.orgNumber).toBe('48261572');
  });

  it('asks again when the number changes, and not for other changes', async () => {
    const account = await slovakAccount('44736207', 'Spiš');
    const unrelated = await eventOf(setup.sk, 'AccountUpdated', account, [
      { field: 'email', from: null, to: 'x@spis.example' },
    ]);
    const renumbered = await eventOf(setup.sk, 'AccountUpdated', account, [
      { field: 'orgNumber', from: '35763469', to: '44736207' },
    ]);

    expect(await lookups.handle(unrelated)).toBe('nothing-to-ask');
    expect(await lookups.handle(renumbered)).toBe('recorded');
    expect(await store.get(setup.sk.tenantId, account.id)).toMatchObject({
      name: 'Spišská energetická služba s.r.o.',
    });
  });

  it('asks nothing for a deleted account', async () => {
    const account = await slovakAccount('52901734', 'Zmazaná');
    await setup.services.accounts.remove(setup.sk, account.id, 1);

    expect(await lookups.handle(await eventOf(setup.sk, 'AccountCreated', account))).toBe('stale');
  });
});

describe('a client’s delete and the lookup’s system write (ADR 0011)', () => {
  it('deletes the account when the lookup writes it between the delete’s read and its write', async () => {
    // Prepare
    // The number is free here again: an earlier test moved its account to another.
    const account = await slovakAccount('35763469', 'Pekáreň pri ceste');
    const lookupEvent = await eventOf(setup.sk, 'AccountCreated', account);
    const { settingUsage, settingsChanged, ...references } = accountPorts(setup.table);
    const store = new DynamoAccountStore(setup.table, { settingUsage, settingsChanged });
    let raced = false;
    // The store's first write waits for the lookup's, as if the lookup landed in between.
    const racedStore: DynamoAccountStore = Object.assign(Object.create(store), {
      update: async (...args: Parameters<DynamoAccountStore['update']>) => {
        if (!raced) {
          raced = true;
          expect(await lookups.handle(lookupEvent)).toBe('recorded');
        }
        return store.update(...args);
      },
    });
    const accounts = new AccountService({ ...serviceDeps(setup.table), ...references, accounts: racedStore });

    // Act
    await accounts.remove(setup.sk, account.id, 1);

    // Assess
    expect(raced).toBe(true);
    await expect(setup.services.accounts.get(setup.sk, account.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('applying a register suggestion', () => {
  it('copies the chosen fields as an ordinary change in the history', async () => {
    const account = await setup.services.accounts.create(setup.se, {
      name: 'Pekáreň u Jána',
      country: 'SK',
      orgNumber: '35763469',
      customerType: 'B2B',
      addresses: [
        { kind: 'postal', street: 'P.O. Box 5', postcode: '81000', city: 'Bratislava', country: 'SK' },
      ],
    });
    await lookups.handle(await eventOf(setup.se, 'AccountCreated', account.value));

    const applied = await suggestions.apply(setup.se, account.value.id, 1, ['name', 'address', 'legalForm']);

    expect(applied).toMatchObject({
      name: 'Pekáreň u Jána, s.r.o.',
      legalForm: 'Spoločnosť s ručením obmedzeným',
      version: 2,
      addresses: [
        { kind: 'postal', street: 'P.O. Box 5' },
        { kind: 'visiting', street: 'Nám. SNP 1204/14', postcode: '81106', country: 'SK' },
      ],
    });
  });

  it('refuses a stale ETag, a suggestion for another number and a number the register did not find', async () => {
    const account = await setup.services.accounts.create(setup.se, {
      name: 'Mliekareň',
      country: 'SK',
      orgNumber: '47183527',
      customerType: 'B2B',
    });
    const id = account.value.id;
    await lookups.handle(await eventOf(setup.se, 'AccountCreated', account.value));

    await expect(suggestions.apply(setup.se, id, 7, ['name'])).rejects.toBeInstanceOf(VersionMismatchError);
    const renumbered = await setup.services.accounts.update(setup.se, id, 1, { orgNumber: '51029375' });
    await expect(suggestions.apply(setup.se, id, renumbered.version, ['name'])).rejects.toBeInstanceOf(
      ConflictError,
    );
    await lookups.handle(
      await eventOf(setup.se, 'AccountUpdated', renumbered, [
        { field: 'orgNumber', from: '47183527', to: '51029375' },
      ]),
    );
    await expect(suggestions.apply(setup.se, id, renumbered.version, ['name'])).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('answers 404 for another tenant’s account', async () => {
    const account = await slovakAccount('50388118', 'Iná');
    await expect(suggestions.get(setup.se, account.id)).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('the register-lookups function', () => {
  it('reports a poison message and a throttled lookup as failed, and handles the rest', async () => {
    Object.assign(process.env, {
      TABLE_NAME: setup.table.name,
      AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
      AWS_REGION: LOCAL_DYNAMODB_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_DYNAMODB_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_DYNAMODB_CREDENTIALS.secretAccessKey,
      RPO_API_URL: registers.endpoint,
      BOLAGSVERKET_CLIENT_SECRET_ID: 'not-read-for-slovak-numbers',
    });
    const { handler } = await import('../../functions/register-lookups');
    const fn = topology.functions.find((f) => f.name === 'register-lookups');
    if (!fn) throw new Error('register-lookups is not in the topology');
    // In the other tenant: the numbers are free there.
    const make = async (orgNumber: string) =>
      (
        await setup.services.accounts.create(setup.se, {
          name: 'Firma',
          country: 'SK',
          orgNumber,
          customerType: 'B2B',
        })
      ).value;
    const throttled = await make('52901734');
    const found = await make('36604810');
    const message = async (id: string, account: Account) =>
      sqsRecord(id, JSON.stringify(busEnvelope(await eventOf(setup.se, 'AccountCreated', account))));

    const result = await handler(
      {
        Records: [
          sqsRecord('poison', '{"detail-type":"AccountCreated","detail":{"not":"an event"}}'),
          await message('throttled', throttled),
          await message('found', found),
        ],
      },
      lambdaContext(fn),
    );

    expect(result).toEqual({
      batchItemFailures: [{ itemIdentifier: 'poison' }, { itemIdentifier: 'throttled' }],
    });
    expect(await store.get(setup.se.tenantId, found.id)).toMatchObject({ status: 'found', struckOff: true });
    expect(await store.get(setup.se.tenantId, throttled.id)).toBeUndefined();
  });
});
