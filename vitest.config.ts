import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

/** Every test file under `dir`, as a path from the project root. */
function testFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => path.posix.join(dir, file.split(path.sep).join('/')));
}

/**
 * A test file that changes its process (environment variables, module mocks,
 * AWS SDK client mocks, fake timers) or loads a function's handler or the
 * local runtime, which read the environment when their modules load. Such a
 * file runs in a fresh process; the rest share their process's modules, which
 * saves loading them again for every file (ADR 0034).
 */
const changesItsProcess =
  /vi\.(mock|doMock|stubEnv|stubGlobal|useFakeTimers|setSystemTime)\(|mockClient\(|process\.env(\.\w+|\[[^\]]*\])?\s*(=|\?\?=|\|\|=)[^=]|delete process\.env|assign\(process\.env|['"](\.\.\/)+functions\/|startTestRuntime|lib\/local\/(runtime|functions)'/;

const sharedProcessFiles = [...testFiles('tests/unit'), ...testFiles('tests/integration')].filter(
  (file) => !changesItsProcess.test(readFileSync(file, 'utf8')),
);

export default defineConfig({
  test: {
    globalSetup: ['tests/global-setup.ts'],
    // Hang guards, not speed checks: the slowest test takes seconds on an idle 2-core machine, and
    // these leave room for several times that on a loaded one. Speed goals live in `npm run bench`.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than cores; a test waits on DynamoDB Local, SES and S3 in
    // processes of their own much of the time, so one worker per core keeps the cores busy (ADR 0035).
    maxWorkers: availableParallelism(),
    env: {
      // Node 20 runs the tests; Lambda runs Node 22. The SDK's reminder is noise here.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      // Metrics go to stdout as EMF; the tests that check them turn them on for themselves.
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_METRICS_NAMESPACE: 'Gridline/test',
    },
    projects: [
      {
        extends: true,
        test: { name: 'shared-process', include: sharedProcessFiles, isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'own-process',
          include: ['tests/**/*.test.ts'],
          exclude: sharedProcessFiles,
          isolate: true,
        },
      },
    ],
  },
});
