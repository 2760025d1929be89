import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { schemaVersion } from '../../db/migrate';
import type { Store } from '../../db/open';
import type { Workspace } from '../../preload/schemas/app';
import { DATABASE_FILE, demoDatabasePathFor } from '../paths';
import { APP_VERSION } from '../version';
import type { ServiceContext } from './context';

export type AppHost = 'electron' | 'headless';

/** Which database a handler table serves: the reseller's own file, or the demo beside it. */
export interface WorkspaceView {
  workspace: Workspace;
  demoDatabasePath: string;
}

/** The demo is a file even in team mode (issue 16): beside the database file, or in the app's folder beside a server's database. */
export function demoPathOf(store: Store): string {
  return demoDatabasePathFor(store.dialect === 'sqlite' ? store.path : join(store.folder, DATABASE_FILE));
}

/** What the About box and the CLI show: the app's version, the database's and where it lives, and whether it is the demo. */
export async function appInfo(ctx: ServiceContext, host: AppHost, opened?: WorkspaceView, openDialog = false) {
  const { workspace, demoDatabasePath } = opened ?? { workspace: 'real' as const, demoDatabasePath: demoPathOf(ctx.store) };
  return {
    version: APP_VERSION,
    schemaVersion: await schemaVersion(ctx.db as unknown as Kysely<unknown>, ctx.store.dialect),
    databasePath: ctx.store.location,
    host,
    workspace,
    demoDatabasePath,
    demoExists: workspace === 'demo' || existsSync(demoDatabasePath),
    openDialog,
  };
}
