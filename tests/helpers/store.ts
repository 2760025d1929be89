import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type OpenOptions, type Store } from '../../db/open';
import { createHandlerTable } from '../../main/handlers/index';
import type { HandlerTable } from '../../main/handlers/table';
import { tempPgStore, testStoreKind } from './pgServer';
import { openPgStore } from '../../db/pg';

export const FIXED_NOW = new Date('2026-11-25T12:00:00.000Z');

export interface TempStore {
  store: Store;
  table: HandlerTable;
  dir: string;
  /** Where another process finds this database: the file's path, or the PostgreSQL URL with its password. */
  location: string;
  /** Opens the same database again (as another instance, or the app after a restart); the caller closes it. */
  reopen(options?: OpenOptions): Promise<Store>;
  cleanup(): Promise<void>;
}

/**
 * A fresh store with the handler table on top and a fixed clock: a real SQLite file in a
 * temp folder, or (RC_TEST_STORE=postgres, issue 16) a fresh database on the test cluster,
 * with the same temp folder for what goes beside it.
 */
export async function tempStore(options: OpenOptions = {}): Promise<TempStore> {
  const dir = mkdtempSync(join(tmpdir(), 'rc-test-'));
  let store: Store;
  let drop = async (): Promise<void> => undefined;
  let reopen: (again?: OpenOptions) => Promise<Store>;
  let location: string;
  if (testStoreKind() === 'postgres') {
    const pg = await tempPgStore(dir, options);
    store = pg.store;
    drop = pg.drop;
    location = pg.url;
    reopen = (again = {}) => openPgStore(pg.url, { folder: dir, ...again });
  } else {
    location = join(dir, 'test.db');
    store = await openStore(location, options);
    reopen = (again = {}) => openStore(join(dir, 'test.db'), again);
  }
  const table = createHandlerTable({ store, host: 'headless', now: () => FIXED_NOW });
  return {
    store,
    table,
    dir,
    location,
    reopen,
    cleanup: async () => {
      await store.close();
      await drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
