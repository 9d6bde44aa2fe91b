import { runTenantCountryCli } from '../lib/operations/tenant-country-cli';

/**
 * `npm run backfill:tenant-country -- --stack <name> [--user-pool <id>] [--table <name>]`:
 * gives every user of the stack's user pool its tenant's country (ADR 0026), run once
 * after deploying the version that brought the attribute, and again after a tenant's
 * country is corrected. Exit code 0 done, 1 failed, 2 usage error. Idempotent.
 *
 * The IAM it needs in AWS: cognito-idp:ListUsers and cognito-idp:AdminUpdateUserAttributes
 * on the pool (cognito-idp:ListUserPools unless --user-pool names it), dynamodb:GetItem on
 * the stack's table (dynamodb:ListTables unless --table names it).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

process.exitCode = await runTenantCountryCli(process.argv.slice(2), {
  env: process.env,
  print: (line) => console.log(line),
});
