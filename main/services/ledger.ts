import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely, Selectable } from 'kysely';
import type { SqliteStore } from '../../db/open';
import type { ClientsTable, Database, LedgerEntriesTable, LedgerKind, NoticesTable } from '../../db/schema';
import { balanceOutcome } from '../engine/balance';
import { AppError, notFound } from '../errors';
import { micros, moneyToText, type Micros } from '../money';
import { LIMIT_TEXT, MAX_BALANCE_MICROS, MAX_ENTRY_MICROS } from '../../preload/common/limits';
import { DEFAULT_CURRENCY } from './settings';
import { moneyMoved } from '../sync/changes';
import { lowBalanceMailer, type LowBalanceMailer } from './email/lowBalance';

export interface NewLedgerEntry {
  clientId: number;
  kind: LedgerKind;
  /** Signed: + adds to the client's balance (payment), − takes from it (fees, charges, calls). */
  amount: Micros;
  description: string;
  occurredOn: string;
  /** Idempotency key for automatic entries; a second entry with the same reference is skipped. */
  reference?: string;
  reversesEntryId?: number;
  clientPackageId?: number;
  didAssignmentId?: number;
}

export interface AppendResult {
  /** One per entry, in order: the new entry's id, or null when its reference was already written. */
  ids: (number | null)[];
  /** Clients whose balance moved. */
  clients: number;
}

/** An entry the limits refused in a batch that sets refusals aside (`appendAccepted`). */
export interface RefusedEntry {
  /** Its index in the batch. */
  index: number;
  /** The door's message (names the client and the limit). */
  message: string;
}

/**
 * The one door through which money moves (DESIGN.md "Money"): every ledger entry —
 * payments, charges, fees, reversals and the daily call charges of an import or a
 * re-rate — is appended here, which in the same transaction moves the client's cached
 * balance and applies the balance rules of main/engine/balance.ts (HARD suspension and
 * reactivation, the low-balance notice). The sync outbox hooks in here, beside the
 * insert, so nothing that moves money can skip it.
 *
 * Why synchronous, on prepared statements: the call-charge path posts tens of
 * thousands of client-days after an import of a million calls, under `store.exclusive`
 * where Kysely would wait for its own connection; an async Kysely round-trip per
 * statement would cost seconds there. Kysely's SqliteDialect wraps this very
 * better-sqlite3 connection (db/open.ts), so the same statements are also correct from
 * inside a Kysely transaction's callback: they run on the connection that transaction
 * holds, inside its BEGIN, and roll back with it (better-sqlite3 nests our transaction
 * as a SAVEPOINT). The statements are compiled by Kysely from db/schema.ts, so a
 * renamed column fails the type check, and prepared once per connection.
 *
 * Call it only while holding the connection: inside `db.transaction().execute(...)`
 * or inside `store.exclusive(...)`. A batch applies the balance rules once per client
 * with the batch's total (the call charges of a day group), a single entry once.
 */
export interface LedgerDoor {
  append(entries: readonly NewLedgerEntry[], createdAt: string): AppendResult;
  /**
   * Like `append`, but an entry the money limits refuse is left out — not written, the
   * balance not moved by it, its id null — and listed in `refused`, instead of refusing
   * the batch. The other entries, of the same client too, are checked and written as
   * usual. For batches of many clients where one client's refusal must not hold back the
   * others (the call charges of an import, issue 9); the caller keeps what was refused.
   */
  appendAccepted(entries: readonly NewLedgerEntry[], createdAt: string): AppendResult & { refused: RefusedEntry[] };
  /** One entry; its id, or null when the reference was already written (nothing happens twice). */
  post(entry: NewLedgerEntry, createdAt: string): number | null;
}

type ClientRow = Selectable<ClientsTable>;
type EntryParams = [
  LedgerEntriesTable['client_id'],
  LedgerEntriesTable['kind'],
  LedgerEntriesTable['amount_micros'],
  LedgerEntriesTable['description'],
  LedgerEntriesTable['occurred_on'],
  LedgerEntriesTable['created_at'],
  LedgerEntriesTable['reference'],
  LedgerEntriesTable['reverses_entry_id'],
  LedgerEntriesTable['client_package_id'],
  LedgerEntriesTable['did_assignment_id'],
];
type ClientUpdateParams = [ClientRow['balance_micros'], ClientRow['status'], ClientRow['below_threshold'], ClientRow['updated_at'], ClientRow['id']];
type NoticeParams = [NonNullable<NoticesTable['client_id']>, NoticesTable['kind'], NoticesTable['message'], NoticesTable['created_at']];

function prepareDoor(db: Kysely<Database>, sqlite: BetterSqlite3.Database): LedgerDoor {
  // Placeholder values only fix the shape; the statements bind in the order of the objects below.
  const insertEntry = db
    .insertInto('ledger_entries')
    .values({
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
    })
    .onConflict((oc) => oc.column('reference').doNothing())
    .returning('id')
    .compile();
  const readClient = db.selectFrom('clients').selectAll().where('id', '=', 0).compile();
  const updateClient = db
    .updateTable('clients')
    .set({ balance_micros: 0, status: 'active', below_threshold: 0, updated_at: '' })
    .where('id', '=', 0)
    .compile();
  const insertNotice = db.insertInto('notices').values({ client_id: 0, kind: 'low_balance', message: '', created_at: '' }).compile();
  const readCurrency = db.selectFrom('settings').select('value').where('key', '=', 'currency').compile();
  const readKind = db.selectFrom('ledger_entries').select('kind').where('id', '=', 0).compile();
  const addTotal = db
    .insertInto('ledger_totals')
    .values({ month: '', client_id: 0, kind: 'payment', amount_micros: 0, entries: 0 })
    .onConflict((oc) =>
      oc.columns(['month', 'kind', 'client_id']).doUpdateSet((eb) => ({
        amount_micros: eb(eb.ref('ledger_totals.amount_micros'), '+', eb.ref('excluded.amount_micros')),
        entries: eb(eb.ref('ledger_totals.entries'), '+', eb.ref('excluded.entries')),
      })),
    )
    .compile();

  const statements = {
    insertEntry: sqlite.prepare<EntryParams, { id: number }>(insertEntry.sql),
    readClient: sqlite.prepare<[number], ClientRow>(readClient.sql),
    updateClient: sqlite.prepare<ClientUpdateParams>(updateClient.sql),
    insertNotice: sqlite.prepare<NoticeParams>(insertNotice.sql),
    readCurrency: sqlite.prepare<[string], { value: string }>(readCurrency.sql),
    readKind: sqlite.prepare<[number], LedgerKind>(readKind.sql).pluck(),
    addTotal: sqlite.prepare<[string, number, LedgerKind, number, number]>(addTotal.sql),
  };

  // Issue 15: prepared at the first low-balance crossing, not per connection: most doors never cross.
  let mailer: LowBalanceMailer | undefined;
  const lowBalanceMail = (): LowBalanceMailer => (mailer ??= lowBalanceMailer(db, sqlite));

  /** The kind an entry counts as in the reports (ledger_totals): a reversal as the kind it reverses. */
  const reportKind = (entry: NewLedgerEntry): LedgerKind => {
    if (entry.kind !== 'reversal' || entry.reversesEntryId === undefined) return entry.kind;
    return statements.readKind.get(entry.reversesEntryId) ?? 'reversal';
  };

  const append = sqlite.transaction((entries: readonly NewLedgerEntry[], createdAt: string, setAside: boolean): AppendResult & { refused: RefusedEntry[] } => {
    const clients = new Map<number, { row: ClientRow; delta: number; written: number }>();
    const ids: (number | null)[] = [];
    const refused: RefusedEntry[] = [];
    // The report rollup (ledger_totals, migration 013) moves with the entries, in this transaction.
    const totals = new Map<string, { month: string; clientId: number; kind: LedgerKind; amount: number; entries: number }>();
    for (const [index, entry] of entries.entries()) {
      if (!Number.isSafeInteger(entry.amount)) throw new AppError('internal', 'A ledger amount must be integer micros');
      let client = clients.get(entry.clientId);
      if (!client) {
        const row = statements.readClient.get(entry.clientId);
        if (!row) throw notFound(`Client ${entry.clientId}`);
        client = { row, delta: 0, written: 0 };
        clients.set(entry.clientId, client);
      }
      // Checked before the insert, entry by entry: every running balance of the ledger stays exact (issue 9).
      const refusal = limitRefusal(client.row, client.delta, entry);
      if (refusal !== null) {
        if (!setAside) throw limitError(refusal);
        refused.push({ index, message: refusal });
        ids.push(null);
        continue;
      }
      const inserted = statements.insertEntry.get(
        entry.clientId,
        entry.kind,
        entry.amount,
        entry.description,
        entry.occurredOn,
        createdAt,
        entry.reference ?? null,
        entry.reversesEntryId ?? null,
        entry.clientPackageId ?? null,
        entry.didAssignmentId ?? null,
      );
      ids.push(inserted?.id ?? null);
      // Issue 12: a manual payment or charge goes to the provider too, through the outbox, in
      // this transaction; so does the reversal of one (the opposite call). Fees, calls and
      // taxes are the provider's own billing or the console's: not sent.
      const pushedKind = entry.kind === 'reversal' ? reportKind(entry) : entry.kind;
      if (inserted && entry.amount !== 0 && (pushedKind === 'payment' || pushedKind === 'charge')) {
        const { first_name, last_name, company } = client.row;
        const clientName = company ? `${first_name} ${last_name} (${company})`.trim() : `${first_name} ${last_name}`.trim();
        const kind = entry.amount > 0 ? 'payment' : 'charge';
        moneyMoved({ db, sqlite }, { id: inserted.id, clientId: entry.clientId, clientName, kind, amountMicros: entry.amount, description: entry.description }, createdAt);
      }
      if (inserted) {
        client.delta += entry.amount;
        client.written += 1;
        const kind = reportKind(entry);
        const month = entry.occurredOn.slice(0, 7);
        const key = `${month}|${entry.clientId}|${kind}`;
        const total = totals.get(key) ?? { month, clientId: entry.clientId, kind, amount: 0, entries: 0 };
        total.amount += entry.amount;
        total.entries += 1;
        totals.set(key, total);
      }
    }
    for (const total of totals.values()) statements.addTotal.run(total.month, total.clientId, total.kind, total.amount, total.entries);
    let moved = 0;
    const currency = clients.size > 0 ? (statements.readCurrency.get('currency')?.value ?? DEFAULT_CURRENCY) : DEFAULT_CURRENCY;
    for (const [clientId, { row, delta, written }] of clients) {
      if (written === 0) continue;
      const outcome = balanceOutcome(row, delta, currency);
      statements.updateClient.run(outcome.balance, outcome.status, outcome.belowThreshold, createdAt, clientId);
      for (const notice of outcome.notices) {
        statements.insertNotice.run(clientId, notice.kind, notice.message, createdAt);
        // Issue 15: the client is told too, by e-mail, in this transaction (once per crossing, as the notice).
        if (notice.kind === 'low_balance') lowBalanceMail().queue(row, outcome.balance, currency, createdAt);
      }
      moved += 1;
    }
    return { ids, clients: moved, refused };
  });

  return {
    append: (entries, createdAt) => {
      const { ids, clients } = append(entries, createdAt, false);
      return { ids, clients };
    },
    appendAccepted: (entries, createdAt) => append(entries, createdAt, true),
    post: (entry, createdAt) => append([entry], createdAt, false).ids[0] ?? null,
  };
}

function limitError(message: string): AppError {
  return new AppError('invalid_input', message, [{ path: 'amount', message }]);
}

/**
 * Issue 9: an amount the app cannot hold is refused at the one door, before anything is
 * written, so payments, charges, fees, imports, re-rates and billing runs are all bound.
 * `pending` is what this batch already moved the client by. The reason, or null when the
 * entry is within the limits.
 */
function limitRefusal(client: ClientRow, pending: number, entry: NewLedgerEntry): string | null {
  const name = `${client.first_name} ${client.last_name}`;
  // A day of calls is a sum of rated calls and a reversal undoes an entry already held:
  // the balance limit below bounds them. Refusing a big call day here would leave it on
  // the dirty list and fail every later import.
  if (entry.kind !== 'calls' && entry.kind !== 'reversal' && Math.abs(entry.amount) > MAX_ENTRY_MICROS) {
    return `Amount: one entry can be at most ${LIMIT_TEXT.entry} (${entry.description || entry.kind} for ${name})`;
  }
  const balance = client.balance_micros + pending + entry.amount;
  // A balance already out of range (written by an older version) may only move back towards zero.
  const before = client.balance_micros + pending;
  const outside = Math.abs(balance) > MAX_BALANCE_MICROS;
  if (outside && (!Number.isSafeInteger(balance) || Math.abs(balance) >= Math.abs(before))) {
    const shown = Number.isSafeInteger(balance) ? moneyToText(micros(balance)) : 'beyond the exact range';
    return `Amount: this would take ${name}'s balance to ${shown}; a balance stays within ±${LIMIT_TEXT.balance}`;
  }
  return null;
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
