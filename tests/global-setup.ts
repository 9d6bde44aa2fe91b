/**
 * Vitest globalSetup: one DynamoDB Local, one SES local and one S3 local for the whole test run.
 * Tests read the endpoints with `inject('dynamoEndpoint')` / `inject('sesEndpoint')` /
 * `inject('s3Endpoint')` (its bucket: LOCAL_ATTACHMENTS_BUCKET from lib/local/s3-local).
 *
 * DynamoDB Local keeps one database per access key id + region: use LOCAL_DYNAMODB_REGION and
 * LOCAL_DYNAMODB_CREDENTIALS from lib/local/dynamodb-local for every client that should see the
 * same tables. A test runtime's table is in a database of its own (its region, ADR 0035): the
 * clients its environment makes (`createTable(runtime.tableName)`) reach it.
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../lib/local/dynamodb-local';
import type { LocalService } from '../lib/local/processes';
import { startS3Local } from '../lib/local/s3-local';
import { startSesLocal } from '../lib/local/ses-local';

declare module 'vitest' {
  export interface ProvidedContext {
    /** e.g. http://127.0.0.1:41234 */
    dynamoEndpoint: string;
    /** e.g. http://127.0.0.1:41235 (GET /store lists the sent mails) */
    sesEndpoint: string;
    /** e.g. http://127.0.0.1:41236 (path-style, the local credentials) */
    s3Endpoint: string;
  }
}

interface RunServices {
  readonly dynamo: LocalService;
  readonly ses: LocalService;
  readonly s3: LocalService;
}

async function startRunServices(): Promise<RunServices> {
  const results = await Promise.allSettled([startDynamoDbLocal(), startSesLocal(), startS3Local()]);
  const started = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = results.find((result) => result.status === 'rejected');
  if (failure !== undefined) {
    await Promise.all(started.map((service) => service.stop()));
    throw failure.reason;
  }
  const [dynamo, ses, s3] = started as [LocalService, LocalService, LocalService];
  return { dynamo, ses, s3 };
}

/**
 * Vitest calls this once for each project (`vitest.config.ts` has two), in
 * one process, and may load this module once for each: the projects share
 * the services through the process's global object, and the last teardown
 * stops them.
 */
const shared = globalThis as typeof globalThis & {
  gridlineRunServices?: { services: Promise<RunServices>; users: number };
};

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  shared.gridlineRunServices ??= { services: startRunServices(), users: 0 };
  const run = shared.gridlineRunServices;
  run.users += 1;
  const { dynamo, ses, s3 } = await run.services;

  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('sesEndpoint', ses.endpoint);
  project.provide('s3Endpoint', s3.endpoint);

  return async function teardown() {
    run.users -= 1;
    if (run.users > 0) return;
    shared.gridlineRunServices = undefined;
    await Promise.all([dynamo.stop(), ses.stop(), s3.stop()]);
  };
}
