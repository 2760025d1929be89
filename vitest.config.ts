import { defineConfig } from 'vitest/config';

/**
 * Issue 16: RC_TEST_STORE=postgres runs the suites that use a store (integration, the
 * migrations, tests/pg) against PostgreSQL (RC_TEST_PG, scripts/pg-test-cluster.sh), less
 * the files with no store in them (STORELESS: nothing to run twice; tests/unit/storeless.test.ts
 * checks that they open none).
 */
const onPostgres = process.env.RC_TEST_STORE === 'postgres';

export const STORELESS = ['tests/integration/emulator.test.ts', 'tests/integration/voipms-client.test.ts', 'tests/integration/voipms-conformance.test.ts'];

export default defineConfig({
  test: {
    include: onPostgres
      ? ['tests/integration/**/*.test.ts', 'tests/unit/db/**/*.test.ts', 'tests/pg/**/*.test.ts']
      : ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...(onPostgres ? STORELESS : [])],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
  },
});
