import { sql } from 'kysely';
import type { PgStore } from '../../../../db/open';
import { CallTotalsDelta } from '../callTotals';
import { noteNeedsRating, rerateFromNote } from '../pendingCycles';
import { dirtyDayKey, RERATED_COLUMNS, type CallValues } from '../statements';
import type { RatingWorld } from '../world';
import { flushCallTotals, markDirtyDays, updateRatings } from './writes';

/** Cycles rated again per transaction, as on SQLite (pendingCycles.ts). */
const CYCLES_PER_TRANSACTION = 32;

/**
 * Issue 16: pendingCycles.ts's ratePendingCycles on PostgreSQL — each noted cycle rated
 * again once, chronologically from its earliest late call, the same rules; the rows whose
 * rating changed written by one UPDATE … FROM (VALUES …) per thousand, the note deleted in
 * the cycle's transaction.
 */
export async function ratePendingCyclesPg(store: PgStore, world: RatingWorld): Promise<{ rated: number; changed: number }> {
  const notes = await store.db.selectFrom('rating_pending').selectAll().orderBy('client_package_id').orderBy('cycle_start').execute();
  let rated = 0;
  let changed = 0;
  for (let first = 0; first < notes.length; first += CYCLES_PER_TRANSACTION) {
    const group = notes.slice(first, first + CYCLES_PER_TRANSACTION);
    await store.db.transaction().execute(async (trx) => {
      const dirty = new Set<string>();
      const totals = new CallTotalsDelta();
      const updates: { id: number; values: CallValues }[] = [];
      for (const note of group) {
        if (!noteNeedsRating(note, world)) continue;
        const inCycle = trx.selectFrom('calls').where('client_package_id', '=', note.client_package_id).where('cycle_start', '=', note.cycle_start);
        const before = sql<boolean>`(started_at, call_id) < (${note.from_started_at}, ${note.from_call_id})`;
        const used = await inCycle.select((eb) => eb.fn.coalesce(eb.fn.sum<number>('free_minutes_used'), eb.lit(0)).as('used')).where(before).executeTakeFirstOrThrow();
        const rows = await inCycle.selectAll().where(sql<boolean>`not ${before}`).orderBy('started_at').orderBy('call_id').execute();
        rated += rows.length;
        for (const { row, values } of rerateFromNote(note, rows, world, Number(used.used))) {
          totals.add(row, -1);
          totals.add(values, 1);
          updates.push({ id: row.id, values });
          changed += 1;
          if (values.client_id !== null) dirty.add(dirtyDayKey(values.client_id, values.started_at));
        }
      }
      await updateRatings(trx, updates, RERATED_COLUMNS);
      await markDirtyDays(trx, dirty);
      await flushCallTotals(trx, totals);
      for (const note of group) {
        await trx.deleteFrom('rating_pending').where('client_package_id', '=', note.client_package_id).where('cycle_start', '=', note.cycle_start).execute();
      }
    });
  }
  return { rated, changed };
}
