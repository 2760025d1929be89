import { sql, type Kysely } from 'kysely';

/**
 * Issue 11, the Global CDR and a client's CDR (main/services/calls/queries.ts): pages are
 * read by keyset on (started_at, id), newest or oldest first, from either end.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Serves a client's CDR page (`listCalls` with clientId [+ from/to]): the client's calls in
  // (started_at, id) order, so a page seeks from a cursor or either end without sorting; and
  // the totals of a client's filter (`callTotals` with clientId [+ from/to]), covered by the
  // index alone (status, seconds, billed seconds, cost and charge are in it).
  // It also serves what calls_client_started (client_id, started_at, status, charge_micros)
  // served, a client-day's sum of rated charges (main/services/calls/callCharges.ts), from the
  // index alone; that one could not give the (started_at, id) order (status sits between), so
  // it goes: one index per call written, not two.
  await sql`drop index calls_client_started`.execute(db);
  await sql`create index calls_client_cdr on calls (client_id, started_at, id, status, disposition, seconds, billed_seconds, cost_micros, charge_micros)`.execute(db);
  // Serves a sub account's CDR page (`listCalls` with subaccountId [+ from/to]), in (started_at, id) order.
  await sql`create index calls_subaccount_started on calls (subaccount_id, started_at)`.execute(db);
  // The Global CDR with only a date filter (its first and last pages) reads calls_started
  // (started_at): SQLite keeps the rowid (id) as its last column, the order of the list.
}
