import { SQSClient } from '@aws-sdk/client-sqs';
import { DlqCommandError } from './dlq-context';
import { noLocalRuntime, readLocalRuntimeFacts } from './local-runtime-facts';

/** The SQS API a DLQ command talks to and the stack name its queues carry. */
export interface DlqTarget {
  readonly sqs: SQSClient;
  readonly stackName: string;
  readonly where: string;
}

/**
 * The stack in AWS when one is named (region and credentials from the usual
 * AWS environment), otherwise the local runtime as `runtimeFile` describes it.
 */
export function dlqTarget(stack: string | undefined, runtimeFile: string): DlqTarget {
  if (stack) return { sqs: new SQSClient({}), stackName: stack, where: `the stack ${stack} in AWS` };
  const facts = readLocalRuntimeFacts(runtimeFile);
  if (!facts) throw new DlqCommandError(noLocalRuntime(runtimeFile), 1);
  if (!facts.sqsEndpoint || !facts.stackName) {
    throw new DlqCommandError(
      `${runtimeFile} names no local SQS endpoint: restart the local runtime with npm start.`,
      1,
    );
  }
  return {
    // The local endpoint ignores signatures; the client still wants a region and credentials.
    sqs: new SQSClient({
      endpoint: facts.sqsEndpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
    stackName: facts.stackName,
    where: 'the local runtime',
  };
}
