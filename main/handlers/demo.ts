import { generateDemo, type TableFactory } from '../demo';
import type { DemoResult } from '../../preload/schemas/demo';
import type { ServiceContext } from '../services/context';
import { AppError } from '../errors';
import type { PartialHandlerTable } from './table';

/** "Load demo data" of an empty app: refused (conflict) once the database has clients, or while a load runs. */
export const demoHandlers = (ctx: ServiceContext, tableFor: TableFactory) => {
  let loading: Promise<DemoResult> | null = null;
  return {
    'demo.load': async (input) => {
      // A double click must not start two loads: both would find the database empty.
      if (loading) throw new AppError('conflict', 'Demo data is already being loaded');
      loading = generateDemo(ctx.store, tableFor, { ...input, now: ctx.now(), onProgress: (progress) => ctx.events.emit('demo.progress', progress) });
      try {
        return await loading;
      } finally {
        loading = null;
      }
    },
  } satisfies PartialHandlerTable;
};
