import { generateDemo, type TableFactory } from '../demo';
import type { DemoResult } from '../../preload/schemas/demo';
import type { ServiceContext } from '../services/context';
import { AppError } from '../errors';
import type { PartialHandlerTable } from './table';

/** The demo load running on one database, if any (the workspace switch waits for none). */
export class DemoLoads {
  running: Promise<DemoResult> | null = null;
}

/**
 * `demo.load`: the command line's `demo`, into the --db file it was given (the window opens
 * the demo in its own file instead, `workspace.open`). Refused (conflict) once the database
 * has clients, or while a load runs.
 */
export const demoHandlers = (ctx: ServiceContext, tableFor: TableFactory, loads = new DemoLoads()) => {
  return {
    'demo.load': async (input) => {
      // A double click must not start two loads: both would find the database empty.
      if (loads.running) throw new AppError('conflict', 'Demo data is already being loaded');
      loads.running = generateDemo(ctx.store, tableFor, { ...input, now: ctx.now(), onProgress: (progress) => ctx.events.emit('demo.progress', progress) });
      try {
        return await loads.running;
      } finally {
        loads.running = null;
      }
    },
  } satisfies PartialHandlerTable;
};
