import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { SqliteStore } from '../../../db/open';
import type { Database, LedgerKind } from '../../../db/schema';
import { appendProgram, type AppendResult, type ClientRow, type NewLedgerEntry, type RefusedEntry } from './program';
import { retryReplanned, runSync, type SyncAnswers } from './run';

/**
 * The ledger door on SQLite, synchronous (main/services/ledger/program.ts has its rules).
 *
 * Why synchronous, on prepared statements: the call-charge path posts tens of thousands of
 * client-days after an import of a million calls, under `store.exclusive` where Kysely would
 * wait for its own connection; an async Kysely round-trip per statement would cost seconds
 * there. Kysely's SqliteDialect wraps this very better-sqlite3 connection (db/open.ts), so the
 * same statements are also correct from inside a Kysely transaction's callback: they run on
 * the connection that transaction holds, inside its BEGIN, and roll back with it
 * (better-sqlite3 nests our transaction as a SAVEPOINT). The statements are compiled by
 * Kysely from db/schema.ts, so a renamed column fails the type check, and prepared once per
 * connection.
 *
 * Call it only while holding the connection: inside `db.transaction().execute(...)` or
 * inside `store.exclusive(...)`.
 */
export interface LedgerDoor {
  append(entries: readonly NewLedgerEntry[], createdAt: string): AppendResult;
  /**
   * Like `append`, but an entry the money limits refuse is left out — not written, the
   * balance not moved by it, its id null — and listed in `refused`, instead of refusing the
   * batch. The other entries, of the same client too, are checked and written as usual. For
   * batches of many clients where one client's refusal must not hold back the others (the
   * call charges of an import, issue 9); the caller keeps what was refused.
   */
  appendAccepted(entries: readonly NewLedgerEntry[], createdAt: string): AppendResult & { refused: RefusedEntry[] };
  /** One entry; its id, or null when the reference was already written (nothing happens twice). */
  post(entry: NewLedgerEntry, createdAt: string): number | null;
}

/** Binds a row's values in the order of its keys, the order Kysely compiled the statement's columns in. */
const valuesOf = (row: object): unknown[] => Object.values(row);

function sqliteAnswers(db: Kysely<Database>, sqlite: BetterSqlite3.Database): SyncAnswers {
  // Placeholder rows only fix the shape (the columns, in key order); the program's rows have the same keys.
  const entryShape = {
    client_id: 0,
    kind: 'payment',
    amount_micros: 0,
    description: '',
    occurred_on: '',
    created_at: '',
    reference: null,
    reverses_entry_id: null,
    client_package_id: null,
    did_assignment_id: null,
  } as const;
  const insertEntry = sqlite.prepare<unknown[], { id: number }>(
    db.insertInto('ledger_entries').values(entryShape).onConflict((oc) => oc.column('reference').doNothing()).returning('id').compile().sql,
  );
  const readClient = sqlite.prepare<[number], ClientRow>(db.selectFrom('clients').selectAll().where('id', '=', 0).compile().sql);
  const updateClient = sqlite.prepare<unknown[]>(
    db.updateTable('clients').set({ balance_micros: 0, status: 'active', below_threshold: 0, updated_at: '' }).where('id', '=', 0).compile().sql,
  );
  const insertNotice = sqlite.prepare<unknown[]>(db.insertInto('notices').values({ client_id: 0, kind: 'low_balance', message: '', created_at: '' }).compile().sql);
  const readSetting = sqlite.prepare<[string], string>(db.selectFrom('settings').select('value').where('key', '=', '').compile().sql).pluck();
  const readKind = sqlite.prepare<[number], LedgerKind>(db.selectFrom('ledger_entries').select('kind').where('id', '=', 0).compile().sql).pluck();
  const addTotal = sqlite.prepare<unknown[]>(
    db
      .insertInto('ledger_totals')
      .values({ month: '', client_id: 0, kind: 'payment', amount_micros: 0, entries: 0 })
      .onConflict((oc) =>
        oc.columns(['month', 'kind', 'client_id']).doUpdateSet((eb) => ({
          amount_micros: eb(eb.ref('ledger_totals.amount_micros'), '+', eb.ref('excluded.amount_micros')),
          entries: eb(eb.ref('ledger_totals.entries'), '+', eb.ref('excluded.entries')),
        })),
      )
      .compile().sql,
  );
  // Prepared at the first use: most doors never write an outbox item or an e-mail.
  let insertOutbox: BetterSqlite3.Statement<unknown[]> | undefined;
  let insertEmail: BetterSqlite3.Statement<unknown[]> | undefined;

  return {
    // The one connection is the one writer: the rows need no lock of their own.
    clients: ({ ids }) => {
      const rows: ClientRow[] = [];
      for (const id of ids) {
        const row = readClient.get(id);
        if (row) rows.push(row);
      }
      return rows;
    },
    entryKinds: ({ ids }) => {
      const kinds = new Map<number, LedgerKind>();
      for (const id of ids) {
        const kind = readKind.get(id);
        if (kind !== undefined) kinds.set(id, kind);
      }
      return kinds;
    },
    setting: ({ key }) => readSetting.get(key),
    insertEntries: ({ rows }) => rows.map((row) => insertEntry.get(...valuesOf({ ...entryShape, ...row }))?.id ?? null),
    insertOutbox: ({ rows }) => {
      for (const row of rows) {
        insertOutbox ??= sqlite.prepare<unknown[]>(db.insertInto('outbox').values(row).compile().sql);
        insertOutbox.run(...valuesOf(row));
      }
    },
    insertEmails: ({ rows }) => {
      for (const row of rows) {
        insertEmail ??= sqlite.prepare<unknown[]>(db.insertInto('email_outbox').values(row).compile().sql);
        insertEmail.run(...valuesOf(row));
      }
    },
    addTotals: ({ rows }) => {
      for (const row of rows) addTotal.run(row.month, row.client_id, row.kind, row.amount_micros, row.entries);
    },
    updateClients: ({ rows }) => {
      for (const { id, set } of rows) updateClient.run(set.balance_micros, set.status, set.below_threshold, set.updated_at, id);
    },
    insertNotices: ({ rows }) => {
      for (const row of rows) insertNotice.run(row.client_id, row.kind, row.message, row.created_at);
    },
  };
}

function prepareDoor(db: Kysely<Database>, sqlite: BetterSqlite3.Database): LedgerDoor {
  const answers = sqliteAnswers(db, sqlite);
  const attempt = sqlite.transaction((entries: readonly NewLedgerEntry[], createdAt: string, setAside: boolean, known: ReadonlySet<string>) =>
    runSync(appendProgram(entries, createdAt, setAside, known), answers),
  );
  const append = (entries: readonly NewLedgerEntry[], createdAt: string, setAside: boolean) => retryReplanned((known) => attempt(entries, createdAt, setAside, known));
  return {
    append: (entries, createdAt) => {
      const { ids, clients } = append(entries, createdAt, false);
      return { ids, clients };
    },
    appendAccepted: (entries, createdAt) => append(entries, createdAt, true),
    post: (entry, createdAt) => append([entry], createdAt, false).ids[0] ?? null,
  };
}

const doors = new WeakMap<BetterSqlite3.Database, LedgerDoor>();

/** The ledger door of a store's connection (statements prepared once per connection). */
export function ledgerDoor(store: Pick<SqliteStore, 'db' | 'sqlite'>): LedgerDoor {
  let door = doors.get(store.sqlite);
  if (!door) {
    door = prepareDoor(store.db, store.sqlite);
    doors.set(store.sqlite, door);
  }
  return door;
}
