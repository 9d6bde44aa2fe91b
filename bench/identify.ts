import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Caller } from '#domain/caller';
import { callerFromClaims } from '#http/auth';
import { accountsServices } from '#runtime/accounts-services';
import { createTable } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { benchTenant } from './bench-tenant';

export interface IdentifyRequests {
  readonly input: string;
  readonly token: string;
  readonly cold: number;
  readonly warm: number;
}

/** The goal of issue 19: at most this many requests per identification, cold or warm. */
const goal = 2;

/**
 * DynamoDB requests of one caller identification by phone, on a cold
 * container (services built anew, so no tenant profile is cached) and then
 * warm (the same services again), for a national and an E.164 number, with
 * a token that carries the tenant's country and one issued before it did.
 */
export async function identifyBench(tableName: string): Promise<IdentifyRequests[]> {
  let count = 0;
  const client = new DynamoDBClient({});
  client.middlewareStack.add(
    (next) => (args) => {
      count += 1;
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  const table = createTable(tableName, client);
  const tenant = benchTenant();
  await new DynamoTenantDirectory(table).save(tenant);
  const claims = { sub: 'bench-admin', 'custom:tenantId': tenant.id, 'cognito:groups': 'admin' };
  const tokens: Record<string, Caller> = {
    'with tenantCountry': callerFromClaims({ ...claims, 'custom:tenantCountry': tenant.country }),
    'without (before fill)': callerFromClaims(claims),
  };
  const admin = tokens['with tenantCountry'] as Caller;
  await accountsServices({ table }).contacts.create(admin, {
    firstName: 'Bench',
    lastName: 'Caller',
    phones: ['070-123 45 67'],
  });

  const results: IdentifyRequests[] = [];
  for (const [input, written] of [
    ['national', '070-123 45 67'],
    ['E.164', '+46701234567'],
  ] as const) {
    for (const [token, caller] of Object.entries(tokens)) {
      const { subjects } = accountsServices({ table });
      const requestsOf = async () => {
        count = 0;
        await subjects.identify(caller, 'phone', written);
        return count;
      };
      const cold = await requestsOf();
      results.push({ input, token, cold, warm: await requestsOf() });
    }
  }
  return results;
}

export function printIdentifyBench(results: readonly IdentifyRequests[]): void {
  console.log(`\nCaller identification by phone, DynamoDB requests per call (goal ≤ ${goal} cold and warm):`);
  console.log(`  ${'input'.padEnd(9)} ${'token'.padEnd(22)} cold  warm`);
  for (const r of results) {
    const over = r.cold > goal || r.warm > goal ? '   over the goal' : '';
    console.log(`  ${r.input.padEnd(9)} ${r.token.padEnd(22)} ${String(r.cold).padEnd(5)} ${r.warm}${over}`);
  }
  console.log(
    "  (a token without the country is a user's made before the attribute, until `npm run backfill:tenant-country` sets it; ADR 0026)",
  );
}
