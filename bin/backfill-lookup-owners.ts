import path from 'node:path';
import { runLookupOwnersCli } from '../lib/operations/lookup-owners-cli';

/**
 * `npm run backfill:lookup-owners -- [--stack <name>] [--table <name>]`: the
 * one-off fill of the phone and e-mail owners items, run once after deploying
 * the version that brought them, against the stack named by --stack or
 * GRIDLINE_STACK in AWS, otherwise the local runtime. Exit code 0 done,
 * 1 failed, 2 usage error. Run again after a failure: it is idempotent.
 *
 * The IAM it needs in AWS, on the stack's table: dynamodb:Scan,
 * dynamodb:UpdateItem and dynamodb:ConditionCheckItem (each owner is added
 * in a transaction that checks its lookup item still exists), and
 * dynamodb:ListTables unless --table names the table.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const projectRoot = path.resolve(import.meta.dirname, '..');

process.exitCode = await runLookupOwnersCli(process.argv.slice(2), {
  env: process.env,
  runtimeFile: path.join(projectRoot, '.local', 'runtime.json'),
  print: (line) => console.log(line),
});
