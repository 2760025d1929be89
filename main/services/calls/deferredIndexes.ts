import type BetterSqlite3 from 'better-sqlite3';
import { availableParallelism } from 'node:os';
import type { Kysely } from 'kysely';
import type { SqliteStore, Store } from '../../../db/open';
import type { Database } from '../../../db/schema';

/**
 * Issue 13: a bulk import writes its calls into `calls` with only the provider call id's
 * unique index, then builds the secondary indexes again, each in one sort. Measured on the
 * bench's 1M calls (2026-12-07, one transaction, no rating): the rows with every index kept
 * up row by row 26–31 s; with the call id alone 11 s, and the five indexes built after them
 * 11 s more. Row by row, each index insert lands in one of thousands of leaves (a client's,
 * a cycle's), and every commit writes those leaves again.
 *
 * The indexes dropped are noted in `deferred_indexes` (migration 020) with their own CREATE
 * statement, in the drop's transaction; each note goes in the transaction that builds its
 * index again. So a process killed at any point leaves the notes of exactly the indexes
 * missing: the store works meanwhile (its queries scan instead of seeking), and the next
 * start or import builds them (`restoreCallIndexes`).
 *
 * SQLite's catalog and DDL are not in the typed schema: the statements on `sqlite_master`
 * and the CREATE / DROP below are SQL text; the notes are written by Kysely-compiled
 * statements.
 */

/**
 * Issue 16 (team mode, plan finding 8): none of this runs on PostgreSQL. There a DROP INDEX
 * takes an ACCESS EXCLUSIVE lock on `calls` and every other instance on the server would
 * scan (or wait) until the build ends; the import keeps its indexes and writes multi-row
 * inserts instead (calls/pg/importCalls.ts ignores `deferIndexes`), so nothing is ever noted
 * in `deferred_indexes` and nothing is left to build. Callers on either store ask here.
 */
export function defersCallIndexes(store: Store): store is SqliteStore {
  return store.dialect === 'sqlite';
}

/**
 * The index the cycle queries read (a cycle's calls in call order: statements.ts, the late
 * calls' cycles of ratePendingCycles). A bulk import builds it first, rates those cycles
 * again, then builds the others: the re-rated rows' updates do not touch indexes not yet
 * there (query-plans.test.ts checks the cycle queries use it).
 */
export const CYCLE_INDEX = 'calls_cycle';

/** Below this many calls in a file, the rows go into the indexes as they come (the builds' fixed cost is not worth it). */
export const BULK_MIN_ROWS = 100_000;

/** A provider CSV line is about 170 bytes (the bench's 1M-call file: 170 MB); a smaller guess counts more rows. */
const BYTES_PER_CALL_GUESS = 150;

/**
 * Whether an import of `fileBytes` into a table of `storedCalls` rows should build the indexes
 * after its rows: a build sorts every row, stored or new (~11 µs a row for the five), while
 * keeping an index up costs each new row (~17 µs a row more than the call id alone, and more
 * with commits). So only when the file is big and brings at least twice the rows stored.
 */
export function shouldDeferIndexes(fileBytes: number | null | undefined, storedCalls: number): boolean {
  if (!fileBytes) return false;
  const calls = fileBytes / BYTES_PER_CALL_GUESS;
  return calls >= BULK_MIN_ROWS && calls >= 2 * storedCalls;
}

interface IndexDefinition {
  name: string;
  sql: string;
}

function statements(db: Kysely<Database>, sqlite: BetterSqlite3.Database) {
  const note = db.insertInto('deferred_indexes').values({ name: '', sql: '' }).onConflict((oc) => oc.column('name').doNothing()).compile();
  const notes = db.selectFrom('deferred_indexes').select(['name', 'sql']).orderBy('name').compile();
  const forget = db.deleteFrom('deferred_indexes').where('name', '=', '').compile();
  return {
    // The secondary indexes of calls as SQLite keeps them (an autoindex, the call id's UNIQUE, has no statement and stays).
    indexes: sqlite.prepare<[], IndexDefinition>(`select name, sql from sqlite_master where type = 'index' and tbl_name = 'calls' and sql is not null order by name`),
    exists: sqlite.prepare<[string], { n: number }>(`select count(*) as n from sqlite_master where type = 'index' and name = ?`),
    note: sqlite.prepare<[string, string]>(note.sql),
    notes: sqlite.prepare<[], IndexDefinition>(notes.sql),
    forget: sqlite.prepare<[string]>(forget.sql),
  };
}

/** The indexes a bulk import dropped and that are not built yet. */
export function deferredCallIndexes(db: Kysely<Database>, sqlite: BetterSqlite3.Database): string[] {
  return statements(db, sqlite)
    .notes.all()
    .map((row) => row.name);
}

/** Drops every secondary index of calls, each noted first, in one transaction; the names dropped. Call it holding the connection. */
export function deferCallIndexes(db: Kysely<Database>, sqlite: BetterSqlite3.Database): string[] {
  const prepared = statements(db, sqlite);
  return sqlite.transaction(() => {
    const indexes = prepared.indexes.all();
    for (const index of indexes) {
      prepared.note.run(index.name, index.sql);
      sqlite.exec(`drop index "${index.name.replaceAll('"', '""')}"`);
    }
    return indexes.map((index) => index.name);
  })();
}

/**
 * Builds every noted index again, each with its note's removal in one transaction (a kill
 * loses at most the one being built); the names built. Call it holding the connection.
 */
export function restoreCallIndexes(
  db: Kysely<Database>,
  sqlite: BetterSqlite3.Database,
  onIndex: (name: string) => void = () => undefined,
  only: (name: string) => boolean = () => true,
): string[] {
  const prepared = statements(db, sqlite);
  const notes = prepared.notes.all().filter((index) => only(index.name));
  if (notes.length === 0) return [];
  // A build's sort holds as much memory as the page cache may: 16 MB instead of the store's
  // 64 MB built the bench's five indexes on 1M calls as fast (9.9 s against 10.0 s) with
  // 50 MB less resident (the import's peak is held to 400 MB, issue 13).
  const cacheSize = Math.trunc(sqlite.pragma('cache_size', { simple: true }) as number);
  const threads = Math.trunc(sqlite.pragma('threads', { simple: true }) as number);
  sqlite.pragma(`cache_size = ${BUILD_CACHE_SIZE}`);
  sqlite.pragma(`threads = ${buildThreads()}`);
  try {
    for (const index of notes) {
      onIndex(index.name);
      sqlite.transaction(() => {
        // Built already (a migration, a hand) but still noted: only the note goes.
        if (prepared.exists.get(index.name)!.n === 0) sqlite.exec(index.sql);
        prepared.forget.run(index.name);
      })();
    }
  } finally {
    sqlite.pragma(`cache_size = ${cacheSize}`);
    sqlite.pragma(`threads = ${threads}`);
  }
  return notes.map((index) => index.name);
}

/** The page cache (and so the sort's memory) while the indexes build: 16 MB (negative: KiB). */
const BUILD_CACHE_SIZE = -16_384;

/**
 * SQLite's sorter may sort and merge on helper threads while an index builds (`PRAGMA
 * threads`; none by default): on the bench's 1M calls, two cores, the five builds took 10.3 s
 * with none and 7.7 s with one or two (2026-12-07). A helper per core beside the connection's
 * own, at least one, at most three.
 */
export function buildThreads(): number {
  return Math.max(1, Math.min(3, availableParallelism() - 1));
}
