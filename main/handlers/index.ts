import type { Store } from '../../db/open';
import { appInfo, type AppHost } from '../services/appInfo';
import { createContext, type ServiceContext } from '../services/context';
import { callHandlers } from './calls';
import { clientHandlers } from './clients';
import { demoHandlers } from './demo';
import { packageHandlers } from './packages';
import { joinHandlers, type HandlerTable } from './table';
import type { EventBus } from '../events';

export interface HandlerEnv {
  store: Store;
  host: AppHost;
  now?: () => Date;
  /** The bus the host forwards to its windows; a fresh one when not given (CLI, tests). */
  events?: EventBus;
}

/** The handler table both hosts serve. */
export function createHandlerTable(env: HandlerEnv): HandlerTable {
  const ctx: ServiceContext = createContext(env.store, env.now, undefined, env.events);
  return joinHandlers(
    { 'app.info': () => appInfo(ctx, env.host) },
    packageHandlers(ctx),
    clientHandlers(ctx),
    demoHandlers(ctx, (now) => createHandlerTable({ ...env, now })),
    callHandlers(ctx),
  );
}

export { dispatch } from './table';
export type { HandlerTable } from './table';
