import type { Store } from '../../db/open';
import { generateDemo, type TableFactory } from '../../db/demo';
import type { DemoResult } from '../../preload/schemas/demo';
import { AppError } from '../errors';
import type { PartialHandlerTable } from './table';

export interface DemoHandlerEnv {
  store: Store;
  now: () => Date;
  /** The handler table on another clock: the demo walks its months of history through it. */
  tableFor: TableFactory;
}

/** "Load demo data" of an empty app: refused (conflict) once the database has clients, or while a load runs. */
export const demoHandlers = (env: DemoHandlerEnv) => {
  let loading: Promise<DemoResult> | null = null;
  return {
    'demo.load': async (input) => {
      // A double click must not start two loads: both would find the database empty.
      if (loading) throw new AppError('conflict', 'Demo data is already being loaded');
      loading = generateDemo(env.store, env.tableFor, { ...input, now: env.now() });
      try {
        return await loading;
      } finally {
        loading = null;
      }
    },
  } satisfies PartialHandlerTable;
};
