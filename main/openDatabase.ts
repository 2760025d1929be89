import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { isServerLocation, openStore, type PgStore, type Store } from '../db/open';
import { openPgStore, pgPoolConfig, redactedUrl } from '../db/pg';
import { LATEST_SCHEMA_VERSION } from '../db/migrations/index';
import { DATABASE_FILE } from './paths';
import type { SecretBox } from './sync/secretBox';

/**
 * Issue 16: where the reseller's data lives, for the three hosts (command line, headless
 * host, desktop app): a file on this computer, or a PostgreSQL server (team mode). The order
 * at start: `--db`, then RESELLER_CONSOLE_DB, then the choice saved in Settings (a small
 * file in the app's data folder, since the database itself is what is being chosen), then
 * the file in the data folder.
 */

export const DATABASE_CHOICE_FILE = 'database.json';

/** What Settings saved for the next start; the server's password sealed with the host's secret box. */
export type DatabaseChoice = { kind: 'file' } | { kind: 'server'; url: string; sealedPassword?: string };

export type LocationSource = 'option' | 'environment' | 'settings' | 'default';

export interface StartLocation {
  /** A file path or a postgres:// URL. */
  location: string;
  from: LocationSource;
  /** The saved server password (sealed), when the location is the saved choice. */
  sealedPassword?: string;
}

/** A database that cannot be opened, said so a person can act on it. `reason` is for a program. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly reason: ServerRefusal,
    message: string,
  ) {
    super(message);
  }
}

export type ServerRefusal = 'invalid_url' | 'password' | 'tls' | 'unreachable' | 'no_database' | 'too_new' | 'other';

export function readDatabaseChoice(dataFolder: string): DatabaseChoice {
  let text: string;
  try {
    text = readFileSync(join(dataFolder, DATABASE_CHOICE_FILE), 'utf8');
  } catch {
    return { kind: 'file' };
  }
  try {
    const parsed = JSON.parse(text) as Partial<{ kind: string; url: string; sealedPassword: string }>;
    if (parsed.kind === 'server' && typeof parsed.url === 'string' && isServerLocation(parsed.url)) {
      return { kind: 'server', url: parsed.url, ...(typeof parsed.sealedPassword === 'string' ? { sealedPassword: parsed.sealedPassword } : {}) };
    }
  } catch {
    // A damaged choice file: this computer's file, as before any choice was made.
  }
  return { kind: 'file' };
}

/** Written whole, then renamed over the old one: a crash never leaves half a choice. */
export function writeDatabaseChoice(dataFolder: string, choice: DatabaseChoice): void {
  mkdirSync(dataFolder, { recursive: true });
  const path = join(dataFolder, DATABASE_CHOICE_FILE);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(choice, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

/** Where this start opens the data (see the top of this file). */
export function startLocation(options: { explicit?: string; env: Readonly<Record<string, string | undefined>>; dataFolder: string }): StartLocation {
  if (options.explicit) return { location: options.explicit, from: 'option' };
  if (options.env.RESELLER_CONSOLE_DB) return { location: options.env.RESELLER_CONSOLE_DB, from: 'environment' };
  const choice = readDatabaseChoice(options.dataFolder);
  if (choice.kind === 'server') return { location: choice.url, from: 'settings', ...(choice.sealedPassword ? { sealedPassword: choice.sealedPassword } : {}) };
  return { location: join(options.dataFolder, DATABASE_FILE), from: 'default' };
}

/** The headless host's and the command line's data folder: the folder of the file --db names, else the user data folder. */
export const dataFolderFor = (explicit: string | undefined, userData: string): string =>
  explicit && !isServerLocation(explicit) ? dirname(explicit) : userData;

export interface OpenServerOptions {
  /** What goes beside the database (exports, uploads, the key file): this computer's data folder. */
  folder: string;
  env?: NodeJS.ProcessEnv;
  /** The password when neither the URL nor PGPASSWORD gives one (the secret box's). */
  password?: string;
}

/** Opens (and migrates) the store on a server; a refusal becomes a DatabaseOpenError that says why. */
export async function openServerStore(url: string, options: OpenServerOptions): Promise<PgStore> {
  mkdirSync(options.folder, { recursive: true });
  try {
    return await openPgStore(url, { folder: options.folder, env: options.env ?? process.env, ...(options.password ? { password: options.password } : {}) });
  } catch (error) {
    throw refusalOf(url, error);
  }
}

/** Opens the start's location: a file (migrated, as ever), or the server with the saved password opened by `secrets`. */
export async function openStartLocation(start: StartLocation, options: { folder: string; env?: NodeJS.ProcessEnv; secrets?: SecretBox }): Promise<Store> {
  if (!isServerLocation(start.location)) return openStore(start.location);
  let password: string | undefined;
  if (start.sealedPassword && options.secrets) {
    try {
      password = options.secrets.open(start.sealedPassword);
    } catch (error) {
      throw new DatabaseOpenError('password', `The saved password of ${redactedUrl(start.location)} cannot be opened (${error instanceof Error ? error.message : String(error)}): enter it again in Settings → Database`);
    }
  }
  return openServerStore(start.location, { folder: options.folder, ...(options.env ? { env: options.env } : {}), ...(password ? { password } : {}) });
}

const CONNECTION_LOST = /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|EAI_AGAIN|ECONNRESET|timeout|terminated unexpectedly/i;
const TLS_FAILURE = /CERT|SSL|TLS|self[- ]signed|altnames|unable to verify/i;

/** What went wrong when reaching a server, as a reason a program checks and a sentence a person reads. */
export function refusalOf(url: string, error: unknown): DatabaseOpenError {
  if (error instanceof DatabaseOpenError) return error;
  const where = redactedUrl(url);
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (code === 'db_too_new') return new DatabaseOpenError('too_new', message);
  if (code === 'invalid_input') return new DatabaseOpenError('invalid_url', message);
  if (/password must be a string|no password supplied/i.test(message)) return new DatabaseOpenError('password', `${where} asks for a password: enter it (or put it in PGPASSWORD)`);
  if (code === '28P01') return new DatabaseOpenError('password', `${where} refused the password (${message}): check the user name and password`);
  if (code === '3D000') return new DatabaseOpenError('no_database', `${where}: ${message} (ask the server's administrator to create it)`);
  if (code === '28000' && /no encryption|SSL off/i.test(message)) return new DatabaseOpenError('tls', `${where} accepts only encrypted connections: add ?sslmode=require (or verify-full) to the URL`);
  if (code === '28000') return new DatabaseOpenError('password', `${where} refused this user: ${message}`);
  if (/does not support SSL/i.test(message)) return new DatabaseOpenError('tls', `${where} does not accept encrypted connections (TLS refused): ask its administrator, or use sslmode=disable on a trusted network`);
  if (TLS_FAILURE.test(code) || TLS_FAILURE.test(message)) return new DatabaseOpenError('tls', `${where}: its TLS certificate was not accepted (${message}); give its CA with sslrootcert=…, or use sslmode=require`);
  if (CONNECTION_LOST.test(code) || CONNECTION_LOST.test(message)) return new DatabaseOpenError('unreachable', `${where} cannot be reached (${code || message}): check the host name and port, and that the server is running`);
  return new DatabaseOpenError('other', `${where} cannot be opened: ${message}`);
}

export type ServerTest =
  | { ok: true; server: string; schema: number; latest: number; message: string }
  | { ok: false; reason: ServerRefusal; message: string };

/**
 * Settings → Database's "Test connection": connects once, reads the server's version and the
 * database's schema, changes nothing (no migration). A database newer than the app is refused
 * as opening it would be.
 */
export async function testServer(url: string, options: { password?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ServerTest> {
  let client: pg.Client;
  try {
    // A password entered in the form is the one tested, whatever PGPASSWORD says.
    const env = options.password ? { ...(options.env ?? process.env), PGPASSWORD: undefined } : (options.env ?? process.env);
    const config = pgPoolConfig(url, { ...(options.password ? { password: options.password } : {}), env });
    client = new pg.Client({ ...config, connectionTimeoutMillis: Math.min(config.connectionTimeoutMillis ?? 10_000, 10_000) });
  } catch (error) {
    return { ok: false, ...describe(refusalOf(url, error)) };
  }
  // An error after connect (the server going away) must not take the app down.
  client.on('error', () => undefined);
  try {
    await client.connect();
    const version = await client.query<{ server_version: string }>('show server_version');
    const table = await client.query<{ found: string | null }>("select to_regclass('schema_version')::text as found");
    const schema = table.rows[0]?.found ? Number((await client.query<{ version: number }>('select version from schema_version where id = 1')).rows[0]?.version ?? 0) : 0;
    const server = `PostgreSQL ${version.rows[0]?.server_version ?? '?'}`;
    if (schema > LATEST_SCHEMA_VERSION) {
      return { ok: false, reason: 'too_new', message: `${server} answered, but this database was written by a newer version of Reseller Console (schema ${schema}; this app knows up to ${LATEST_SCHEMA_VERSION}): update the app first` };
    }
    const state = schema === 0 ? 'an empty database: the app sets it up at its next start' : schema < LATEST_SCHEMA_VERSION ? `schema ${schema}: the app brings it to ${LATEST_SCHEMA_VERSION} at its next start` : 'up to date';
    return { ok: true, server, schema, latest: LATEST_SCHEMA_VERSION, message: `Connected: ${server}, ${state}` };
  } catch (error) {
    return { ok: false, ...describe(refusalOf(url, error)) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

const describe = (error: DatabaseOpenError): { reason: ServerRefusal; message: string } => ({ reason: error.reason, message: error.message });

/** `--db VALUE` or `--db=VALUE` among a process's arguments (the desktop app's: Electron and Chromium add their own). */
export function dbOptionOf(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === '--db') return argv[index + 1];
    if (arg.startsWith('--db=')) return arg.slice('--db='.length);
  }
  return undefined;
}
