import { readFileSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrate } from './migrate';
import type { OpenOptions, PgStore } from './open';
import type { Database } from './schema';

/**
 * Issue 16, team mode: the store on a PostgreSQL server. The URL is the libpq form
 * (`postgres://user[:password]@host[:port]/database?sslmode=…`); this file reads it itself
 * rather than handing it to pg, whose meaning of `sslmode` differs from libpq's (pg 8 takes
 * `require` as verify-full) and changes in pg 9: what a reseller writes means what the
 * PostgreSQL documentation says it means.
 */

/** A URL the store cannot use, said so a person can fix it. */
export class ServerLocationError extends Error {
  readonly code = 'invalid_input';
}

export interface PgOpenOptions extends OpenOptions {
  /** Where the files beside this database go (exports, uploads): the app's data folder. */
  folder: string;
  /** The password when the URL has none and PGPASSWORD is not set (the app's secret box). */
  password?: string;
  /** Connections this instance keeps open at most. */
  maxConnections?: number;
  env?: NodeJS.ProcessEnv;
}

const SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;
type SslMode = (typeof SSL_MODES)[number];
const KNOWN_PARAMETERS = new Set(['sslmode', 'sslrootcert', 'application_name', 'connect_timeout']);

/** The server's address as a person may see it: the password left out. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '';
    return parsed.toString().replace(/:@/, '@');
  } catch {
    return '(not a URL)';
  }
}

/** pg's pool settings from a libpq URL, the environment's PGPASSWORD and the secret box's password. */
export function pgPoolConfig(url: string, options: Pick<PgOpenOptions, 'password' | 'maxConnections' | 'env'> = {}): pg.PoolConfig {
  const env = options.env ?? process.env;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ServerLocationError(`"${redactedUrl(url)}" is not a PostgreSQL URL: write postgres://user@host/database`);
  }
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new ServerLocationError('A PostgreSQL URL starts with postgres:// or postgresql://');
  if (!parsed.hostname) throw new ServerLocationError('The PostgreSQL URL names no server: write postgres://user@host/database');
  for (const name of parsed.searchParams.keys()) {
    if (!KNOWN_PARAMETERS.has(name)) {
      throw new ServerLocationError(`The PostgreSQL URL's parameter "${name}" is not one this app reads (it reads ${[...KNOWN_PARAMETERS].join(', ')})`);
    }
  }
  const user = decodeURIComponent(parsed.username) || env.PGUSER;
  if (!user) throw new ServerLocationError('The PostgreSQL URL names no user: write postgres://user@host/database');
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || user;
  const password = decodeURIComponent(parsed.password) || env.PGPASSWORD || options.password;
  const timeout = parsed.searchParams.get('connect_timeout');
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : 5432,
    database,
    user,
    ...(password ? { password } : {}),
    ssl: tlsOptions(parsed),
    application_name: parsed.searchParams.get('application_name') ?? 'reseller-console',
    ...(timeout ? { connectionTimeoutMillis: Number(timeout) * 1000 } : { connectionTimeoutMillis: 15_000 }),
    max: options.maxConnections ?? 8,
    types: { getTypeParser: typeParser },
  };
}

/** libpq's sslmode, mapped by hand (see the top of this file). No sslmode: no TLS, as libpq's `disable`. */
function tlsOptions(parsed: URL): pg.PoolConfig['ssl'] {
  const mode = parsed.searchParams.get('sslmode') ?? 'disable';
  if (!(SSL_MODES as readonly string[]).includes(mode)) {
    throw new ServerLocationError(
      `sslmode=${mode} is not supported: write sslmode=require (encrypted), verify-full (encrypted, the server's certificate checked) or disable`,
    );
  }
  const rootCert = parsed.searchParams.get('sslrootcert');
  let ca: string | undefined;
  if (rootCert) {
    try {
      ca = readFileSync(rootCert, 'utf8');
    } catch {
      throw new ServerLocationError(`The certificate sslrootcert names (${rootCert}) cannot be read`);
    }
  }
  switch (mode as SslMode) {
    case 'disable':
      return false;
    case 'require':
      // libpq: with a root certificate, require verifies the chain as verify-ca does.
      return ca ? { ca, rejectUnauthorized: true, checkServerIdentity: () => undefined } : { rejectUnauthorized: false };
    case 'verify-ca':
      return { ...(ca ? { ca } : {}), rejectUnauthorized: true, checkServerIdentity: () => undefined };
    case 'verify-full':
      return { ...(ca ? { ca } : {}), rejectUnauthorized: true };
  }
}

const INT8 = 20;
const NUMERIC = 1700;

/** A bigint or numeric as a number, as better-sqlite3 gives integers; one past 2^53 throws rather than rounds. */
function exactNumber(text: string): number {
  const value = Number(text);
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    throw new RangeError(`The database returned ${text}, past what a JavaScript number holds exactly: cast it to text and read it as a BigInt`);
  }
  return value;
}

function typeParser(oid: number, format?: string): (value: string) => unknown {
  if (oid === INT8 || oid === NUMERIC) return exactNumber;
  return pg.types.getTypeParser(oid, format === 'binary' ? 'binary' : 'text');
}

/** Opens a pool on the server and migrates the database (one migration per transaction, one instance at a time). */
export async function openPgStore(url: string, options: PgOpenOptions): Promise<PgStore> {
  const pool = new pg.Pool(pgPoolConfig(url, options));
  // An idle connection the server closes (a restart) must not take the app down; the next query reconnects.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrate(db as unknown as Kysely<unknown>, options.migrateTo, 'postgres');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { dialect: 'postgres', db, pool, location: redactedUrl(url), folder: options.folder, close: () => db.destroy() };
}
