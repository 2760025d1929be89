import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import type { PgStore } from '../../../../db/open';
import type { Database } from '../../../../db/schema';
import type { ImportTimers } from '../timers';

/**
 * Issue 16, team mode: which imports run, when several app instances on several machines
 * share one PostgreSQL database. A process id means nothing there (plan, finding 4), so the
 * owner of an import proves it is alive with session-level advisory locks, held on one
 * dedicated connection of its own for the import's whole life and released on that same
 * connection at its end:
 *
 * - the import lock (`hashtextextended('reseller-console:import', 0)`, the key
 *   calls/pg/rerate.ts's withImportLock takes): one import or re-rate at a time per
 *   database, whichever instance runs it;
 * - a presence lock (PRESENCE_CLASS, the import's id): "this import has a live owner".
 *
 * A process that dies, a machine that is switched off, a connection the server ends: the
 * server ends the session and both locks go with it, so an import recorded as running
 * whose presence lock nobody holds is interrupted (markInterruptedImports), exactly as a
 * dead pid is on SQLite. The row is inserted and its presence lock taken in one transaction
 * on the owner's connection: no other instance ever sees the row without its lock.
 * (A machine cut off from the network holds its locks until the server's TCP keepalive
 * gives up on it: the server's tcp_keepalives_* settings.)
 */

/** The import lock's name: calls/pg/rerate.ts's withImportLock takes the same key. */
export const IMPORT_LOCK = 'reseller-console:import';

/** The first key of every presence lock ("RCI\x01"); the second is the import's id. */
export const PRESENCE_CLASS = 0x5243_4901;

/** How often an import waiting for another instance's import asks for the lock again. */
export const IMPORT_LOCK_POLL_MS = 1_000;

/** What an import says while another instance's import (or a re-rate) holds the database's import lock. */
export const WAITING_MESSAGE = 'Waiting: another import or re-rate runs on this database (another computer or window); this one starts when it ends.';

/** The row an import starts with (the owner's server session id goes in `pid`). */
export interface ImportRowStart {
  source: string;
  format: string;
  startedAt: string;
}

/** The connection an import's locks live on. */
export interface ImportOwner {
  readonly importId: number;
  /** The owner's session on the server (pg_backend_pid), written in call_imports.pid. */
  readonly backendPid: number;
  /** Set once the server ended the owner's connection: the locks are gone, the import must stop. */
  lost(): Error | null;
  /**
   * Takes the database's import lock, asking again every IMPORT_LOCK_POLL_MS while someone
   * else holds it (`onWait` told once); false when `signal` aborts first.
   */
  takeImportLock(options: { signal?: AbortSignal; timers: ImportTimers; onWait?: () => void }): Promise<boolean>;
}

const importKey = sql`hashtextextended(${IMPORT_LOCK}, 0)`;

function compiled(db: Kysely<Database>, query: ReturnType<typeof sql>): { text: string; values: unknown[] } {
  const { sql: text, parameters } = query.compile(db);
  return { text, values: [...parameters] };
}

/** Settles when `signal` aborts (never without one). */
function aborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * Runs an import as the owner of its row: a dedicated connection from the pool inserts the
 * row (status running) and takes its presence lock in one transaction, `work` runs, then both
 * locks are released on that connection and it goes back to the pool (or is thrown away when
 * the server ended it).
 */
export async function asImportOwner<T>(store: PgStore, row: ImportRowStart, work: (owner: ImportOwner) => Promise<T>): Promise<T> {
  const client: pg.PoolClient = await store.pool.connect();
  let lostError: Error | null = null;
  // An idle connection the server ends emits 'error': with no listener it would take the process down.
  const onError = (error: Error): void => {
    lostError ??= new Error(`The connection that holds this import's lock was lost (${error.message}): import the file again to finish it`);
  };
  client.on('error', onError);
  let holdsImportLock = false;
  let importId: number | null = null;
  let committed = false;
  try {
    await client.query('begin');
    try {
      const insert = store.db
        .insertInto('call_imports')
        .values({ source: row.source, format: row.format, started_at: row.startedAt, finished_at: null, status: 'running', pid: sql<number>`pg_backend_pid()` })
        .returning(['id', 'pid'])
        .compile();
      const inserted = await client.query<{ id: string | number; pid: number }>(insert.sql, [...insert.parameters]);
      importId = Number(inserted.rows[0]!.id);
      const presence = compiled(store.db, sql`select pg_advisory_lock(${PRESENCE_CLASS}::int, ${importId}::int)`);
      await client.query(presence.text, presence.values);
      await client.query('commit');
      committed = true;
      const owner: ImportOwner = {
        importId,
        backendPid: Number(inserted.rows[0]!.pid),
        lost: () => lostError,
        takeImportLock: async ({ signal, timers, onWait }) => {
          const tryLock = compiled(store.db, sql`select pg_try_advisory_lock(${importKey}) as taken`);
          let told = false;
          for (;;) {
            if (signal?.aborted) return false;
            if (lostError) throw lostError;
            const taken = await client.query<{ taken: boolean }>(tryLock.text, tryLock.values);
            if (taken.rows[0]?.taken) {
              holdsImportLock = true;
              return true;
            }
            if (!told) onWait?.();
            told = true;
            const stop = new AbortController();
            try {
              await Promise.race([timers.sleep(IMPORT_LOCK_POLL_MS, stop.signal), aborted(signal)]);
            } finally {
              stop.abort();
            }
          }
        },
      };
      return await work(owner);
    } catch (error) {
      if (!committed) await client.query('rollback').catch(() => undefined);
      throw error;
    }
  } finally {
    if (lostError) {
      // The server ended the session (and its locks): the connection is of no further use.
      client.release(lostError);
    } else {
      try {
        if (holdsImportLock) {
          const unlock = compiled(store.db, sql`select pg_advisory_unlock(${importKey})`);
          await client.query(unlock.text, unlock.values);
        }
        if (importId !== null) {
          const unlock = compiled(store.db, sql`select pg_advisory_unlock(${PRESENCE_CLASS}::int, ${importId}::int)`);
          await client.query(unlock.text, unlock.values);
        }
        client.release();
      } catch (error) {
        client.release(error instanceof Error ? error : new Error(String(error)));
      }
    }
    client.off('error', onError);
  }
}

/**
 * Runs `work` holding the database's import lock if no one else holds it (a dedicated
 * connection, released on it at the end); null at once when another instance's import or
 * re-rate holds it. The start's recovery uses it: what a running import leaves, its own end rates.
 */
export async function ifImportLockFree<T>(store: PgStore, work: () => Promise<T>): Promise<T | null> {
  const client = await store.pool.connect();
  const onError = (): void => undefined;
  client.on('error', onError);
  let failure: Error | undefined;
  try {
    const tryLock = compiled(store.db, sql`select pg_try_advisory_lock(${importKey}) as taken`);
    const taken = await client.query<{ taken: boolean }>(tryLock.text, tryLock.values);
    if (!taken.rows[0]?.taken) return null;
    try {
      return await work();
    } finally {
      const unlock = compiled(store.db, sql`select pg_advisory_unlock(${importKey})`);
      await client.query(unlock.text, unlock.values).catch((error: unknown) => (failure = error instanceof Error ? error : new Error(String(error))));
    }
  } finally {
    client.off('error', onError);
    client.release(failure);
  }
}

/** The ids of the imports whose owner holds its presence lock now (on this database). */
export async function liveImportIds(db: Kysely<Database>): Promise<Set<number>> {
  const rows = await sql<{ id: number }>`
    select objid::bigint as id from pg_locks
    where locktype = 'advisory' and classid = ${PRESENCE_CLASS}::int::oid and objsubid = 2 and granted
      and database = (select oid from pg_database where datname = current_database())`.execute(db);
  return new Set(rows.rows.map((row) => Number(row.id)));
}
