import { sql } from 'kysely';
import type { PgStore } from '../../../../db/open';
import { nextDay } from '../../../engine/billingDates';
import { callDayCorrection, callDayEntryDescription, setAsideNoticeText, type SetAsideCallDay } from '../../../engine/callDays';
import { micros } from '../../../money';
import { clientName } from '../../clients';
import { moneyDoor, type NewLedgerEntry } from '../../ledger';
import { dayRanges, type CallChargesPosted } from '../callCharges';

/** Client-days posted per transaction: the door locks their clients, so other instances' payments wait at most for one chunk. */
const DAYS_PER_TRANSACTION = 2_000;

/**
 * Issue 16: callCharges.ts's postCallCharges on PostgreSQL — the same entries (the
 * difference between a day's rated calls and what the ledger holds for it), read per
 * client's range of dirty days, posted through the money door (its clients locked in id
 * order), refused days set aside and put back on the dirty list with a notice. The dirty
 * rows are taken with the chunk (deleted, returned) in the transaction that posts them, so
 * two instances never post one day twice.
 */
export async function postCallChargesPg(store: PgStore, now: () => Date): Promise<CallChargesPosted> {
  const createdAt = now().toISOString();
  const door = moneyDoor(store);
  const result: CallChargesPosted = { entries: 0, clients: 0, setAside: [] };
  // Days the door refused go back on the list, and are not taken again by this posting.
  const refusedDays: { client_id: number; day: string }[] = [];
  for (;;) {
    const done = await store.db.transaction().execute(async (trx) => {
      const skip = refusedDays.length === 0 ? sql`` : sql`where (client_id, day) not in (${sql.join(refusedDays.map((row) => sql`(${row.client_id}::bigint, ${row.day})`))})`;
      const taken = await sql<{ client_id: number; day: string }>`
        delete from call_charge_dirty where (client_id, day) in (
          select client_id, day from call_charge_dirty ${skip} order by client_id, day limit ${DAYS_PER_TRANSACTION} for update skip locked)
        returning client_id, day`.execute(trx);
      if (taken.rows.length === 0) return true;
      const dirty = taken.rows.map((row) => ({ client_id: Number(row.client_id), day: row.day })).sort((a, b) => a.client_id - b.client_id || (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
      const entries: NewLedgerEntry[] = [];
      const days: string[] = [];
      for (const { clientId, first, last, days: dirtyDays } of dayRanges(dirty)) {
        const charged = await trx
          .selectFrom('calls')
          .select((eb) => [sql<string>`substr(started_at, 1, 10)`.as('day'), eb.fn.sum<number>('charge_micros').as('charged'), eb.fn.countAll<number>().as('calls')])
          .where('client_id', '=', clientId)
          .where('status', '=', 'rated')
          .where('started_at', '>=', first)
          .where('started_at', '<', nextDay(last))
          .groupBy(sql`substr(started_at, 1, 10)`)
          .execute();
        const posted = await trx
          .selectFrom('ledger_entries')
          .select((eb) => ['occurred_on', eb.fn.sum<number>('amount_micros').as('posted'), eb.fn.countAll<number>().as('entries')])
          .where('client_id', '=', clientId)
          .where('kind', '=', 'calls')
          .where('occurred_on', '>=', first)
          .where('occurred_on', '<=', last)
          .groupBy('occurred_on')
          .execute();
        const chargedOn = new Map(charged.map((row) => [row.day, row]));
        const postedOn = new Map(posted.map((row) => [row.occurred_on, row]));
        for (const day of dirtyDays) {
          const total = Number(chargedOn.get(day)?.charged ?? 0);
          const calls = Number(chargedOn.get(day)?.calls ?? 0);
          const already = Number(postedOn.get(day)?.posted ?? 0);
          const count = Number(postedOn.get(day)?.entries ?? 0);
          const delta = callDayCorrection(total, already);
          if (delta === 0) continue;
          entries.push({ clientId, kind: 'calls', amount: micros(delta), description: callDayEntryDescription(day, calls, count, delta), occurredOn: day, reference: `calls:${clientId}:${day}:${count + 1}` });
          days.push(day);
        }
      }
      const { clients, refused } = await door.appendAccepted(trx, entries, createdAt);
      const setAside: SetAsideCallDay[] = [];
      for (const { index, message } of refused) {
        const clientId = entries[index]!.clientId;
        await trx.insertInto('call_charge_dirty').values({ client_id: clientId, day: days[index]! }).onConflict((oc) => oc.doNothing()).execute();
        refusedDays.push({ client_id: clientId, day: days[index]! });
        const row = await trx.selectFrom('clients').select(['first_name', 'last_name', 'company']).where('id', '=', clientId).executeTakeFirst();
        setAside.push({ clientId, clientName: row ? clientName(row) : `Client ${clientId}`, day: days[index]!, message });
      }
      // One notice per client (not per day), not repeated while the same one is unread.
      const byClient = new Map<number, SetAsideCallDay[]>();
      for (const item of setAside) byClient.set(item.clientId, [...(byClient.get(item.clientId) ?? []), item]);
      for (const [clientId, items] of byClient) {
        const message = setAsideNoticeText(items[0]!.clientName, items.map((item) => item.day), items[0]!.message);
        const unread = await trx.selectFrom('notices').select('id').where('client_id', '=', clientId).where('kind', '=', 'billing').where('message', '=', message).where('read_at', 'is', null).executeTakeFirst();
        if (!unread) await trx.insertInto('notices').values({ client_id: clientId, kind: 'billing', message, created_at: createdAt }).execute();
      }
      result.entries += entries.length - refused.length;
      result.clients += clients;
      result.setAside.push(...setAside);
      return taken.rows.length < DAYS_PER_TRANSACTION;
    });
    if (done) break;
  }
  return result;
}
