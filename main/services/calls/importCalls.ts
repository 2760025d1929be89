import { setImmediate } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { SqliteStore } from '../../../db/open';
import type { Database } from '../../../db/schema';
import type { ImportJobView } from '../../../preload/schemas/calls';
import type { CdrBatch } from '../../cdr/types';
import { withSetAsideSummary } from '../../engine/callDays';
import { postCallCharges } from './callCharges';
import { PendingCycleNotes, ratePendingCycles } from './pendingCycles';
import { CallTotalsDelta, prepareCallTotalsStatements } from './callTotals';
import { parsedCdrToRate, type CallToRate } from './callToRate';
import { rateBatch, storedCycleQueries, summarisedCycleQueries } from './rateBatch';
import { CYCLE_INDEX, deferCallIndexes, deferredCallIndexes, restoreCallIndexes, shouldDeferIndexes } from './deferredIndexes';
import { callValuesInOrder, dirtyDayKey, markDirtyDays, prepareCallStatements, ratingValuesInOrder } from './statements';
import { realTimers, withinMs, type ImportTimers } from './timers';
import { RatingWorld } from './world';

interface BatchCounts {
  duplicates: number;
  added: number;
  rated: number;
  unrated: number;
  rerated: number;
  rejected: number;
}

/** What an import reports as it goes (the job view without the job's own fields). */
export type ImportProgress = Omit<ImportJobView, 'jobId' | 'fileName' | 'importId'> & { importId: number };

export interface ImportOptions {
  source: string;
  format: string;
  totalBytes?: number | null;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  now?: () => Date;
  /** Rows per transaction (tests use small ones); IMPORT_TRANSACTION_ROWS by default. */
  transactionRows?: number;
  /** After each transaction that kept rows is committed (the window refreshes its lists). */
  onCommit?: () => void;
  /** Where the parser is in the file, from where it is in the text (the text of a UTF-16 file is smaller in UTF-8). */
  fileBytes?: (parsedBytes: number) => number;
  /** The clocks the transaction waits on; real ones by default, injected by tests. */
  timers?: ImportTimers;
  /**
   * A big file into a small table writes its rows first and builds the calls indexes after
   * them (deferredIndexes.ts). Only where no window waits on the store (the command line):
   * the window's lists scan the table while the indexes are gone, and a request waits for
   * the build at the end (seconds) instead of one batch. 'auto': when shouldDeferIndexes
   * says it pays; 'always' (tests); 'never' by default.
   */
  deferIndexes?: 'auto' | 'always' | 'never';
}

const REJECTS_SHOWN = 1000;

/** The counters of an import that has read nothing yet. */
export function notStarted(totalBytes: number | null): Omit<ImportProgress, 'importId'> {
  return {
    status: 'running',
    linesRead: 0,
    bytesRead: 0,
    totalBytes,
    added: 0,
    duplicates: 0,
    rejected: 0,
    rated: 0,
    unrated: 0,
    rerated: 0,
    elapsedMs: 0,
    callsPerSecond: 0,
    etaSeconds: null,
    rejects: [],
    message: null,
  };
}

/**
 * Rows per parsed batch: the unit the parser hands over, progress moves by, and the import
 * lets go of the connection between (issue 9: a request waits for one batch at most).
 * Writing a call into the calls table, its five indexes and the report rollups takes about
 * 60 µs here (bench, 2026-12-07), so a batch of 4,000 held a request for ~300 ms (p95 of
 * the window's waits 432 ms); 1,000 hold it ~75 ms.
 */
export const IMPORT_BATCH_SIZE = 1_000;

/**
 * Rows per transaction (several parsed batches). Each commit rewrites the hot pages of
 * the calls indexes, which every batch touches across all clients: measured on 1M rows,
 * a commit every 20,000 rows costs 60 % more than one transaction, every 100,000 ~5 %.
 * Batches are written as they come, so memory stays bounded by one parsed batch.
 */
export const IMPORT_TRANSACTION_ROWS = 100_000;

/**
 * A transaction is also committed after this long (what a crash can lose), and the window
 * told to refresh at most this often: a commit made because a request waited tells no one,
 * or the window's refresh would make the next one.
 */
const TRANSACTION_MS = 2_000;

/** A transaction does not wait longer than this for the next batch (a slow or stalled upload): it commits and lets go. */
const NEXT_BATCH_WAIT_MS = 500;

/**
 * Imports call records batch by batch, several batches per SQLite transaction: their
 * calls, their rating, re-rated neighbours, rejected lines and the client-days whose
 * charges moved. The transaction commits every IMPORT_TRANSACTION_ROWS rows, between
 * batches — so a crash leaves every committed batch whole, and a re-run skips what is
 * there (the provider's call id is unique) and finishes the job. A cancel or a bad file
 * commits the batches written before it; a write that fails rolls the transaction back.
 * The transaction holds the store's connection (`exclusive`): other requests never write
 * into it. It commits early, between two batches, as soon as one waits (`store.queue`), so
 * a request waits for one batch (issue 9; `npm run bench` prints the waits).
 * Charges reach the ledger at the end (one entry per client per day), and again from
 * the dirty list at the next start if the process died before that.
 */
export async function importCalls(store: SqliteStore, batches: AsyncIterable<CdrBatch>, options: ImportOptions): Promise<ImportProgress> {
  const now = options.now ?? (() => new Date());
  const timers = options.timers ?? realTimers;
  const started = timers.now();
  const world = await RatingWorld.load(store.db);
  const statements = prepareCallStatements(store.db, store.sqlite);
  const totalsStatements = prepareCallTotalsStatements(store.db, store.sqlite);
  const { id: importId } = await store.db
    .insertInto('call_imports')
    .values({ source: options.source, format: options.format, started_at: now().toISOString(), finished_at: null, status: 'running', pid: process.pid })
    .returning('id')
    .executeTakeFirstOrThrow();
  const progress: ImportProgress = { ...notStarted(options.totalBytes ?? null), importId };
  const cycleStates = new Map();
  let queries = storedCycleQueries(statements);
  // Issue 13: a bulk import drops the secondary indexes (rating reads each stored cycle from
  // one summary taken first); an earlier one killed before it built them again is finished first.
  const { highest } = await store.db.selectFrom('calls').select((eb) => eb.fn.max('id').as('highest')).executeTakeFirstOrThrow();
  const storedCalls = Number(highest ?? 0);
  const deferred = options.deferIndexes === 'always' || (options.deferIndexes === 'auto' && shouldDeferIndexes(options.totalBytes, storedCalls));
  await store.exclusive(() => {
    if (deferred) {
      queries = summarisedCycleQueries(statements.cycleSummaries.all(), queries);
      deferCallIndexes(store.db, store.sqlite);
    } else if (deferredCallIndexes(store.db, store.sqlite).length > 0) {
      restoreCallIndexes(store.db, store.sqlite);
    }
  });
  // Late calls' cycles, rated again once when the rows are in (issue 13).
  const pending = new PendingCycleNotes();

  /**
   * Writes a batch's calls and rejects; the client-days whose charges moved go into `dirty`
   * (marked once per transaction), what they add to the report rollups into `totals`.
   */
  const writeBatch = (batch: CdrBatch, counts: BatchCounts, dirty: Set<string>, totals: CallTotalsDelta): void => {
    const ids = batch.good.map((cdr) => cdr.callId);
    const { fresh, duplicates } = freshCalls(batch, new Set(statements.existingIds.all(JSON.stringify(ids))), world);
    counts.duplicates += duplicates;
    rateBatch(fresh, world, queries, cycleStates, importId, ({ values, rowId }) => {
      if (rowId === undefined) {
        statements.insert.run(callValuesInOrder(values));
        totals.add(values, 1);
        counts.added += 1;
        if (values.status === 'rated') counts.rated += 1;
        else counts.unrated += 1;
        if (values.client_id !== null && values.status === 'rated') dirty.add(dirtyDayKey(values.client_id, values.started_at));
      } else {
        const before = totalsStatements.read.get(rowId);
        if (before) totals.add(before, -1);
        statements.updateRating.run(ratingValuesInOrder(values, rowId));
        totals.add(values, 1);
        counts.rerated += 1;
        if (values.client_id !== null) dirty.add(dirtyDayKey(values.client_id, values.started_at));
      }
    }, pending.note);
    for (const rejection of batch.rejected) statements.reject.run(importId, rejection.line, rejection.reason);
    counts.rejected += batch.rejected.length;
  };
  const transactionRows = options.transactionRows ?? IMPORT_TRANSACTION_ROWS;
  const batchIterator = batches[Symbol.asyncIterator]();
  let ended = false;
  let waiting: Promise<IteratorResult<CdrBatch>> | null = null;
  const nextBatch = (): Promise<IteratorResult<CdrBatch>> => (waiting ??= batchIterator.next());
  const take = (): void => {
    waiting = null;
  };
  /** The next batch, unless it takes longer than NEXT_BATCH_WAIT_MS or someone waits for the connection first (null). */
  const nextBatchUnlessWaited = async (): Promise<IteratorResult<CdrBatch> | null> => {
    const stop = new AbortController();
    try {
      const waited = store.queue.someoneWaits(stop.signal).then(() => null);
      return await Promise.race([withinMs(timers, nextBatch(), NEXT_BATCH_WAIT_MS), waited]);
    } finally {
      stop.abort();
    }
  };

  let toldAt = Number.NEGATIVE_INFINITY;
  /**
   * Writes batches in one transaction until it is big or old enough, the file ends, a
   * cancel, or someone else waits for the connection (a request of the window: it goes
   * next, after this batch).
   */
  const transaction = async (first: CdrBatch): Promise<void> => {
    const committed: BatchCounts = { duplicates: 0, added: 0, rated: 0, unrated: 0, rerated: 0, rejected: 0 };
    const rejects: CdrBatch['rejected'] = [];
    const dirty = new Set<string>();
    const totals = new CallTotalsDelta();
    const began = timers.now();
    // The import's own transactions skip SQLite's foreign key lookups (five a call: sub
    // account, client, client package, package, import): every id written comes from rows
    // read at the start, and none of those rows is ever deleted (a package that rated calls
    // or was ever connected is archived, not deleted). The connection is the import's alone
    // until the commit, and the checks are back on before anyone else uses it.
    store.sqlite.pragma('foreign_keys = OFF');
    store.sqlite.exec('begin');
    let failure: unknown = null;
    try {
      let batch: CdrBatch | null = first;
      let rows = 0;
      while (batch) {
        try {
          writeBatch(batch, committed, dirty, totals);
        } catch (error) {
          // A write failed half-way through a batch: nothing of this transaction is kept.
          if (store.sqlite.inTransaction) store.sqlite.exec('rollback');
          pending.discard();
          throw error;
        }
        for (const rejection of batch.rejected) if (rejects.length < REJECTS_SHOWN) rejects.push(rejection);
        rows += batch.good.length + batch.rejected.length;
        progress.linesRead = batch.linesRead;
        progress.bytesRead = options.fileBytes ? options.fileBytes(batch.bytesRead) : batch.bytesRead;
        report(progress, timers.now() - started, options.onProgress);
        batch = null;
        if (rows >= transactionRows || timers.now() - began >= TRANSACTION_MS || options.signal?.aborted || store.queue.waiting > 0) break;
        const next = await nextBatchUnlessWaited();
        if (next === null) break;
        take();
        if (next.done) ended = true;
        else batch = next.value;
      }
    } catch (error) {
      failure = error;
    }
    // A cancel or a bad file keeps the whole batches written before it; a failed write rolled back above.
    let kept = store.sqlite.inTransaction;
    if (kept) {
      try {
        // Once per transaction: a client-day is in many batches, a client-month in more.
        markDirtyDays(statements, dirty);
        totals.flush(totalsStatements);
        pending.flush(store);
      } catch (error) {
        store.sqlite.exec('rollback');
        pending.discard();
        kept = false;
        failure ??= error;
      }
    }
    try {
      if (kept) store.sqlite.exec('commit');
    } catch (error) {
      if (store.sqlite.inTransaction) store.sqlite.exec('rollback');
      pending.discard();
      throw error;
    } finally {
      store.sqlite.pragma('foreign_keys = ON');
    }
    if (kept) for (const key of Object.keys(committed) as (keyof BatchCounts)[]) progress[key] += committed[key];
    if (kept) for (const rejection of rejects) if (progress.rejects.length < REJECTS_SHOWN) progress.rejects.push(rejection);
    if (kept) {
      // The view shows the committed counts before the window is told to refresh.
      report(progress, timers.now() - started, options.onProgress);
      if (timers.now() - toldAt >= TRANSACTION_MS) {
        toldAt = timers.now();
        options.onCommit?.();
      }
    }
    if (failure !== null) throw failure;
  };

  // The WAL is checkpointed once at the end instead of every 1,000 pages during the import.
  const autocheckpoint = store.sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
  store.sqlite.pragma('wal_autocheckpoint = 0');
  try {
    while (!ended) {
      // Waiting for the file happens outside any transaction.
      const next = await nextBatch();
      take();
      if (next.done) break;
      if (options.signal?.aborted) {
        progress.status = 'cancelled';
        break;
      }
      await store.exclusive(() => transaction(next.value));
      if (options.signal?.aborted) {
        progress.status = 'cancelled';
        break;
      }
      // Give the event loop a turn: requests that waited for the commit go first.
      await setImmediate();
    }
  } catch (error) {
    progress.status = 'failed';
    progress.message = error instanceof Error ? error.message : String(error);
  }
  /** A bulk import's indexes built again (those `only` names), however its rows ended; the CLI shows which. */
  const buildIndexes = async (only?: (name: string) => boolean): Promise<void> => {
    try {
      const before = progress.message;
      await store.exclusive(() =>
        restoreCallIndexes(
          store.db,
          store.sqlite,
          (name) => {
            progress.message = `Building the calls index ${name}…`;
            report(progress, timers.now() - started, options.onProgress);
          },
          only,
        ),
      );
      progress.message = before;
    } catch (error) {
      // The notes stay: the next start or import builds what is missing.
      progress.status = 'failed';
      progress.message = `The calls indexes were not built again: ${error instanceof Error ? error.message : String(error)}`;
    }
  };
  // The late calls' cycles are read through the cycle index: a bulk import builds it first,
  // and the others after those cycles are rated again (their updates then touch no index).
  if (deferred) await buildIndexes((name) => name === CYCLE_INDEX);
  // Every cycle a late call landed in is rated again once, from its earliest late call.
  try {
    progress.rerated += (await ratePendingCycles(store, world)).rated;
  } catch (error) {
    // The notes stay: the next start or import rates those cycles.
    progress.status = 'failed';
    progress.message ??= error instanceof Error ? error.message : String(error);
  }
  if (deferred) await buildIndexes();
  if (progress.status === 'running') progress.status = 'done';
  store.sqlite.pragma(`wal_autocheckpoint = ${Math.trunc(autocheckpoint)}`);
  // The WAL holds every page the import wrote (a bulk import: the whole table and its indexes):
  // checkpointed before the charges are read, they read the database file, not through it.
  await store.exclusive(() => store.sqlite.pragma('wal_checkpoint(PASSIVE)'));
  // Committed batches count, even when cancelled or failed: post their charges now.
  // A client-day the ledger door refused (a balance at its limit) is set aside, and said so.
  progress.message = withSetAsideSummary(progress.message, (await postCallCharges(store, now)).setAside);
  await finishImportRow(store.db, importId, progress, now());
  report(progress, timers.now() - started, options.onProgress);
  return progress;
}

/** An import's row as it ended: its status, message and counts (either store's import). */
export async function finishImportRow(db: Kysely<Database>, importId: number, progress: ImportProgress, finishedAt: Date): Promise<void> {
  await db
    .updateTable('call_imports')
    .set({
      finished_at: finishedAt.toISOString(),
      status: progress.status,
      rows_read: progress.added + progress.duplicates + progress.rejected,
      rows_added: progress.added,
      rows_duplicate: progress.duplicates,
      rows_rejected: progress.rejected,
      message: progress.message,
    })
    .where('id', '=', importId)
    .execute();
}

/** A batch's calls not stored yet (`stored`: their ids found stored), each once, bound for rating; and how many were duplicates. */
export function freshCalls(batch: CdrBatch, stored: ReadonlySet<string>, world: RatingWorld): { fresh: CallToRate[]; duplicates: number } {
  const fresh: CallToRate[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (const cdr of batch.good) {
    if (stored.has(cdr.callId) || seen.has(cdr.callId)) {
      duplicates += 1;
      continue;
    }
    seen.add(cdr.callId);
    fresh.push(parsedCdrToRate(cdr, world));
  }
  return { fresh, duplicates };
}

/** Updates the rates and the estimate of `progress` and tells `onProgress` (either store's import). */
export function report(progress: ImportProgress, elapsedMs: number, onProgress?: (progress: ImportProgress) => void): void {
  progress.elapsedMs = Math.round(elapsedMs);
  const processed = progress.added + progress.duplicates + progress.rejected;
  progress.callsPerSecond = progress.elapsedMs > 0 ? Math.round((processed * 1000) / progress.elapsedMs) : 0;
  progress.etaSeconds =
    progress.totalBytes && progress.bytesRead > 0 && progress.status === 'running'
      ? Math.max(0, Math.round(((progress.totalBytes - progress.bytesRead) * progress.elapsedMs) / progress.bytesRead / 1000))
      : null;
  onProgress?.({ ...progress, rejects: progress.rejects });
}
