import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type OpenOptions, type Store } from '../../db/open';
import { createHandlerTable } from '../../main/handlers/index';
import type { HandlerTable } from '../../main/handlers/table';

export const FIXED_NOW = new Date('2026-11-25T12:00:00.000Z');

export interface TempStore {
  store: Store;
  table: HandlerTable;
  dir: string;
  cleanup(): Promise<void>;
}

/** A real SQLite file in a fresh temp folder, with the handler table on top and a fixed clock. */
export async function tempStore(options: OpenOptions = {}): Promise<TempStore> {
  const dir = mkdtempSync(join(tmpdir(), 'rc-test-'));
  const store = await openStore(join(dir, 'test.db'), options);
  const table = createHandlerTable({ store, host: 'headless', now: () => FIXED_NOW });
  return {
    store,
    table,
    dir,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
