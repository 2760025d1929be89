import type { Store } from '../../../db/open';
import type { Selectable } from 'kysely';
import type { ClientsTable } from '../../../db/schema';
import { micros, moneyToText } from '../../money';
import { balanceOutcome } from '../ledger';
import { getCurrency } from '../settings';

/**
 * Call charges reach the ledger as one entry per client per day ("Calls on 2026-11-03:
 * 57 calls"), and a correcting entry when re-rating changes that day. The entry is the
 * difference between what the day's rated calls cost and what the ledger already holds
 * for it, so posting is exact and idempotent; the client-days to look at are the dirty
 * list written with the calls. Runs on raw prepared statements (compiled by Kysely) in
 * one transaction: an import of a million calls touches tens of thousands of client-days.
 */
export async function postCallCharges(store: Pick<Store, 'db' | 'sqlite' | 'exclusive'>, now: () => Date): Promise<{ entries: number; clients: number }> {
  const { db, sqlite } = store;
  const currency = await getCurrency(db);
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
  const insertEntry = db
    .insertInto('ledger_entries')
    .values({ client_id: 0, kind: 'calls', amount_micros: 0, description: '', occurred_on: '', created_at: '', reference: '' })
    .compile();
  const readClient = db.selectFrom('clients').selectAll().where('id', '=', 0).compile();
  const updateClient = db
    .updateTable('clients')
    .set({ balance_micros: 0, status: 'active', below_threshold: 0, updated_at: '' })
    .where('id', '=', 0)
    .compile();
  const insertNotice = db.insertInto('notices').values({ client_id: 0, kind: 'low_balance', message: '', created_at: '' }).compile();
  const clearDirty = db.deleteFrom('call_charge_dirty').where('client_id', '=', 0).where('day', '=', '').compile();

  const statements = {
    dirty: sqlite.prepare(dirty.sql),
    charged: sqlite.prepare(charged.sql),
    posted: sqlite.prepare(posted.sql),
    insertEntry: sqlite.prepare(insertEntry.sql),
    readClient: sqlite.prepare(readClient.sql),
    updateClient: sqlite.prepare(updateClient.sql),
    insertNotice: sqlite.prepare(insertNotice.sql),
    clearDirty: sqlite.prepare(clearDirty.sql),
  };
  const createdAt = now().toISOString();

  const post = sqlite.transaction(() => {
    const pairs = statements.dirty.all() as { client_id: number; day: string }[];
    const deltas = new Map<number, number>();
    let entries = 0;
    for (const { client_id: clientId, day } of pairs) {
      const end = nextDate(day);
      const { charged: total, calls } = statements.charged.get(clientId, 'rated', day, end) as { charged: number; calls: number };
      const { posted: already, entries: count } = statements.posted.get(clientId, 'calls', day) as { posted: number; entries: number };
      const delta = -total - already;
      statements.clearDirty.run(clientId, day);
      if (delta === 0) continue;
      const description =
        count === 0
          ? `Calls on ${day}: ${calls} rated call${calls === 1 ? '' : 's'}`
          : `Calls on ${day}: re-rated (${calls} calls, ${delta < 0 ? 'more' : 'less'} by ${moneyToText(micros(Math.abs(delta)))})`;
      statements.insertEntry.run(clientId, 'calls', delta, description, day, createdAt, `calls:${clientId}:${day}:${count + 1}`);
      deltas.set(clientId, (deltas.get(clientId) ?? 0) + delta);
      entries += 1;
    }
    for (const [clientId, delta] of deltas) {
      const client = statements.readClient.get(clientId) as Selectable<ClientsTable> | undefined;
      if (!client) continue;
      const outcome = balanceOutcome(client, delta, currency);
      statements.updateClient.run(outcome.balance, outcome.status, outcome.belowThreshold, createdAt, clientId);
      for (const notice of outcome.notices) statements.insertNotice.run(clientId, notice.kind, notice.message, createdAt);
    }
    return { entries, clients: deltas.size };
  });
  return store.exclusive(() => post());
}

/** The day after 'YYYY-MM-DD' (UTC arithmetic on a calendar date). */
function nextDate(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
