/**
 * Local S3: the installed `s3rver` dev dependency, run in this process on 127.0.0.1, with the
 * attachments bucket created at start. Objects live in a temporary folder that `stop()` removes.
 *
 * Clients use path-style addressing (`S3_FORCE_PATH_STYLE=true`, `forcePathStyle: true`), any
 * region, and the local credentials (LOCAL_DYNAMODB_CREDENTIALS), which are registered with the
 * server at start. s3rver checks that a presigned URL names a known access key and has not
 * expired, but it does not verify V4 signatures: the signed Content-Type and Content-Length of an
 * upload URL are enforced by S3 in the cloud only, which is why confirming an upload compares the
 * stored object's size and type with the declared ones.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LOCAL_DYNAMODB_CREDENTIALS } from './dynamodb-local';
import { assertPortFree, findFreePort, type LocalService, waitUntil } from './processes';

/** The bucket the local runtime and the tests use for attachments. */
export const LOCAL_ATTACHMENTS_BUCKET = 'gridline-attachments-local';

export interface S3LocalOptions {
  /** Default: a free port. */
  readonly port?: number;
  /** Buckets created at start. Default: the attachments bucket. */
  readonly buckets?: readonly string[];
  /** Access keys the server accepts, besides its own `S3RVER`. Default: the local credentials. */
  readonly credentials?: readonly { readonly accessKeyId: string; readonly secretAccessKey: string }[];
}

/** The part of s3rver's API used here (the package ships no types). */
interface S3rverServer {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: {
  port: number;
  address: string;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string }[];
}) => S3rverServer;
interface S3rverAccount {
  createKeyPair(accessKeyId: string, secretAccessKey: string): void;
}

const requireCommonJs = createRequire(import.meta.url);
const READY_TIMEOUT_MS = 10_000;

/**
 * Starts s3rver on 127.0.0.1:`options.port` and resolves once it answers. The endpoint is what
 * `AWS_ENDPOINT_URL_S3` should be set to.
 */
export async function startS3Local(options: S3LocalOptions = {}): Promise<LocalService> {
  const port = options.port ?? (await findFreePort());
  await assertPortFree(port);
  const endpoint = `http://127.0.0.1:${port}`;
  const directory = await mkdtemp(path.join(tmpdir(), 'gridline-s3-'));

  const S3rver = requireCommonJs('s3rver') as S3rverConstructor;
  // s3rver keeps its accepted keys in one registry per process, on its built-in account.
  const { DUMMY_ACCOUNT } = requireCommonJs('s3rver/lib/models/account') as { DUMMY_ACCOUNT: S3rverAccount };
  for (const key of options.credentials ?? [LOCAL_DYNAMODB_CREDENTIALS]) {
    DUMMY_ACCOUNT.createKeyPair(key.accessKeyId, key.secretAccessKey);
  }

  const server = new S3rver({
    port,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: (options.buckets ?? [LOCAL_ATTACHMENTS_BUCKET]).map((name) => ({ name })),
  });
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= server.close().finally(() => rm(directory, { recursive: true, force: true }));
    return stopping;
  };

  try {
    await server.run();
    await waitUntil(
      async () => {
        const response = await fetch(`${endpoint}/`, { signal: AbortSignal.timeout(2000) });
        await response.body?.cancel();
        return response.status === 200;
      },
      { timeoutMs: READY_TIMEOUT_MS, description: `S3 local on ${endpoint}` },
    );
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    await server.close().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`S3 local (s3rver) did not start: ${reason}`, { cause: error });
  }

  return { endpoint, port, stop };
}
