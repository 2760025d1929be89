import type { PgStore } from '../../../../db/open';
import type { CdrBatch } from '../../../cdr/types';
import { withSetAsideSummary } from '../../../engine/callDays';
import { AppError } from '../../../errors';
import { CallTotalsDelta } from '../callTotals';
import { finishImportRow, freshCalls, notStarted, report, type ImportOptions, type ImportProgress } from '../importCalls';
import { PendingCycleNotes } from '../pendingCycles';
import { emptyCycleQueries, rateBatch, summarisedCycleQueries } from '../rateBatch';
import { dirtyDayKey, type CallValues } from '../statements';
import { realTimers } from '../timers';
import { RatingWorld } from '../world';
import { postCallChargesPg } from './callCharges';
import { inCallsTransaction } from './copyCalls';
import { asImportOwner, WAITING_MESSAGE } from './importPresence';
import { ratePendingCyclesPg } from './pendingCycles';
import { cycleSummaries, flushCallTotals, markDirtyDays, notePendingCycles, storedCallIds } from './writes';

/**
 * Rows per transaction on PostgreSQL. Nothing waits for a connection here (each request
 * takes one of the pool's), so the size is what a crash may lose and what the window waits
 * for before it sees the rows: a few seconds of work.
 */
export const PG_TRANSACTION_ROWS = 20_000;

const REJECTS_SHOWN = 1000;

/**
 * Issue 16: the import on PostgreSQL. The same parsing and the same rating as on SQLite
 * (rateBatch, the engine): only the writes differ — a batch's calls by COPY (copyCalls.ts),
 * its rollups, dirty days and late cycles once per transaction, all sorted by key. One import
 * runs at a time per database (the import lock, whichever instance started it; a second one
 * waits, says so and may be cancelled): the duplicates a batch skips and the cycles' free
 * minutes it reads stay true while it writes. Its owner holds its presence lock meanwhile
 * (importPresence.ts): that, not a pid, is what tells other instances it still runs.
 * The indexes stay, whatever `deferIndexes` asks (dropping them would take an exclusive lock
 * on calls and blind every other instance: deferredIndexes.ts is SQLite's, plan finding 8). Late calls' cycles are rated again and the call charges posted at the end, as on SQLite.
 */
export async function importCallsPg(store: PgStore, batches: AsyncIterable<CdrBatch>, options: ImportOptions): Promise<ImportProgress> {
  const now = options.now ?? (() => new Date());
  const timers = options.timers ?? realTimers;
  const started = timers.now();
  return asImportOwner(store, { source: options.source, format: options.format, startedAt: now().toISOString() }, async (owner) => {
    const { importId } = owner;
    const progress: ImportProgress = { ...notStarted(options.totalBytes ?? null), importId };
    // Another instance's import (or a re-rate) holds the database: this one says so and waits, cancellable.
    const turn = await owner.takeImportLock({
      timers,
      ...(options.signal ? { signal: options.signal } : {}),
      onWait: () => {
        progress.message = WAITING_MESSAGE;
        report(progress, timers.now() - started, options.onProgress);
      },
    });
    if (progress.message === WAITING_MESSAGE) progress.message = null;
    if (!turn) {
      progress.status = 'cancelled';
      await finishImportRow(store.db, importId, progress, now());
      report(progress, timers.now() - started, options.onProgress);
      return progress;
    }
    const world = await RatingWorld.load(store.db);
    const cycleStates = new Map();
    const transactionRows = options.transactionRows ?? PG_TRANSACTION_ROWS;
    const iterator = batches[Symbol.asyncIterator]();
    // Read inside the try: a file that breaks off (or has no header) fails the import, kept in its row.
    let next: IteratorResult<CdrBatch> = { done: true, value: undefined };
    let readOn = true;
    let readError: unknown;
    try {
      for (;;) {
        if (readOn && !options.signal?.aborted) next = await iterator.next();
        readOn = false;
        // A cancel (also one made while the file was read on) writes nothing more.
        if (options.signal?.aborted) {
          progress.status = 'cancelled';
          break;
        }
        if (next.done) break;
        // Its locks went with the connection: another instance may start importing, so this one stops.
        const lost = owner.lost();
        if (lost) throw lost;
        const counts = { duplicates: 0, added: 0, rated: 0, unrated: 0, rerated: 0, rejected: 0 };
        const rejects: CdrBatch['rejected'] = [];
        const states = new Map(cycleStates);
        const pending = new PendingCycleNotes();
        await inCallsTransaction(store, async (trx, copier) => {
          const dirty = new Set<string>();
          const totals = new CallTotalsDelta();
          let rows = 0;
          while (!next.done) {
            const batch = next.value;
            const { fresh, duplicates } = freshCalls(batch, await storedCallIds(trx, batch.good.map((cdr) => cdr.callId)), world);
            counts.duplicates += duplicates;
            // What rating asks of the stored cycles it has not seen yet, read in one query.
            const unseen = new Set<string>();
            for (const call of fresh) {
              const key = `${call.binding?.clientPackageId}|${call.cycleStart}`;
              if (call.binding?.clientPackageId != null && call.cycleStart != null && !states.has(key)) unseen.add(key);
            }
            const queries = summarisedCycleQueries(await cycleSummaries(trx, unseen), emptyCycleQueries);
            const inserts: CallValues[] = [];
            rateBatch(fresh, world, queries, states, importId, ({ values, rowId }) => {
              // An import rates its calls as they come and notes late ones' cycles: it never rewrites a stored row here.
              if (rowId !== undefined) throw new AppError('internal', 'The import was asked to rewrite a stored call');
              inserts.push(values);
            }, pending.note);
            // COPY into the transaction's stage, then into calls skipping a call id stored meanwhile (a duplicate).
            const stored = await copier.insert(inserts);
            for (const values of inserts) {
              if (!stored.has(values.call_id)) {
                counts.duplicates += 1;
                continue;
              }
              totals.add(values, 1);
              counts.added += 1;
              if (values.status === 'rated') counts.rated += 1;
              else counts.unrated += 1;
              if (values.client_id !== null && values.status === 'rated') dirty.add(dirtyDayKey(values.client_id, values.started_at));
            }
            if (batch.rejected.length > 0) {
              await trx.insertInto('call_import_rejects').values(batch.rejected.map((rejection) => ({ import_id: importId, line: rejection.line, reason: rejection.reason }))).execute();
            }
            counts.rejected += batch.rejected.length;
            for (const rejection of batch.rejected) if (rejects.length < REJECTS_SHOWN) rejects.push(rejection);
            rows += batch.good.length + batch.rejected.length;
            progress.linesRead = batch.linesRead;
            progress.bytesRead = options.fileBytes ? options.fileBytes(batch.bytesRead) : batch.bytesRead;
            // A full transaction commits before the file is read on: a slow upload keeps no transaction open.
            if (rows >= transactionRows || options.signal?.aborted) {
              readOn = true;
              break;
            }
            try {
              next = await iterator.next();
            } catch (error) {
              // A file that breaks off: the batches written before it are committed, as on SQLite.
              readError = error;
              break;
            }
          }
          await markDirtyDays(trx, dirty);
          await flushCallTotals(trx, totals);
          await notePendingCycles(trx, pending.take());
        });
        // Committed: the cycles' states and the counts are this transaction's.
        for (const [key, state] of states) cycleStates.set(key, state);
        for (const key of Object.keys(counts) as (keyof typeof counts)[]) progress[key] += counts[key];
        for (const rejection of rejects) if (progress.rejects.length < REJECTS_SHOWN) progress.rejects.push(rejection);
        report(progress, timers.now() - started, options.onProgress);
        options.onCommit?.();
        if (readError !== undefined) throw readError;
      }
      if (options.signal?.aborted && progress.status === 'running') progress.status = 'cancelled';
    } catch (error) {
      progress.status = 'failed';
      progress.message = error instanceof Error ? error.message : String(error);
    }
    try {
      // Without its lock an import must not rewrite cycles: the notes stay for the next start or import.
      const lost = owner.lost();
      if (lost) throw lost;
      progress.rerated += (await ratePendingCyclesPg(store, world)).rated;
    } catch (error) {
      // The notes stay: the next start or import rates those cycles.
      progress.status = 'failed';
      progress.message ??= error instanceof Error ? error.message : String(error);
    }
    if (progress.status === 'running') progress.status = 'done';
    progress.message = withSetAsideSummary(progress.message, (await postCallChargesPg(store, now)).setAside);
    await finishImportRow(store.db, importId, progress, now());
    report(progress, timers.now() - started, options.onProgress);
    return progress;
  });
}
