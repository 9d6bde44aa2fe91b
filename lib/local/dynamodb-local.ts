/**
 * DynamoDB Local (the official AWS Java emulator) for local runs and tests.
 *
 * The jar is not published on npm by AWS, but `amplify-dynamodb-simulator` ships DynamoDB Local
 * 1.25.1 unchanged in `package/emulator/` of its tarball (DynamoDBLocal.jar + DynamoDBLocal_lib/
 * with the sqlite4java native libraries for linux/macOS/windows). We fetch that tarball with
 * `npm pack` (so only the npm registry is needed) and cache the emulator folder in
 * `.cache/dynamodb-local/emulator` at the project root (git-ignored).
 *
 * DynamoDB Local has no option to choose the listen address (1.25.1 accepts -port, -inMemory,
 * -dbPath, -sharedDb, -cors, -delayTransientStatuses, -optimizeDbBeforeStartup, -disableTelemetry;
 * it builds a Jetty `Server(port)`), so it listens on all interfaces; we only talk to 127.0.0.1.
 *
 * Without -sharedDb, DynamoDB Local keeps one database per access key id + region: clients must
 * use the same region and access key id as the one that created the tables
 * (see LOCAL_DYNAMODB_REGION / LOCAL_DYNAMODB_CREDENTIALS).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import {
  assertPortFree,
  findFreePort,
  type LocalService,
  spawnManaged,
  startupError,
  waitUntil,
} from './processes';

const execFileAsync = promisify(execFile);

const SIMULATOR_PACKAGE = 'amplify-dynamodb-simulator@2.9.30'; // contains DynamoDB Local 1.25.1
const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');
const CACHE_DIR = path.join(PROJECT_ROOT, '.cache', 'dynamodb-local');
const EMULATOR_DIR = path.join(CACHE_DIR, 'emulator');
const JAR = 'DynamoDBLocal.jar';
const LIB_DIR = 'DynamoDBLocal_lib';

const READY_TIMEOUT_MS = 30_000;
const POLL_INTERVAL_MS = 100;

/** Region and dummy credentials used to talk to the local emulator. */
export const LOCAL_DYNAMODB_REGION = 'local';
export const LOCAL_DYNAMODB_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * Makes sure DynamoDB Local is unpacked in `.cache/dynamodb-local/emulator` and returns that folder.
 * The download is unpacked in a temporary folder and renamed into place, so an interrupted run
 * never leaves a half folder; if two processes race, the loser uses the winner's folder.
 */
export async function ensureDynamoDbLocal(): Promise<string> {
  if (existsSync(path.join(EMULATOR_DIR, JAR))) {
    return EMULATOR_DIR;
  }
  await mkdir(CACHE_DIR, { recursive: true });
  const tmp = await mkdtemp(path.join(CACHE_DIR, '.download-'));
  try {
    await execFileAsync('npm', ['pack', SIMULATOR_PACKAGE, '--pack-destination', tmp], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, npm_config_loglevel: 'error' },
      maxBuffer: 10 * 1024 * 1024,
    });
    const tarball = (await readdir(tmp)).find((name) => name.endsWith('.tgz'));
    if (tarball === undefined) {
      throw new Error(`npm pack ${SIMULATOR_PACKAGE} produced no .tgz`);
    }
    await execFileAsync('tar', ['-xzf', path.join(tmp, tarball), '-C', tmp, 'package/emulator']);
    const extracted = path.join(tmp, 'package', 'emulator');
    if (!existsSync(path.join(extracted, JAR)) || !existsSync(path.join(extracted, LIB_DIR))) {
      throw new Error(`${SIMULATOR_PACKAGE} does not contain emulator/${JAR} and emulator/${LIB_DIR}`);
    }
    try {
      await rename(extracted, EMULATOR_DIR);
    } catch (error) {
      // Another process won the race (target exists and is not empty): use its folder.
      if (!existsSync(path.join(EMULATOR_DIR, JAR))) {
        throw new Error(
          `Could not move DynamoDB Local into ${EMULATOR_DIR}; delete that folder and try again`,
          { cause: error },
        );
      }
    }
    return EMULATOR_DIR;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function assertJavaAvailable(): Promise<void> {
  try {
    await execFileAsync('java', ['-version'], { timeout: 15_000 });
  } catch (error) {
    throw new Error(
      'DynamoDB Local needs Java 17+ on the PATH (`java -version` failed). Install it with ' +
        '`sudo apt-get install openjdk-17-jre-headless` (Debian/Ubuntu) or `brew install openjdk@17` ' +
        '(macOS; then add it to the PATH as brew explains).',
      { cause: error },
    );
  }
}

/**
 * Starts an in-memory DynamoDB Local on `options.port` (default: a free port) and resolves once it
 * answers ListTables. `stop()` terminates it (SIGTERM, SIGKILL after 3 s).
 */
export async function startDynamoDbLocal(options: { port?: number } = {}): Promise<LocalService> {
  const emulatorDir = await ensureDynamoDbLocal();
  await assertJavaAvailable();
  const port = options.port ?? (await findFreePort());
  await assertPortFree(port);
  const endpoint = `http://127.0.0.1:${port}`;

  const proc = spawnManaged(
    'java',
    [
      `-Djava.library.path=${path.join(emulatorDir, LIB_DIR)}`,
      '-jar',
      path.join(emulatorDir, JAR),
      '-inMemory',
      '-port',
      String(port),
      '-disableTelemetry',
    ],
    // -disableTelemetry plus the env switch DynamoDB Local also checks (DDB_LOCAL_TELEMETRY=0).
    { cwd: emulatorDir, env: { DDB_LOCAL_TELEMETRY: '0' } },
  );

  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_DYNAMODB_REGION,
    credentials: LOCAL_DYNAMODB_CREDENTIALS,
    maxAttempts: 1,
  });
  try {
    await waitUntil(
      async () => {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2000) });
        return true;
      },
      {
        timeoutMs: READY_TIMEOUT_MS,
        intervalMs: POLL_INTERVAL_MS,
        // A failed bind (port taken) throws in Jetty's main thread but the JVM keeps running.
        abortReason: () =>
          proc.exitReason() ??
          (proc.outputTail().includes('Exception in thread "main"') ? 'crashed during startup' : undefined),
        description: `DynamoDB Local on ${endpoint}`,
      },
    );
  } catch (error) {
    await proc.stop();
    throw startupError('DynamoDB Local', error, proc);
  } finally {
    client.destroy();
  }

  return { endpoint, port, stop: proc.stop };
}
