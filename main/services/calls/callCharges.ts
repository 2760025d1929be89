import type { Store } from '../../../db/open';
import type { CallChargeDirtyTable } from '../../../db/schema';
import { nextDay } from '../../engine/billingDates';
import { callDayCorrection, callDayEntryDescription } from '../../engine/callDays';
import { micros } from '../../money';
import { ledgerDoor, type NewLedgerEntry } from '../ledger';

/**
 * Call charges reach the ledger as one entry per client per day ("Calls on 2026-11-03:
 * 57 calls"), and a correcting entry when re-rating changes that day. The entry is the
 * difference between what the day's rated calls cost and what the ledger already holds
 * for it, so posting is exact and idempotent; the client-days to look at are the dirty
 * list written with the calls. The reads run on raw prepared statements (compiled by
 * Kysely) and the entries go through the ledger door in one batch, all in one
 * transaction: an import of a million calls touches tens of thousands of client-days.
 */
export async function postCallCharges(store: Pick<Store, 'db' | 'sqlite' | 'exclusive'>, now: () => Date): Promise<{ entries: number; clients: number }> {
  const { db, sqlite } = store;
  const dirty = db.selectFrom('call_charge_dirty').select(['client_id', 'day']).compile();
  const charged = db
    .selectFrom('calls')
    .select((eb) => [eb.fn.coalesce(eb.fn.sum<number>('charge_micros'), eb.lit(0)).as('charged'), eb.fn.countAll<number>().as('calls')])
    .where('client_id', '=', 0)
    .where('status', '=', 'rated')
    .where('started_at', '>=', '')
    .where('started_at', '<', '')
    .compile();
  const posted = db
    .selectFrom('ledger_entries')
    .select((eb) => [eb.fn.coalesce(eb.fn.sum<number>('amount_micros'), eb.lit(0)).as('posted'), eb.fn.countAll<number>().as('entries')])
    .where('client_id', '=', 0)
    .where('kind', '=', 'calls')
    .where('occurred_on', '=', '')
    .compile();
  const clearDirty = db.deleteFrom('call_charge_dirty').where('client_id', '=', 0).where('day', '=', '').compile();

  const statements = {
    dirty: sqlite.prepare<[], CallChargeDirtyTable>(dirty.sql),
    charged: sqlite.prepare<[number, 'rated', string, string], { charged: number; calls: number }>(charged.sql),
    posted: sqlite.prepare<[number, 'calls', string], { posted: number; entries: number }>(posted.sql),
    clearDirty: sqlite.prepare<[number, string]>(clearDirty.sql),
  };
  const door = ledgerDoor(store);
  const createdAt = now().toISOString();

  const post = sqlite.transaction(() => {
    const entries: NewLedgerEntry[] = [];
    for (const { client_id: clientId, day } of statements.dirty.all()) {
      const { charged: total, calls } = statements.charged.get(clientId, 'rated', day, nextDay(day)) ?? { charged: 0, calls: 0 };
      const { posted: already, entries: count } = statements.posted.get(clientId, 'calls', day) ?? { posted: 0, entries: 0 };
      const delta = callDayCorrection(total, already);
      statements.clearDirty.run(clientId, day);
      if (delta === 0) continue;
      entries.push({
        clientId,
        kind: 'calls',
        amount: micros(delta),
        description: callDayEntryDescription(day, calls, count, delta),
        occurredOn: day,
        reference: `calls:${clientId}:${day}:${count + 1}`,
      });
    }
    const { clients } = door.append(entries, createdAt);
    return { entries: entries.length, clients };
  });
  return store.exclusive(() => post());
}
