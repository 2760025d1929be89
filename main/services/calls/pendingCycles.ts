import { sql, type ExpressionBuilder } from 'kysely';
import type { SqliteStore } from '../../../db/open';
import type { CallRow, Database, RatingPendingTable } from '../../../db/schema';
import { rateCall, type CallRecord } from '../../engine';
import { CallTotalsDelta, prepareCallTotalsStatements } from './callTotals';
import { storedCallToRate } from './callToRate';
import { compareStart, rowValues } from './rateBatch';
import { dirtyDayKey, markDirtyDays, placeholderRow, prepareCallStatements, RATING_COLUMNS, RERATED_COLUMNS, type CallValues } from './statements';
import type { RatingWorld } from './world';

interface PendingCycle {
  clientPackageId: number;
  cycleStart: string;
  from: Pick<CallRecord, 'startedAt' | 'callId'>;
}

/**
 * The open cycles an import's transaction found late calls in, each with its earliest late
 * call (issue 13). Written to `rating_pending` in the transaction that stored the calls
 * (flush), forgotten with it when it rolls back (discard).
 */
export class PendingCycleNotes {
  private readonly cycles = new Map<string, PendingCycle>();

  readonly note = (clientPackageId: number, cycleStart: string, call: Pick<CallRecord, 'startedAt' | 'callId'>): void => {
    const key = `${clientPackageId}|${cycleStart}`;
    const known = this.cycles.get(key);
    if (!known || compareStart(call, known.from) < 0) this.cycles.set(key, { clientPackageId, cycleStart, from: { startedAt: call.startedAt, callId: call.callId } });
  };

  /** Writes the notes inside the caller's transaction; a note already there keeps the earlier of the two calls. */
  flush(store: SqliteStore): void {
    for (const cycle of this.cycles.values()) {
      const query = store.db
        .insertInto('rating_pending')
        .values({ client_package_id: cycle.clientPackageId, cycle_start: cycle.cycleStart, from_started_at: cycle.from.startedAt, from_call_id: cycle.from.callId })
        .onConflict((oc) =>
          oc
            .columns(['client_package_id', 'cycle_start'])
            .doUpdateSet((eb) => ({ from_started_at: eb.ref('excluded.from_started_at'), from_call_id: eb.ref('excluded.from_call_id') }))
            .where(sql<boolean>`(excluded.from_started_at, excluded.from_call_id) < (rating_pending.from_started_at, rating_pending.from_call_id)`),
        )
        .compile();
      store.sqlite.prepare(query.sql).run(...query.parameters);
    }
    this.cycles.clear();
  }

  discard(): void {
    this.cycles.clear();
  }

  /** The notes of this transaction, as rating_pending rows in key order, forgotten here (the caller writes them). */
  take(): RatingPendingTable[] {
    const rows = [...this.cycles.values()]
      .sort((a, b) => a.clientPackageId - b.clientPackageId || (a.cycleStart < b.cycleStart ? -1 : a.cycleStart > b.cycleStart ? 1 : 0))
      .map((cycle) => ({ client_package_id: cycle.clientPackageId, cycle_start: cycle.cycleStart, from_started_at: cycle.from.startedAt, from_call_id: cycle.from.callId }));
    this.cycles.clear();
    return rows;
  }
}

/** Whether a stored call's rating columns already hold these values. */
function sameRating(row: CallRow, values: Omit<CallRow, 'id'>): boolean {
  return RATING_COLUMNS.every((column) => row[column] === values[column]);
}

/**
 * A noted cycle's calls from its earliest late call (`rows`, in call order) rated again in
 * order, after the `used` free minutes of the calls before it: the rows whose rating changed,
 * with their new values. Pure; either store reads and writes around it. The note's cycle is
 * open and its package has free minutes (the caller checks).
 */
export function rerateFromNote(note: RatingPendingTable, rows: readonly CallRow[], world: RatingWorld, used: number): { row: CallRow; values: CallValues }[] {
  const connection = world.clientPackages.get(note.client_package_id)!;
  const pkg = world.package(connection.packageId)!;
  let left = Math.max(0, pkg.freeMinutes - used);
  const context = { ownDids: world.ownDids };
  const changed: { row: CallRow; values: CallValues }[] = [];
  for (const row of rows) {
    // The call stays where it was placed: its own sub account, client and cycle.
    const binding = { subaccountId: row.subaccount_id!, clientId: row.client_id, clientPackageId: note.client_package_id, packageId: connection.packageId };
    const call = storedCallToRate(row, world, { binding, cycleStart: note.cycle_start });
    const step = rateCall(pkg, call.record, context, left);
    left = step.freeMinutesLeft;
    const values = rowValues(call, step.result, row.import_id);
    if (!sameRating(row, values)) changed.push({ row, values });
  }
  return changed;
}

/** Whether a note's cycle is to be rated again: still open, its package with free minutes. */
export function noteNeedsRating(note: RatingPendingTable, world: RatingWorld): boolean {
  const connection = world.clientPackages.get(note.client_package_id);
  const pkg = connection ? world.package(connection.packageId) : null;
  return Boolean(connection && pkg && pkg.freeMinutes > 0 && note.cycle_start >= connection.cycleStartDate);
}

/** Cycles rated again per transaction: each note goes with its cycle's rows, and the window waits for at most this many. */
const CYCLES_PER_TRANSACTION = 32;

/**
 * Rates each noted cycle again, once, chronologically from its earliest late call: the free
 * minutes used before that call stand, every call from it on is rated in order, and only
 * the rows whose rating changed are written (with their report rollups and the client-days
 * the ledger must post again). Each note is deleted in the transaction that rates its cycle
 * (a few cycles a transaction): a process killed half-way leaves the cycles not yet done
 * noted, for the next start or import. A cycle since closed, or whose package has no free
 * minutes, needs no order: its note goes. The statements are prepared once: on the bench's
 * reverse-order 1M-call file there are thousands of notes.
 */
export async function ratePendingCycles(store: SqliteStore, world: RatingWorld): Promise<{ rated: number; changed: number }> {
  const notes = await store.db.selectFrom('rating_pending').selectAll().orderBy('client_package_id').orderBy('cycle_start').execute();
  if (notes.length === 0) return { rated: 0, changed: 0 };
  const statements = prepareCallStatements(store.db, store.sqlite);
  const totalsStatements = prepareCallTotalsStatements(store.db, store.sqlite);
  const inCycle = (eb: ExpressionBuilder<Database, 'calls'>) => eb.and([eb('client_package_id', '=', 0), eb('cycle_start', '=', '')]);
  const before = sql<boolean>`(started_at, call_id) < (${''}, ${''})`;
  const compiled = {
    forget: store.db.deleteFrom('rating_pending').where('client_package_id', '=', 0).where('cycle_start', '=', '').compile(),
    used: store.db
      .selectFrom('calls')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('free_minutes_used'), eb.lit(0)).as('used'))
      .where(inCycle)
      .where(before)
      .compile(),
    from: store.db.selectFrom('calls').selectAll().where(inCycle).where(sql<boolean>`not ${before}`).orderBy('started_at').orderBy('call_id').compile(),
    update: store.db
      .updateTable('calls')
      .set(placeholderRow<Pick<CallValues, (typeof RERATED_COLUMNS)[number]>>(RERATED_COLUMNS))
      .where('id', '=', 0)
      .compile(),
  };
  const prepared = {
    forget: store.sqlite.prepare<[number, string]>(compiled.forget.sql),
    used: store.sqlite.prepare<[number, string, string, string], number>(compiled.used.sql).pluck(),
    from: store.sqlite.prepare<[number, string, string, string], CallRow>(compiled.from.sql),
    update: store.sqlite.prepare<unknown[]>(compiled.update.sql),
  };
  let rated = 0;
  let changed = 0;
  const rateCycle = (note: RatingPendingTable): void => {
    if (noteNeedsRating(note, world)) {
      const cycle = [note.client_package_id, note.cycle_start, note.from_started_at, note.from_call_id] as const;
      const dirty = new Set<string>();
      const totals = new CallTotalsDelta();
      const rows = prepared.from.all(...cycle);
      rated += rows.length;
      for (const { row, values } of rerateFromNote(note, rows, world, Number(prepared.used.get(...cycle) ?? 0))) {
        const stored = totalsStatements.read.get(row.id);
        if (stored) totals.add(stored, -1);
        prepared.update.run(...RERATED_COLUMNS.map((column) => values[column]), row.id);
        totals.add(values, 1);
        changed += 1;
        if (values.client_id !== null) dirty.add(dirtyDayKey(values.client_id, values.started_at));
      }
      markDirtyDays(statements, dirty);
      totals.flush(totalsStatements);
    }
    prepared.forget.run(note.client_package_id, note.cycle_start);
  };
  for (let first = 0; first < notes.length; first += CYCLES_PER_TRANSACTION) {
    const group = notes.slice(first, first + CYCLES_PER_TRANSACTION);
    await store.exclusive(() => store.sqlite.transaction(() => group.forEach(rateCycle))());
  }
  return { rated, changed };
}
