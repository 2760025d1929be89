import type { Store } from '../../db/open';
import { appInfo, type AppHost, type WorkspaceView } from '../services/appInfo';
import { ImportJobs } from '../services/calls/jobs';
import { createContext, type ServiceContext } from '../services/context';
import { AppError } from '../errors';
import { callHandlers } from './calls';
import { clientHandlers } from './clients';
import { DemoLoads, demoHandlers } from './demo';
import { invoiceHandlers } from './invoices';
import { packageHandlers } from './packages';
import { reportHandlers } from './reports';
import { syncHandlers } from './sync';
import { joinHandlers, type HandlerTable } from './table';
import type { EventBus } from '../events';
import { exportsFolder, type ExportTargets } from '../services/exportTargets';
import { CallExports } from '../services/calls/cdrExport';
import type { ProviderLookup } from '../sync/pushWorker';
import { join } from 'node:path';
import type { ProviderAccess } from '../sync/settings';
import { FileGrants, type FileAccess } from '../services/fileGrants';
import { backupHandlers } from './backup';
import { brandingHandlers } from './branding';
import { emailHandlers, type EmailHandlerOptions } from './email';
import { databaseHandlers } from './database';
import type { SecretBox } from '../sync/secretBox';

/** Chosen files for a host without an Open dialog of main's: uploads only. */
export const uploadsOnly = (uploadsDir: string): FileAccess => ({ grants: new FileGrants(), picker: null, uploadsDir });

export interface HandlerEnv {
  store: Store;
  host: AppHost;
  now?: () => Date;
  /** The bus the host forwards to its windows; a fresh one when not given (CLI, tests). */
  events?: EventBus;
  /** Which database this is, when a workspace (main/handlers/workspace.ts) opened it; the reseller's own otherwise. */
  workspace?: WorkspaceView;
  /**
   * Where exports go (main/services/exportTargets.ts): Electron's dialogs, the host's
   * download folder; without it, an `exports` folder beside the database.
   */
  exports?: ExportTargets;
  /** How to reach the provider (issue 12): the host's secret box and the environment's credentials. */
  provider?: ProviderAccess;
  /** Issue 14: seals the passwords stored; the database folder's key box (RESELLER_CONSOLE_KEY or secret.key) when not given. */
  secrets?: SecretBox;
  /** Issue 14: files the person chose (grants), and the host's Open dialog; without it, grants only from uploads, into an `uploads` folder beside the database. */
  files?: FileAccess;
  /** Issue 12: the provider the sync channels call, instead of the one the settings make (providerFor; tests give an in-memory one). */
  providerLookup?: ProviderLookup;
  /** Issue 15: how `email.test` reaches the SMTP server (tests: a self-signed certificate); nodemailer's SMTP when not given. */
  email?: Pick<EmailHandlerOptions, 'transport'>;
}

/** A handler table and what runs on its database beyond one request (an import, a demo load). */
export interface HandlerSet {
  table: HandlerTable;
  /** Why its database must stay open now, or null: the workspace switch refuses while an import or a demo load runs. */
  busyReason(): string | null;
}

export function createHandlerSet(env: HandlerEnv): HandlerSet {
  const ctx: ServiceContext = createContext(env.store, env.now, undefined, env.events, env.provider, env.secrets);
  const exportTargets = env.exports ?? exportsFolder(join(env.store.folder, 'exports'));
  const imports = new ImportJobs(ctx);
  const demoLoads = new DemoLoads();
  const table = joinHandlers(
    {
      'app.info': () => appInfo(ctx, env.host, env.workspace, Boolean(env.files?.picker)),
      // Only a workspace switches files; a table on one file (the command line's --db) refuses.
      'workspace.open': () => Promise.reject(new AppError('conflict', 'This database was opened on its own (--db): the demo opens from the app')),
    },
    packageHandlers(ctx),
    clientHandlers(ctx),
    demoHandlers(ctx, (now) => createHandlerTable({ ...env, now }), demoLoads),
    callHandlers(ctx, imports, new CallExports(ctx, exportTargets)),
    invoiceHandlers(ctx, exportTargets),
    reportHandlers(ctx),
    syncHandlers(ctx, env.providerLookup),
    backupHandlers(ctx, env.files ?? uploadsOnly(join(env.store.folder, 'uploads')), exportTargets, imports),
    brandingHandlers(ctx),
    emailHandlers(ctx, { ...env.email, demo: env.workspace?.workspace === 'demo' }),
    databaseHandlers(ctx),
  );
  return {
    table,
    busyReason: () => {
      if (imports.isRunning()) return 'An import of calls is running: wait for it to finish (or cancel it), then switch';
      if (demoLoads.running) return 'Demo data is being loaded into this database: wait for it to finish, then switch';
      return null;
    },
  };
}

/** The handler table both hosts serve. */
export function createHandlerTable(env: HandlerEnv): HandlerTable {
  return createHandlerSet(env).table;
}

export { dispatch } from './table';
export type { HandlerTable } from './table';
