import type { Insertable, Selectable } from 'kysely';
import type { ClientsTable, EmailOutboxTable, LedgerEntriesTable, LedgerKind, LedgerTotalsTable, NoticesTable, OutboxTable } from '../../../db/schema';
import { balanceOutcome } from '../../engine/balance';
import { AppError, notFound } from '../../errors';
import { micros, moneyToText, type Micros } from '../../money';
import { LIMIT_TEXT, MAX_BALANCE_MICROS, MAX_ENTRY_MICROS } from '../../../preload/common/limits';
import { DEFAULT_CURRENCY } from '../settings';
import { moneyMovedItem } from '../../sync/changes';
import { outboxRow } from '../../sync/outbox';
import { lowBalanceEmailRow } from '../email/lowBalance';
import { EMAIL_SETTINGS_KEY } from '../email/settings';

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

export type ClientRow = Selectable<ClientsTable>;

/**
 * What the door's rules ask of the database, and what each answer is. The rules are
 * written once, below, as a generator that yields these questions; each store answers them
 * its own way (issue 16): SQLite synchronously on prepared statements (sqliteDoor.ts, the
 * import's and call charges' hot path), PostgreSQL through Kysely on the caller's
 * transaction (kyselyDoor.ts). So the two stores cannot drift in what a payment does.
 */
export interface Questions {
  /** Lock these clients' rows for the transaction, in ascending id (PostgreSQL: FOR UPDATE; SQLite holds the one writer already). */
  lockClients: { ids: readonly number[]; answer: undefined };
  client: { id: number; answer: ClientRow | undefined };
  /** The kind of an entry (what a reversal reverses). */
  entryKind: { id: number; answer: LedgerKind | undefined };
  setting: { key: string; answer: string | undefined };
  /** The new entry's id, or null when its reference was already written. */
  insertEntry: { row: Insertable<LedgerEntriesTable>; answer: number | null };
  insertOutbox: { row: Insertable<OutboxTable>; answer: undefined };
  insertEmail: { row: Insertable<EmailOutboxTable>; answer: undefined };
  /** Adds to the report rollup (ledger_totals), key by key; the keys come sorted. */
  addTotals: { rows: readonly Insertable<LedgerTotalsTable>[]; answer: undefined };
  updateClient: { id: number; set: Pick<ClientRow, 'balance_micros' | 'status' | 'below_threshold' | 'updated_at'>; answer: undefined };
  insertNotice: { row: Insertable<NoticesTable>; answer: undefined };
}

export type Question = { [K in keyof Questions]: { ask: K } & Omit<Questions[K], 'answer'> }[keyof Questions];
export type Answer<Q extends Question> = Questions[Q['ask']]['answer'];
export type DoorProgram<T> = Generator<Question, T, unknown>;

/** Asks one question; its answer typed by the question. */
function* ask<Q extends Question>(question: Q): DoorProgram<Answer<Q>> {
  return (yield question) as Answer<Q>;
}

/**
 * The one door through which money moves (DESIGN.md "Money"): every ledger entry —
 * payments, charges, fees, reversals and the daily call charges of an import or a re-rate —
 * is appended here, which in the same transaction moves the client's cached balance and
 * applies the balance rules of main/engine/balance.ts (HARD suspension and reactivation, the
 * low-balance notice and e-mail). The sync outbox hooks in here, beside the insert, so
 * nothing that moves money can skip it. A batch applies the balance rules once per client
 * with the batch's total (the call charges of a day group), a single entry once.
 *
 * `setAside`: an entry the money limits refuse is left out — not written, the balance not
 * moved by it, its id null — and listed in `refused`, instead of refusing the batch.
 */
export function* appendProgram(entries: readonly NewLedgerEntry[], createdAt: string, setAside: boolean): DoorProgram<AppendResult & { refused: RefusedEntry[] }> {
  // Issue 16: several instances on one server serialise per client, ascending, so two batches never wait on each other in a circle.
  const clientIds = [...new Set(entries.map((entry) => entry.clientId))].sort((a, b) => a - b);
  if (clientIds.length > 0) yield* ask({ ask: 'lockClients', ids: clientIds });
  const clients = new Map<number, { row: ClientRow; delta: number; written: number }>();
  const ids: (number | null)[] = [];
  const refused: RefusedEntry[] = [];
  // The report rollup (ledger_totals, migration 013) moves with the entries, in this transaction.
  const totals = new Map<string, Insertable<LedgerTotalsTable> & { amount_micros: number; entries: number }>();
  const kindCache = new Map<number, LedgerKind>();
  /** The kind an entry counts as in the reports (ledger_totals): a reversal as the kind it reverses. */
  function* reportKind(entry: NewLedgerEntry): DoorProgram<LedgerKind> {
    if (entry.kind !== 'reversal' || entry.reversesEntryId === undefined) return entry.kind;
    let kind = kindCache.get(entry.reversesEntryId);
    if (kind === undefined) {
      kind = (yield* ask({ ask: 'entryKind', id: entry.reversesEntryId })) ?? 'reversal';
      kindCache.set(entry.reversesEntryId, kind);
    }
    return kind;
  }

  for (const [index, entry] of entries.entries()) {
    if (!Number.isSafeInteger(entry.amount)) throw new AppError('internal', 'A ledger amount must be integer micros');
    let client = clients.get(entry.clientId);
    if (!client) {
      const row = yield* ask({ ask: 'client', id: entry.clientId });
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
    const id = yield* ask({
      ask: 'insertEntry',
      row: {
        client_id: entry.clientId,
        kind: entry.kind,
        amount_micros: entry.amount,
        description: entry.description,
        occurred_on: entry.occurredOn,
        created_at: createdAt,
        reference: entry.reference ?? null,
        reverses_entry_id: entry.reversesEntryId ?? null,
        client_package_id: entry.clientPackageId ?? null,
        did_assignment_id: entry.didAssignmentId ?? null,
      },
    });
    ids.push(id);
    if (id === null) continue;
    const kind = yield* reportKind(entry);
    // Issue 12: a manual payment or charge goes to the provider too, through the outbox, in
    // this transaction; so does the reversal of one (the opposite call). Fees, calls and
    // taxes are the provider's own billing or the console's: not sent.
    if (entry.amount !== 0 && (kind === 'payment' || kind === 'charge')) {
      const { first_name, last_name, company } = client.row;
      const clientName = company ? `${first_name} ${last_name} (${company})`.trim() : `${first_name} ${last_name}`.trim();
      const item = moneyMovedItem({ id, clientId: entry.clientId, clientName, kind: entry.amount > 0 ? 'payment' : 'charge', amountMicros: entry.amount, description: entry.description });
      yield* ask({ ask: 'insertOutbox', row: outboxRow(item, createdAt) });
    }
    client.delta += entry.amount;
    client.written += 1;
    const month = entry.occurredOn.slice(0, 7);
    const key = `${month}|${kind}|${String(entry.clientId).padStart(16, '0')}`;
    const total = totals.get(key) ?? { month, client_id: entry.clientId, kind, amount_micros: 0, entries: 0 };
    total.amount_micros += entry.amount;
    total.entries += 1;
    totals.set(key, total);
  }
  if (totals.size > 0) yield* ask({ ask: 'addTotals', rows: [...totals.keys()].sort().map((key) => totals.get(key)!) });
  let moved = 0;
  const currency = clients.size > 0 ? ((yield* ask({ ask: 'setting', key: 'currency' })) ?? DEFAULT_CURRENCY) : DEFAULT_CURRENCY;
  for (const [clientId, { row, delta, written }] of clients) {
    if (written === 0) continue;
    const outcome = balanceOutcome(row, delta, currency);
    yield* ask({ ask: 'updateClient', id: clientId, set: { balance_micros: outcome.balance, status: outcome.status, below_threshold: outcome.belowThreshold, updated_at: createdAt } });
    for (const notice of outcome.notices) {
      yield* ask({ ask: 'insertNotice', row: { client_id: clientId, kind: notice.kind, message: notice.message, created_at: createdAt } });
      // Issue 15: the client is told too, by e-mail, in this transaction (once per crossing, as the notice).
      if (notice.kind === 'low_balance') {
        const email = lowBalanceEmailRow(
          { email: yield* ask({ ask: 'setting', key: EMAIL_SETTINGS_KEY }), branding: yield* ask({ ask: 'setting', key: 'branding' }), invoices: yield* ask({ ask: 'setting', key: 'invoices' }) },
          row,
          outcome.balance,
          currency,
          createdAt,
        );
        if (email) yield* ask({ ask: 'insertEmail', row: email });
      }
    }
    moved += 1;
  }
  return { ids, clients: moved, refused };
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
