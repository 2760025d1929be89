import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isServerLocation, openStore, type SqliteStore, type Store } from '../../db/open';
import { openServerStore } from '../openDatabase';
import { relayDataChanges, type EventRelay } from '../services/pgEvents';
import type { ChannelName, ChannelOutput } from '../../preload/contract';
import type { ErrorCode, Result } from '../../preload/result';
import { EventBus } from '../events';
import { createHandlerTable, dispatch, type HandlerTable } from '../handlers/index';
import { resolveDatabasePath, userDataDir } from '../paths';
import { markInterruptedImports } from '../services/calls/interrupted';
import { sealPasswordsLeftPlain } from '../services/startup';
import { defaultBoxFor } from '../services/secrets';
import { deferredCallIndexes, restoreCallIndexes } from '../services/calls/deferredIndexes';
import { environmentAccess } from '../sync/settings';
import { callCommands } from './calls';
import { clientCommands } from './clients';
import { demoCommands } from './demo';
import { invoiceCommands } from './invoices';
import { databasePath, openFailure, readableFile } from './files';
import { packageCommands } from './packages';
import { pricingCommands } from './pricing';
import { reportCommands } from './reports';
import { syncPullCommands } from './syncPull';
import { syncCommands } from './sync';
import { backupCommands } from './backup';
import { emailCommands } from './email';
import { dbCommands } from './db';
import type { ProviderLookup } from '../sync/pushWorker';

/**
 * The command line drives the same handler table as the two hosts (so a JSON file is
 * validated by the same contract schema as a form). Exit codes: 0 ok, 1 user error
 * with a one-line reason, 2 bug.
 */
export class UserError extends Error {}

/** A channel answered with an error: the one-line reason, and the contract's code for a command that reacts to it. */
export class ChannelError extends UserError {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CommandContext {
  args: string[];
  json: boolean;
  io: CliIo;
  call<K extends ChannelName>(name: K, input?: unknown): Promise<ChannelOutput<K>>;
  /** For what only the command line may do outside the handler table: read a file it was given. */
  store: Store;
  /** What the handlers tell the window (progress), for a command to print. */
  events: EventBus;
  /** The handlers' clock, for what a command runs outside the table (`email send`). */
  now: () => Date;
  readJsonFile(path: string): Promise<unknown>;
}

export interface Command {
  /** e.g. "package create" */
  name: string;
  usage: string;
  withoutStore?: false;
  run(ctx: CommandContext): Promise<void>;
}

/** What a command on the database file itself (backup, restore) gets: the file's path, no connection. */
export interface FileCommandContext {
  args: string[];
  json: boolean;
  io: CliIo;
  databasePath: string;
  now(): Date;
}

/** A command that works on the database file, not through the handler table: the command line opens no store for it. */
export interface FileCommand {
  name: string;
  usage: string;
  withoutStore: true;
  run(ctx: FileCommandContext): Promise<void>;
}

const commands: (Command | FileCommand)[] = [
  ...packageCommands,
  ...pricingCommands,
  ...clientCommands,
  ...callCommands,
  ...reportCommands,
  ...demoCommands,
  ...invoiceCommands,
  ...syncCommands,
  ...syncPullCommands,
  ...backupCommands,
  ...emailCommands,
  ...dbCommands,
];

function usage(): string {
  return [
    'Usage: npm run cli -- [--db PATH | --db postgres://user@host/db] <command> [options] [--json]',
    '',
    ...commands.map((command) => `  ${command.usage}`),
  ].join('\n');
}

async function readJsonFile(path: string): Promise<unknown> {
  await readableFile(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UserError(`Cannot read ${path}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UserError(`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  const details = result.error.issues?.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
  throw new ChannelError(result.error.code, details && details.length > 0 ? details.join('; ') : result.error.message);
}

/** For tests: the clock the handlers read (billing refuses dates past it). */
export interface CliOptions {
  now?: () => Date;
  /** Where RESELLER_API_USERNAME / RESELLER_API_PASSWORD / RESELLER_API_URL are read (issue 12); process.env unless a test gives its own. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Issue 12: the provider `sync …` calls, instead of the one the settings make (tests give an in-memory one). */
  providerLookup?: ProviderLookup;
}

export async function runCli(argv: string[], io: CliIo, options: CliOptions = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { db: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: false,
    });
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
  const words = parsed.positionals;
  const command = commands.find((candidate) => {
    const parts = candidate.name.split(' ');
    return parts.every((part, index) => words[index] === part);
  });
  if (parsed.values.help || !command) {
    (command || parsed.values.help ? io.out : io.err)(usage());
    return parsed.values.help ? 0 : 1;
  }
  let store: Store | undefined;
  let relay: EventRelay | null = null;
  try {
    const location = resolveDatabasePath(typeof parsed.values.db === 'string' ? parsed.values.db : undefined);
    if (isServerLocation(location)) {
      // Issue 16, team mode: --db postgres://… (or RESELLER_CONSOLE_DB) opens the store on the server.
      if (command.withoutStore) throw new UserError(`"${command.name}" works on a database file; on a team server use PostgreSQL's own tools (pg_dump), or db copy --to`);
      // What goes beside a database goes in this computer's data folder (exports, the key file when
      // RESELLER_CONSOLE_KEY is not set: every instance of a team needs the same key for sealed passwords).
      try {
        store = await openServerStore(location, { folder: userDataDir(), env: options.env ?? process.env });
      } catch (error) {
        throw new UserError(error instanceof Error ? error.message : String(error));
      }
      // Issue 9 on a team server: an import whose owner (on any machine) holds no presence lock is shown interrupted.
      await markInterruptedImports(store, options.now ?? (() => new Date()));
    } else {
      const dbPath = await databasePath(location);
      if (command.withoutStore) {
        const commandWords = command.name.split(' ').length;
        await command.run({ args: withoutGlobals(argv).slice(commandWords), json: parsed.values.json === true, io, databasePath: dbPath, now: options.now ?? (() => new Date()) });
        return 0;
      }
      let opened: SqliteStore;
      try {
        opened = await openStore(dbPath);
      } catch (error) {
        if (error instanceof Error && 'code' in error && error.code === 'db_too_new') throw error;
        throw openFailure(dbPath, error);
      }
      store = opened;
      // Issue 9: a command shows imports as the app does, a killed one 'interrupted'. Only this
      // part of the app's start runs here: billing and call charges are not every command's work.
      await markInterruptedImports(opened, options.now ?? (() => new Date()));
      await restoreLeftIndexes(opened, io);
    }
    // Issue 14: passwords a version before kept in plain text are sealed (RESELLER_CONSOLE_KEY or the key file beside the database).
    await sealPasswordsLeftPlain(store, defaultBoxFor(store.folder), (line) => io.err(line.replace('[startup] ', '')));
    const events = new EventBus();
    // Issue 16: on a team server, what a command changes reaches the other instances' windows (NOTIFY; nothing to listen to here).
    if (store.dialect === 'postgres') relay = relayDataChanges(store, events, { listen: false, log: (line) => io.err(line) });
    const table: HandlerTable = createHandlerTable({
      store,
      host: 'headless',
      events,
      provider: environmentAccess(options.env ?? process.env),
      ...(options.now ? { now: options.now } : {}),
      ...(options.providerLookup ? { providerLookup: options.providerLookup } : {}),
    });
    const commandWords = command.name.split(' ').length;
    await command.run({
      // What follows the command words, with the global options taken out.
      args: withoutGlobals(argv).slice(commandWords),
      json: parsed.values.json === true,
      io,
      call: async (name, input) => unwrap(await dispatch(table, name, input, events)) as ChannelOutput<typeof name>,
      events,
      now: options.now ?? (() => new Date()),
      readJsonFile,
      store,
    });
    return 0;
  } catch (error) {
    if (error instanceof UserError || (error instanceof Error && 'code' in error && error.code === 'db_too_new')) {
      io.err(`error: ${error.message}`);
      return 1;
    }
    io.err(`bug: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 2;
  } finally {
    await relay?.stop();
    await store?.close();
  }
}

/**
 * Issue 13: the calls indexes a killed bulk import (of this command line) left dropped are
 * built before any command reads the calls, unless an import still runs (its end builds them).
 */
async function restoreLeftIndexes(store: SqliteStore, io: CliIo): Promise<void> {
  if (deferredCallIndexes(store.db, store.sqlite).length === 0) return;
  const running = await store.db.selectFrom('call_imports').select('id').where('status', '=', 'running').executeTakeFirst();
  if (running) return;
  io.err('Building the calls indexes an interrupted import left out…');
  await store.exclusive(() => restoreCallIndexes(store.db, store.sqlite));
}

function withoutGlobals(args: string[]): string[] {
  const rest: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    if (arg === '--db') {
      index += 1;
      continue;
    }
    if (arg.startsWith('--db=') || arg === '--json') continue;
    rest.push(arg);
  }
  return rest;
}
