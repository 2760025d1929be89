import type { SqliteStore } from '../../db/open';
import type { BillingRunResult } from '../../preload/schemas/clients';
import { LIMIT_TEXT, MAX_BALANCE_MICROS, MAX_ENTRY_MICROS } from '../../preload/common/limits';

export interface OutOfRangeClient {
  id: number;
  name: string;
}

/**
 * Issue 9: a database written before the money limits may hold a balance or an entry
 * the app cannot compute with. Startup must not depend on such a row: it finds the
 * clients, says so (a log line and one notice per client naming them) and the host goes
 * on; the caller leaves these clients out of the automatic work. A reseller corrects
 * them with a reversal, which the ledger door lets through because it moves the
 * balance back towards zero.
 */
export function findOutOfRangeClients(store: Pick<SqliteStore, 'sqlite'>, now: Date): OutOfRangeClient[] {
  // Comparisons, not abs(): abs() of the smallest 64-bit integer is an SQL error.
  const rows = store.sqlite
    .prepare<[number, number, number, number], { id: number; first_name: string; last_name: string }>(
      `select id, first_name, last_name from clients
        where balance_micros > ? or balance_micros < ?
           or id in (select client_id from ledger_entries where amount_micros > ? or amount_micros < ?)
        order by id`,
    )
    .all(MAX_BALANCE_MICROS, -MAX_BALANCE_MICROS, MAX_ENTRY_MICROS, -MAX_ENTRY_MICROS);
  return rows.map((row) => {
    const name = `${row.first_name} ${row.last_name}`;
    const message =
      `${name}'s balance or a ledger entry is out of range (an entry is at most ${LIMIT_TEXT.entry}, a balance within ±${LIMIT_TEXT.balance}): ` +
      'automatic billing skips this client until the entry is reversed';
    console.warn(`[startup] client ${row.id}: ${message}`);
    raiseBillingNotice(store, row.id, message, now);
    return { id: row.id, name };
  });
}

/** One unread 'billing' notice per client and message: a start that finds the same again adds none. */
function raiseBillingNotice(store: Pick<SqliteStore, 'sqlite'>, clientId: number, message: string, now: Date): void {
  const noticed = store.sqlite
    .prepare<[number, string], { id: number }>(`select id from notices where client_id = ? and kind = 'billing' and message = ? and read_at is null`)
    .get(clientId, message);
  if (!noticed) {
    store.sqlite.prepare<[number, string, string]>(`insert into notices (client_id, kind, message, created_at) values (?, 'billing', ?, ?)`).run(clientId, message, now.toISOString());
  }
}

/**
 * The start's billing run bills on its own, with no one watching: a client package it had
 * to skip (the ledger door refused the fee, e.g. a balance at its limit) is said in the log
 * and as a notice (the Dashboard's "Recent notices", the client's page), not only in the
 * result nobody reads.
 */
export function reportSkippedBilling(store: Pick<SqliteStore, 'sqlite'>, skipped: BillingRunResult['skipped'], now: Date): void {
  for (const skip of skipped) {
    const message = `Automatic billing skipped ${skip.clientName} (the cycle stays due): ${skip.message}`;
    console.warn(`[startup] client ${skip.clientId}: ${message}`);
    raiseBillingNotice(store, skip.clientId, message, now);
  }
}
