import type { Store } from '../../db/open';
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
export function findOutOfRangeClients(store: Pick<Store, 'sqlite'>, now: Date): OutOfRangeClient[] {
  // Comparisons, not abs(): abs() of the smallest 64-bit integer is an SQL error.
  const rows = store.sqlite
    .prepare<[number, number, number, number], { id: number; first_name: string; last_name: string }>(
      `select id, first_name, last_name from clients
        where balance_micros > ? or balance_micros < ?
           or id in (select client_id from ledger_entries where amount_micros > ? or amount_micros < ?)
        order by id`,
    )
    .all(MAX_BALANCE_MICROS, -MAX_BALANCE_MICROS, MAX_ENTRY_MICROS, -MAX_ENTRY_MICROS);
  const alreadyNoticed = store.sqlite.prepare<[number, string], { id: number }>(
    `select id from notices where client_id = ? and kind = 'billing' and message = ? and read_at is null`,
  );
  const insertNotice = store.sqlite.prepare<[number, string, string]>(`insert into notices (client_id, kind, message, created_at) values (?, 'billing', ?, ?)`);
  return rows.map((row) => {
    const name = `${row.first_name} ${row.last_name}`;
    const message =
      `${name}'s balance or a ledger entry is out of range (an entry is at most ${LIMIT_TEXT.entry}, a balance within ±${LIMIT_TEXT.balance}): ` +
      'automatic billing skips this client until the entry is reversed';
    console.warn(`[startup] client ${row.id}: ${message}`);
    if (!alreadyNoticed.get(row.id, message)) insertNotice.run(row.id, message, now.toISOString());
    return { id: row.id, name };
  });
}
