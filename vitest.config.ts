import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/**
 * Issue 16: RC_TEST_STORE=postgres runs the suites that use a store (integration, the
 * migrations, tests/pg) against PostgreSQL (RC_TEST_PG, scripts/pg-test-cluster.sh), less
 * the files tests/pg-pending.txt lists: those wait for a later slice of team mode.
 */
const onPostgres = process.env.RC_TEST_STORE === 'postgres';
const pgPending = onPostgres
  ? readFileSync('tests/pg-pending.txt', 'utf8')
      .split('\n')
      .map((line) => line.replace(/#.*/, '').trim())
      .filter(Boolean)
  : [];

export default defineConfig({
  test: {
    include: onPostgres
      ? ['tests/integration/**/*.test.ts', 'tests/unit/db/**/*.test.ts', 'tests/pg/**/*.test.ts']
      : ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...pgPending],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
  },
});
