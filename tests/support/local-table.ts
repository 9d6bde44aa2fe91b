import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import type { TenantProfile } from '#domain/tenant';
import { type AccountsOverrides, accountsServices } from '#runtime/accounts-services';
import { createTable, type Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { createLocalTable } from '../../lib/local/create-table';
import { LOCAL_DYNAMODB_CREDENTIALS, LOCAL_DYNAMODB_REGION } from '../../lib/local/dynamodb-local';

/** Sees each command sent: its name and its input, as the caller wrote it. */
export type RequestListener = (command: string, input: Readonly<Record<string, unknown>>) => void;

/** A client of the run's DynamoDB Local; `onRequest` sees every command sent. */
export function localClient(onRequest?: RequestListener): DynamoDBClient {
  const client = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: LOCAL_DYNAMODB_REGION,
    credentials: LOCAL_DYNAMODB_CREDENTIALS,
  });
  if (onRequest) {
    client.middlewareStack.add(
      (next, context) => (args) => {
        onRequest(context.commandName as string, args.input as Record<string, unknown>);
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
  }
  return client;
}

/**
 * A new table with the stack's layout, for one test file. It has no stream:
 * only the local runtime reads one, and stream records slow DynamoDB Local
 * down for the rest of the run (ADR 0035).
 */
export async function freshTable(onRequest?: RequestListener): Promise<Table> {
  const name = `test-${randomUUID()}`;
  await createLocalTable(localClient(), name, { stream: false });
  return createTable(name, localClient(onRequest));
}

export const swedishTenant = (id = `se-${randomUUID()}`): TenantProfile => ({
  id,
  name: 'Test Energi AB',
  country: 'SE',
  currency: 'SEK',
  timeZone: 'Europe/Stockholm',
});

export const slovakTenant = (id = `sk-${randomUUID()}`): TenantProfile => ({
  id,
  name: 'Test Energia s.r.o.',
  country: 'SK',
  currency: 'EUR',
  timeZone: 'Europe/Bratislava',
});

/** The accounts module's services (wired as everywhere, less what `overrides` replaces) over a fresh table with two tenants saved, and an admin of each. */
export async function servicesWithTenants(onRequest?: RequestListener, overrides: AccountsOverrides = {}) {
  const table = await freshTable(onRequest);
  const services = accountsServices({ table }, overrides);
  const se = swedishTenant();
  const sk = slovakTenant();
  const tenants = new DynamoTenantDirectory(table);
  await tenants.save(se);
  await tenants.save(sk);
  return {
    table,
    services,
    se: { tenantId: se.id, userId: 'se-admin', roles: ['admin'] },
    sk: { tenantId: sk.id, userId: 'sk-admin', roles: ['admin'] },
  };
}
