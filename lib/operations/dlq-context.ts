import type { SQSClient } from '@aws-sdk/client-sqs';

/** Writes one line of a command's output. */
export type Print = (line: string) => void;

/** Where a DLQ command works: an SQS API and the stack whose queues it holds. */
export interface DlqContext {
  readonly sqs: SQSClient;
  readonly stackName: string;
  /** For messages: `the local runtime`, `the stack gridline-prod in AWS`. */
  readonly where: string;
  readonly print: Print;
}

/** Exit codes of `npm run dlq`. */
export const EXIT = { ok: 0, failed: 1, refused: 2 } as const;

/** Ends a command with its message and exit code: 1 when it failed, 2 for a usage error or a refusal. */
export class DlqCommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}
