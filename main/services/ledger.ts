import type { Kysely } from 'kysely';
import type { Store } from '../../db/open';
import type { Database } from '../../db/schema';
import { inSavepoint, kyselyAnswers } from './ledger/kyselyDoor';
import { appendProgram, type AppendResult, type NewLedgerEntry, type RefusedEntry } from './ledger/program';
import { retryReplannedAsync, runAsync } from './ledger/run';
import { ledgerDoor } from './ledger/sqliteDoor';

export type { AppendResult, NewLedgerEntry, RefusedEntry } from './ledger/program';
export { ledgerDoor, type LedgerDoor } from './ledger/sqliteDoor';

/**
 * The one door through which money moves (DESIGN.md "Money"; its rules in
 * ledger/program.ts), for services on either store: called inside the service's
 * transaction `trx`, its rows commit and roll back with the service's. On SQLite it is the
 * synchronous door on the connection `trx` holds (ledger/sqliteDoor.ts); on PostgreSQL the
 * same rules through Kysely on `trx`, the batch's clients locked first (ledger/kyselyDoor.ts).
 */
export interface MoneyDoor {
  append(trx: Kysely<Database>, entries: readonly NewLedgerEntry[], createdAt: string): Promise<AppendResult>;
  /** See LedgerDoor.appendAccepted: entries the limits refuse are set aside, not written. */
  appendAccepted(trx: Kysely<Database>, entries: readonly NewLedgerEntry[], createdAt: string): Promise<AppendResult & { refused: RefusedEntry[] }>;
  /** One entry; its id, or null when the reference was already written (nothing happens twice). */
  post(trx: Kysely<Database>, entry: NewLedgerEntry, createdAt: string): Promise<number | null>;
}

/** The door through Kysely on either store (PostgreSQL's; on SQLite, the twin of the synchronous door). */
export function kyselyMoneyDoor(dialect: Store['dialect']): MoneyDoor {
  const append = (trx: Kysely<Database>, entries: readonly NewLedgerEntry[], createdAt: string, setAside: boolean) =>
    retryReplannedAsync((known) => inSavepoint(trx, 'money_door', () => runAsync(appendProgram(entries, createdAt, setAside, known), kyselyAnswers(trx, dialect))));
  return {
    append: async (trx, entries, createdAt) => {
      const { ids, clients } = await append(trx, entries, createdAt, false);
      return { ids, clients };
    },
    appendAccepted: (trx, entries, createdAt) => append(trx, entries, createdAt, true),
    post: async (trx, entry, createdAt) => (await append(trx, [entry], createdAt, false)).ids[0] ?? null,
  };
}

export function moneyDoor(store: Store): MoneyDoor {
  if (store.dialect === 'postgres') return kyselyMoneyDoor('postgres');
  const door = ledgerDoor(store);
  return {
    append: async (_trx, entries, createdAt) => door.append(entries, createdAt),
    appendAccepted: async (_trx, entries, createdAt) => door.appendAccepted(entries, createdAt),
    post: async (_trx, entry, createdAt) => door.post(entry, createdAt),
  };
}
