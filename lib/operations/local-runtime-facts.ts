import { readFileSync } from 'node:fs';

/** The facts of the local runtime that `npm start` writes (`.local/runtime.json`) and operations commands read. */
export interface LocalRuntimeFacts {
  readonly sqsEndpoint?: string;
  readonly stackName?: string;
  readonly dynamoEndpoint?: string;
  readonly tableName?: string;
}

/** The runtime's facts, or undefined when no local runtime has written its file. */
export function readLocalRuntimeFacts(runtimeFile: string): LocalRuntimeFacts | undefined {
  let text: string;
  try {
    text = readFileSync(runtimeFile, 'utf8');
  } catch {
    return undefined;
  }
  return JSON.parse(text) as LocalRuntimeFacts;
}

/** What to do when the local runtime is not there. */
export const noLocalRuntime = (runtimeFile: string): string =>
  `No local runtime found (${runtimeFile} is missing): start the local runtime with npm start, or name a stack in AWS with --stack <name> or GRIDLINE_STACK.`;
