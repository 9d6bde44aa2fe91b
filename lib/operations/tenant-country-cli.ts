import { parseArgs } from 'node:util';
import {
  CognitoIdentityProviderClient,
  paginateListUserPools,
} from '@aws-sdk/client-cognito-identity-provider';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EXIT, type Print } from './dlq-context';
import { stackTableTarget, type TableTarget, TableTargetError } from './table-target';
import { fillTenantCountries, type TenantCountryFillSummary } from './tenant-country-fill';

export const TENANT_COUNTRY_USAGE = `Usage: npm run backfill:tenant-country -- --stack <name> [--user-pool <id>] [--table <name>]

Sets every user's custom:tenantCountry to its tenant's country, so that its tokens read
national phone numbers without a profile read (ADR 0026): the one-off fill for users
created before the attribute existed, and the fix after a tenant's country is corrected.
Safe to run again and beside live traffic. Against the stack named by --stack or
GRIDLINE_STACK in AWS (region and credentials from the AWS environment): its user pool
<name>-users (--user-pool names it by its UserPoolId output instead) and its table
<name>-Table… (--table names it by its TableName output). The local runtime has no user
pool: its users are made with their tenant's country.`;

export interface TenantCountryCliOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly print: Print;
  /** The stack's clients; by default from the AWS environment. */
  readonly cognito?: CognitoIdentityProviderClient;
  readonly dynamodb?: DynamoDBClient;
}

/** No user pool, or several, by the stack's name. */
class UserPoolNotFoundError extends Error {}

const counts = (s: TenantCountryFillSummary) =>
  `${s.usersRead} users read, ${s.countriesSet} countries set` +
  (s.usersWithoutTenant > 0 ? `, ${s.usersWithoutTenant} without a known tenant (left as they are)` : '');

/** `npm run backfill:tenant-country -- …`; resolves to the exit code: 0 done, 1 failed, 2 usage error. */
export async function runTenantCountryCli(
  args: readonly string[],
  options: TenantCountryCliOptions,
): Promise<number> {
  const { print } = options;
  let values: { stack?: string; table?: string; 'user-pool'?: string };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { stack: { type: 'string' }, table: { type: 'string' }, 'user-pool': { type: 'string' } },
    }));
  } catch (error) {
    print(`${error instanceof Error ? error.message : String(error)}\n\n${TENANT_COUNTRY_USAGE}`);
    return EXIT.refused;
  }
  const stack = values.stack ?? options.env.GRIDLINE_STACK;
  if (!stack) {
    print(`Name the stack: the local runtime has no user pool to fill.\n\n${TENANT_COUNTRY_USAGE}`);
    return EXIT.refused;
  }
  const cognito = options.cognito ?? new CognitoIdentityProviderClient({});
  let target: TableTarget | undefined;
  try {
    const userPoolId = values['user-pool'] ?? (await stackUserPoolId(cognito, stack));
    target = await stackTableTarget(stack, values.table, options.dynamodb);
    print(`Setting the tenant's country of every user of ${userPoolId} from ${target.where}…`);
    const summary = await fillTenantCountries(cognito, userPoolId, target.table, {
      onProgress: (sofar) => print(`  ${counts(sofar)}`),
    });
    print(`Done: ${counts(summary)}.`);
    return EXIT.ok;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const refusedTarget = error instanceof TableTargetError || error instanceof UserPoolNotFoundError;
    print(refusedTarget ? message : `Failed against the stack ${stack}: ${message}`);
    return EXIT.failed;
  } finally {
    // Only the clients it made: a caller's stay its own.
    if (!options.dynamodb) target?.table.client.destroy();
    if (!options.cognito) cognito.destroy();
  }
}

/** The stack names its user pool `<stack>-users` (lib/constructs/identity.ts). */
async function stackUserPoolId(cognito: CognitoIdentityProviderClient, stack: string): Promise<string> {
  const name = `${stack}-users`;
  const found: string[] = [];
  for await (const page of paginateListUserPools({ client: cognito }, { MaxResults: 60 })) {
    for (const pool of page.UserPools ?? []) if (pool.Name === name && pool.Id) found.push(pool.Id);
  }
  if (found.length !== 1) {
    throw new UserPoolNotFoundError(
      `${found.length === 0 ? 'No user pool' : `${found.length} user pools`} named ${name} in this account and region: name it with --user-pool <the stack's UserPoolId output>.`,
    );
  }
  return found[0] as string;
}
