import { it } from 'vitest';
import { testStoreKind } from './pgServer';

/**
 * Issue 16 is built in slices: a test whose subject does not run on PostgreSQL yet runs on
 * SQLite as always and is reported as skipped on PostgreSQL, with what it waits for in its
 * name. Whole files wait in tests/pg-pending.txt. Both lists shrink with every slice.
 */
export function itOnSqliteUntil(waitsFor: string, name: string, test: () => Promise<void>, timeout?: number): void {
  if (testStoreKind() === 'postgres') it.skip(`${name} [PostgreSQL waits for: ${waitsFor}]`, test, timeout);
  else it(name, test, timeout);
}
