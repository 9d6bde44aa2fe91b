import { parseArgs } from 'node:util';
import { EXIT, type Print } from './dlq-context';
import { fillLookupOwners, type LookupOwnersFillSummary } from './lookup-owners-fill';
import { type TableTarget, TableTargetError, tableTarget } from './table-target';

export const LOOKUP_OWNERS_USAGE = `Usage: npm run backfill:lookup-owners -- [--stack <name>] [--table <name>]

Adds the owner of every phone and e-mail lookup item to its value's owners item: the
one-off fill of a table written before owners items existed. Safe to run again and
beside live traffic. With --stack <name> or GRIDLINE_STACK: the stack's table in AWS
(region and credentials from the AWS environment; --table names it when the stack's
<name>-Table… cannot be found); otherwise the local runtime of npm start.`;

export interface LookupOwnersCliOptions {
  readonly env: NodeJS.ProcessEnv;
  /** The local runtime's facts (`.local/runtime.json`). */
  readonly runtimeFile: string;
  readonly print: Print;
}

const counts = (s: LookupOwnersFillSummary) =>
  `${s.lookupsRead} phone and e-mail lookups read, ${s.ownersWritten} owners written` +
  (s.lookupsGone > 0 ? `, ${s.lookupsGone} removed meanwhile (skipped)` : '');

/** `npm run backfill:lookup-owners -- …`; resolves to the exit code: 0 done, 1 failed, 2 usage error. */
export async function runLookupOwnersCli(
  args: readonly string[],
  options: LookupOwnersCliOptions,
): Promise<number> {
  const { print } = options;
  let values: { stack?: string; table?: string };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { stack: { type: 'string' }, table: { type: 'string' } },
    }));
  } catch (error) {
    print(`${error instanceof Error ? error.message : String(error)}\n\n${LOOKUP_OWNERS_USAGE}`);
    return EXIT.refused;
  }
  const stack = values.stack ?? options.env.GRIDLINE_STACK;
  if (values.table !== undefined && !stack) {
    print(`--table is for a stack in AWS: name the stack too.\n\n${LOOKUP_OWNERS_USAGE}`);
    return EXIT.refused;
  }
  let target: TableTarget | undefined;
  try {
    target = await tableTarget(stack, values.table, options.runtimeFile);
    print(`Filling the owners items of ${target.where}…`);
    const summary = await fillLookupOwners(target.table, {
      onProgress: (sofar) => print(`  ${counts(sofar)}`),
    });
    print(`Done: ${counts(summary)}.`);
    return EXIT.ok;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    print(
      error instanceof TableTargetError
        ? message
        : `Failed against ${target?.where ?? 'DynamoDB'}: ${message}`,
    );
    return EXIT.failed;
  } finally {
    target?.table.client.destroy();
  }
}
