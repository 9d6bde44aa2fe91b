import { parseArgs } from 'node:util';
import type { Topology } from '../topology-types';
import { DlqCommandError, type DlqContext, EXIT, type Print } from './dlq-context';
import { listDeadLetterQueues } from './dlq-list';
import { PEEK_DEFAULT_COUNT, PEEK_MAX_COUNT, peekDeadLetters } from './dlq-peek';
import { deadLetterQueueNamed } from './dlq-queues';
import { redriveDeadLetters } from './dlq-redrive';
import { type DlqTarget, dlqTarget } from './dlq-target';

export const DLQ_USAGE = `Usage: npm run dlq -- <command> [--stack <name>]

  list                       every dead-letter queue with its messages, the ones holding some first (!)
  peek <dlq> [--count N]     shows up to N messages (1-${PEEK_MAX_COUNT}, default ${PEEK_DEFAULT_COUNT}) and deletes none
  redrive <dlq>              moves the messages back to the queue they failed in (or the rule's queue)

<dlq> is a name from list (audit-dlq, rule-<rule>-dlq, ...) or the queue's full name.
With --stack <name> or GRIDLINE_STACK: the stack in AWS (region and credentials from the
AWS environment); otherwise the local runtime of npm start.`;

export interface DlqCliOptions {
  readonly topology: Topology;
  readonly env: NodeJS.ProcessEnv;
  /** The local runtime's facts (`.local/runtime.json`). */
  readonly runtimeFile: string;
  readonly print: Print;
  /** How often `redrive` asks SQS how its move task is doing. */
  readonly pollIntervalMs?: number;
}

/** `npm run dlq -- …`; resolves to the exit code: 0 done, 1 failed, 2 usage error or refused. */
export async function runDlqCli(args: readonly string[], options: DlqCliOptions): Promise<number> {
  const { print } = options;
  let parsed: ReturnType<typeof parseCommand>;
  try {
    parsed = parseCommand(args);
  } catch (error) {
    print(`${error instanceof Error ? error.message : String(error)}\n\n${DLQ_USAGE}`);
    return EXIT.refused;
  }
  let target: DlqTarget | undefined;
  try {
    target = dlqTarget(parsed.stack ?? options.env.GRIDLINE_STACK, options.runtimeFile);
    const context: DlqContext = { ...target, print };
    const dlq = (name: string) => deadLetterQueueNamed(options.topology, context.stackName, name);
    switch (parsed.command) {
      case 'list':
        await listDeadLetterQueues(context, options.topology);
        break;
      case 'peek':
        await peekDeadLetters(context, dlq(parsed.dlq), parsed.count);
        break;
      case 'redrive':
        await redriveDeadLetters(context, dlq(parsed.dlq), options.pollIntervalMs ?? 1000);
        break;
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof DlqCommandError) {
      print(error.message);
      return error.exitCode;
    }
    print(
      `Failed against ${target?.where ?? 'SQS'}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return EXIT.failed;
  } finally {
    target?.sqs.destroy();
  }
}

type DlqCommand =
  | { readonly command: 'list'; readonly stack?: string }
  | { readonly command: 'peek'; readonly stack?: string; readonly dlq: string; readonly count: number }
  | { readonly command: 'redrive'; readonly stack?: string; readonly dlq: string };

function parseCommand(args: readonly string[]): DlqCommand {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { stack: { type: 'string' }, count: { type: 'string' } },
  });
  const [command, dlq, ...extra] = positionals;
  const stack = values.stack;
  if (command === undefined) throw new Error('No command given.');
  if (command === 'list' && dlq === undefined && values.count === undefined) return { command, stack };
  if (command !== 'peek' && command !== 'redrive')
    throw new Error(`Unknown command: ${positionals.join(' ')}`);
  if (dlq === undefined || extra.length > 0) throw new Error(`${command} takes one dead-letter queue name.`);
  if (command === 'redrive') {
    if (values.count !== undefined) throw new Error('--count is for peek only.');
    return { command, stack, dlq };
  }
  const count = values.count === undefined ? PEEK_DEFAULT_COUNT : Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > PEEK_MAX_COUNT) {
    throw new Error(`--count takes a whole number from 1 to ${PEEK_MAX_COUNT}.`);
  }
  return { command, stack, dlq, count };
}
