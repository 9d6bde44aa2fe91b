import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['tests/global-setup.ts'],
    include: ['tests/**/*.test.ts'],
    // Hang guards, not speed checks: the slowest test takes seconds on an idle 2-core machine, and
    // these leave room for several times that on a loaded one. Speed goals live in `npm run bench`.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    env: {
      // Node 20 runs the tests; Lambda runs Node 22. The SDK's reminder is noise here.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      // Metrics go to stdout as EMF; the tests that check them turn them on for themselves.
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_METRICS_NAMESPACE: 'Gridline/test',
    },
  },
});
