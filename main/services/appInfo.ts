import type { Kysely } from 'kysely';
import { schemaVersion } from '../../db/migrate';
import { APP_VERSION } from '../version';
import type { ServiceContext } from './context';

export type AppHost = 'electron' | 'headless';

/** What the About box and the CLI show: the app's version, the database's and where it lives. */
export async function appInfo(ctx: ServiceContext, host: AppHost) {
  return {
    version: APP_VERSION,
    schemaVersion: await schemaVersion(ctx.db as unknown as Kysely<unknown>),
    databasePath: ctx.store.path,
    host,
  };
}
