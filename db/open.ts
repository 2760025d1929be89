import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type Driver } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type pg from 'pg';
import { migrate } from './migrate';
import type { Database } from './schema';

/** Issue 16: SQLite, the embedded default (a file), or PostgreSQL (team mode, a server). */
export type Dialect = 'sqlite' | 'postgres';

interface StoreBase {
  readonly dialect: Dialect;
  readonly db: Kysely<Database>;
  /** What a person reads: the file's path, or the server's URL without its password. */
  readonly location: string;
  /** The folder for what belongs beside this database: exports, uploads, the key box. */
  readonly folder: string;
  close(): Promise<void>;
}

/** Team mode: a PostgreSQL database, shared by several instances of the app. */
export interface PgStore extends StoreBase {
  readonly dialect: 'postgres';
  readonly pool: pg.Pool;
}

/** The embedded store: one SQLite file, one connection. */
export interface SqliteStore extends StoreBase {
  readonly dialect: 'sqlite';
  readonly sqlite: BetterSqlite3.Database;
  readonly path: string;
  /**
   * Runs `work` holding the one connection: Kysely's queries and transactions wait until
   * it ends, and none is half-way when it starts. Raw better-sqlite3 writes (the import,
   * re-rating, call charges) run in here, so their transactions never nest inside a
   * Kysely transaction that is awaiting between two statements, nor take one in.
   * `work` must not use `db` itself (it would wait for its own connection).
   */
  exclusive<T>(work: () => T | Promise<T>): Promise<T>;
  /** Who waits for the connection: a long job (the import) lets go as soon as someone does. */
  readonly queue: ConnectionQueue;
  close(): Promise<void>;
}

/**
 * Counts the requests waiting for the one connection (Kysely's queries and transactions,
 * `exclusive` work). Issue 9, "waits during an import": the import commits and lets go
 * between two batches as soon as someone waits, instead of holding the connection for its
 * whole transaction (seconds), so a payment sent during an import waits for one batch.
 */
export class ConnectionQueue {
  private count = 0;
  private readonly wakers = new Set<() => void>();

  get waiting(): number {
    return this.count;
  }

  /** Settles as soon as someone waits for the connection (at once if someone does); never after `signal` aborts. */
  someoneWaits(signal: AbortSignal): Promise<void> {
    if (this.count > 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      if (signal.aborted) return;
      const wake = (): void => {
        this.wakers.delete(wake);
        resolve();
      };
      this.wakers.add(wake);
      signal.addEventListener('abort', () => this.wakers.delete(wake), { once: true });
    });
  }

  /** Waits for the connection through `acquire`, counted as waiting until it has it. */
  async enter<T>(acquire: () => Promise<T>): Promise<T> {
    this.count += 1;
    for (const wake of [...this.wakers]) wake();
    try {
      return await acquire();
    } finally {
      this.count -= 1;
    }
  }
}

/** Kysely's SQLite dialect whose driver tells `queue` who waits for the connection. */
class QueuedSqliteDialect extends SqliteDialect {
  constructor(
    config: ConstructorParameters<typeof SqliteDialect>[0],
    private readonly queue: ConnectionQueue,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const acquire = driver.acquireConnection.bind(driver);
    driver.acquireConnection = () => this.queue.enter(acquire);
    return driver;
  }
}

export type Store = SqliteStore | PgStore;

export interface OpenOptions {
  /** Stop migrating at this version (tests of migrations). */
  migrateTo?: number;
}

/** A PostgreSQL URL (team mode) rather than a file path. */
export const isServerLocation = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location);

/** Opens (creating if needed) the SQLite store and migrates it. WAL, foreign keys, busy timeout. */
export async function openStore(path: string, options: OpenOptions = {}): Promise<SqliteStore> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // A 64 MB page cache: the calls indexes grow in many places at once during an import (measured 5x faster than the default 2 MB).
  sqlite.pragma('cache_size = -65536');
  const queue = new ConnectionQueue();
  const db = new Kysely<Database>({ dialect: new QueuedSqliteDialect({ database: sqlite }, queue) });
  try {
    await migrate(db as unknown as Kysely<unknown>, options.migrateTo, 'sqlite');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    dialect: 'sqlite',
    db,
    sqlite,
    path,
    location: path,
    folder: dirname(path),
    exclusive: (work) => db.connection().execute(async () => work()),
    queue,
    close: () => db.destroy(),
  };
}
