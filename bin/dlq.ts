import path from 'node:path';
import { runDlqCli } from '../lib/operations/dlq-cli';
import { topology } from '../lib/topology';

/**
 * `npm run dlq -- list | peek <dlq> [--count N] | redrive <dlq> [--stack <name>]`:
 * the dead-letter queues of the stack named by --stack or GRIDLINE_STACK in
 * AWS, otherwise of the local runtime. Exit code 0 done, 1 failed, 2 usage
 * error or refused.
 *
 * The IAM it needs in AWS, on the stack's queues (`<stack>-*`):
 * - sqs:ListQueues (list), sqs:GetQueueUrl and sqs:GetQueueAttributes (all commands);
 * - sqs:ReceiveMessage on the dead-letter queues (peek, and redrive of a rule's);
 * - sqs:StartMessageMoveTask, sqs:ListMessageMoveTasks, sqs:ReceiveMessage,
 *   sqs:DeleteMessage on a queue's dead-letter queue and sqs:SendMessage on
 *   the queue it feeds (redrive of a queue's: SQS's move task acts with the
 *   caller's permissions);
 * - sqs:DeleteMessage on a rule's dead-letter queue and sqs:SendMessage on the
 *   rule's target queue (redrive of a rule's).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const projectRoot = path.resolve(import.meta.dirname, '..');

process.exitCode = await runDlqCli(process.argv.slice(2), {
  topology,
  env: process.env,
  runtimeFile: path.join(projectRoot, '.local', 'runtime.json'),
  print: (line) => console.log(line),
});
