import { sql } from 'kysely';
import type { Store } from '../../../db/open';
import type { CallRow } from '../../../db/schema';
import { rateCall, type CallRecord } from '../../engine';
import { CallTotalsDelta, prepareCallTotalsStatements } from './callTotals';
import { storedCallToRate } from './callToRate';
import { compareStart, rowValues } from './rateBatch';
import { dirtyDayKey, markDirtyDays, prepareCallStatements, RATING_COLUMNS, ratingValuesInOrder } from './statements';
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
  flush(store: Store): void {
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
}

/** Whether a stored call's rating columns already hold these values. */
function sameRating(row: CallRow, values: Omit<CallRow, 'id'>): boolean {
  return RATING_COLUMNS.every((column) => row[column] === values[column]);
}

/**
 * Rates each noted cycle again, once, chronologically from its earliest late call: the free
 * minutes used before that call stand, every call from it on is rated in order, and only
 * the rows whose rating changed are written (with their report rollups and the client-days
 * the ledger must post again). One transaction per cycle, the note deleted in it: a process
 * killed half-way leaves the cycles not yet done noted, for the next start or import.
 * A cycle since closed, or whose package has no free minutes, needs no order: its note goes.
 */
export async function ratePendingCycles(store: Store, world: RatingWorld): Promise<{ rated: number; changed: number }> {
  const notes = await store.db.selectFrom('rating_pending').selectAll().orderBy('client_package_id').orderBy('cycle_start').execute();
  let rated = 0;
  let changed = 0;
  for (const note of notes) {
    await store.exclusive(() => {
      const statements = prepareCallStatements(store.db, store.sqlite);
      const totalsStatements = prepareCallTotalsStatements(store.db, store.sqlite);
      const forget = store.db
        .deleteFrom('rating_pending')
        .where('client_package_id', '=', note.client_package_id)
        .where('cycle_start', '=', note.cycle_start)
        .compile();
      const connection = world.clientPackages.get(note.client_package_id);
      const compiled = connection ? world.package(connection.packageId) : null;
      store.sqlite.transaction(() => {
        if (connection && compiled && compiled.freeMinutes > 0 && note.cycle_start >= connection.cycleStartDate) {
          const before = sql<boolean>`(started_at, call_id) < (${note.from_started_at}, ${note.from_call_id})`;
          const usedQuery = store.db
            .selectFrom('calls')
            .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('free_minutes_used'), eb.lit(0)).as('used'))
            .where('client_package_id', '=', note.client_package_id)
            .where('cycle_start', '=', note.cycle_start)
            .where(before)
            .compile();
          const fromQuery = store.db
            .selectFrom('calls')
            .selectAll()
            .where('client_package_id', '=', note.client_package_id)
            .where('cycle_start', '=', note.cycle_start)
            .where(sql<boolean>`not ${before}`)
            .orderBy('started_at')
            .orderBy('call_id')
            .compile();
          const used = Number(store.sqlite.prepare(usedQuery.sql).pluck().get(...usedQuery.parameters) ?? 0);
          let left = Math.max(0, compiled.freeMinutes - used);
          const context = { ownDids: world.ownDids };
          const dirty = new Set<string>();
          const totals = new CallTotalsDelta();
          for (const row of store.sqlite.prepare<unknown[], CallRow>(fromQuery.sql).all(...fromQuery.parameters)) {
            // The call stays where it was placed: its own sub account, client and cycle.
            const binding = { subaccountId: row.subaccount_id!, clientId: row.client_id, clientPackageId: note.client_package_id, packageId: connection.packageId };
            const call = storedCallToRate(row, world, { binding, cycleStart: note.cycle_start });
            const step = rateCall(compiled, call.record, context, left);
            left = step.freeMinutesLeft;
            rated += 1;
            const values = rowValues(call, step.result, row.import_id);
            if (sameRating(row, values)) continue;
            const stored = totalsStatements.read.get(row.id);
            if (stored) totals.add(stored, -1);
            statements.updateRating.run(ratingValuesInOrder(values, row.id));
            totals.add(values, 1);
            changed += 1;
            if (values.client_id !== null) dirty.add(dirtyDayKey(values.client_id, values.started_at));
          }
          markDirtyDays(statements, dirty);
          totals.flush(totalsStatements);
        }
        store.sqlite.prepare(forget.sql).run(...forget.parameters);
      })();
    });
  }
  return { rated, changed };
}
