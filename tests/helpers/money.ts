import type { Store } from '../../db/open';
import { moneyDoor, type AppendResult, type NewLedgerEntry } from '../../main/services/ledger';

/**
 * Money moved as the services move it, on either store (issue 16): through the money door,
 * in a transaction of its own. On SQLite that is the synchronous door on the transaction's
 * connection, on PostgreSQL the same rules through Kysely with the clients locked.
 */
export function appendEntries(store: Store, entries: readonly NewLedgerEntry[], createdAt: string): Promise<AppendResult> {
  return store.db.transaction().execute((trx) => moneyDoor(store).append(trx, entries, createdAt));
}

/** One entry through the door; its id, or null when its reference was already written. */
export function postEntry(store: Store, entry: NewLedgerEntry, createdAt: string): Promise<number | null> {
  return store.db.transaction().execute((trx) => moneyDoor(store).post(trx, entry, createdAt));
}
