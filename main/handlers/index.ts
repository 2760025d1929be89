import type { Store } from '../../db/open';
import { schemaVersion } from '../../db/migrate';
import type { Kysely } from 'kysely';
import { createContext, type ServiceContext } from '../services/context';
import { callHandlers } from './calls';
import { clientHandlers } from './clients';
import { demoHandlers } from './demo';
import { packageHandlers } from './packages';
import { joinHandlers, type HandlerTable } from './table';
import { APP_VERSION } from '../version';
import type { EventBus } from '../events';

export interface HandlerEnv {
  store: Store;
  host: 'electron' | 'headless';
  now?: () => Date;
  /** The bus the host forwards to its windows; a fresh one when not given (CLI, tests). */
  events?: EventBus;
}

/** The handler table both hosts serve. */
export function createHandlerTable(env: HandlerEnv): HandlerTable {
  const ctx: ServiceContext = createContext(env.store, env.now, undefined, env.events);
  return joinHandlers(
    {
      'app.info': async () => ({
        version: APP_VERSION,
        schemaVersion: await schemaVersion(env.store.db as unknown as Kysely<unknown>),
        databasePath: env.store.path,
        host: env.host,
      }),
    },
    packageHandlers(ctx),
    clientHandlers(ctx),
    demoHandlers({ store: env.store, now: ctx.now, tableFor: (now) => createHandlerTable({ ...env, now }) }),
    callHandlers(ctx),
  );
}

export { dispatch } from './table';
export type { HandlerTable } from './table';
