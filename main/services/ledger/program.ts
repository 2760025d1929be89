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

/** A client's new balance columns, written once per batch. */
export type ClientUpdate = { id: number; set: Pick<ClientRow, 'balance_micros' | 'status' | 'below_threshold' | 'updated_at'> };

/**
 * What the door's rules ask of the database, and what each answer is. The rules are
 * written once, below, as a generator that yields these questions; each store answers them
 * its own way (issue 16): SQLite synchronously on prepared statements, row by row
 * (sqliteDoor.ts, the import's and call charges' hot path), PostgreSQL through Kysely on the
 * caller's transaction with one multi-row statement per question (kyselyDoor.ts). So the two
 * stores cannot drift in what a payment does. The questions are asked per batch, not per
 * entry: a batch costs PostgreSQL a few round trips whatever its size.
 */
export interface Questions {
  /**
   * The batch's clients (ids ascending), those that exist. PostgreSQL locks their rows for the
   * transaction in that order (FOR UPDATE); SQLite holds the one writer already.
   */
  clients: { ids: readonly number[]; answer: readonly ClientRow[] };
  /** The kinds of these entries (what reversals reverse); an id not found is left out. */
  entryKinds: { ids: readonly number[]; answer: ReadonlyMap<number, LedgerKind> };
  setting: { key: string; answer: string | undefined };
  /** One per row, in order: the new entry's id, or null when its reference was already written. */
  insertEntries: { rows: readonly Insertable<LedgerEntriesTable>[]; answer: readonly (number | null)[] };
  insertOutbox: { rows: readonly Insertable<OutboxTable>[]; answer: undefined };
  insertEmails: { rows: readonly Insertable<EmailOutboxTable>[]; answer: undefined };
  /** Adds to the report rollup (ledger_totals), key by key; the keys come sorted. */
  addTotals: { rows: readonly Insertable<LedgerTotalsTable>[]; answer: undefined };
  updateClients: { rows: readonly ClientUpdate[]; answer: undefined };
  insertNotices: { rows: readonly Insertable<NoticesTable>[]; answer: undefined };
}

export type Question = { [K in keyof Questions]: { ask: K } & Omit<Questions[K], 'answer'> }[keyof Questions];
export type Answer<Q extends Question> = Questions[Q['ask']]['answer'];
export type DoorProgram<T> = Generator<Question, T, unknown>;

/** Asks one question; its answer typed by the question. */
function* ask<Q extends Question>(question: Q): DoorProgram<Answer<Q>> {
  return (yield question) as Answer<Q>;
}

/**
 * The plan counts every entry as new: looking each reference up first would cost the import's
 * hot path a read per entry, and a reference is almost never written twice. When the insert
 * finds one already written (a second billing run, another instance's transaction) and leaving
 * it out changes what the limits decide for an entry after it, the program throws this: the
 * caller rolls the attempt back and runs it again, knowing these references. Never leaves the door.
 */
export class DoorReplan extends Error {
  constructor(readonly knownReferences: ReadonlySet<string>) {
    super('The money door plans its batch again');
  }
}

/** What the limits decide for a batch, entry by entry, before anything is written. */
interface BatchPlan {
  /** Indexes of the entries to insert, in order. */
  inserts: number[];
  refused: RefusedEntry[];
}

/**
 * Decides, entry by entry and in order, which entries are written: an entry the limits refuse
 * is refused (thrown, or set aside); one whose reference is already written (`written`, or an
 * earlier entry of the batch) is skipped and moves nothing. Each entry is checked against the
 * client's balance moved by the entries before it that are written (issue 9).
 */
function planBatch(entries: readonly NewLedgerEntry[], rows: ReadonlyMap<number, ClientRow>, written: ReadonlySet<string>, setAside: boolean): BatchPlan {
  const pending = new Map<number, number>();
  const seen = new Set<string>();
  const plan: BatchPlan = { inserts: [], refused: [] };
  for (const [index, entry] of entries.entries()) {
    if (!Number.isSafeInteger(entry.amount)) throw new AppError('internal', 'A ledger amount must be integer micros');
    const row = rows.get(entry.clientId);
    if (!row) throw notFound(`Client ${entry.clientId}`);
    const moved = pending.get(entry.clientId) ?? 0;
    const refusal = limitRefusal(row, moved, entry);
    if (refusal !== null) {
      if (!setAside) throw limitError(refusal);
      plan.refused.push({ index, message: refusal });
      continue;
    }
    const reference = entry.reference;
    if (reference !== undefined && (written.has(reference) || seen.has(reference))) continue;
    if (reference !== undefined) seen.add(reference);
    plan.inserts.push(index);
    pending.set(entry.clientId, moved + entry.amount);
  }
  return plan;
}

const samePlan = (a: BatchPlan, b: BatchPlan): boolean =>
  a.inserts.length === b.inserts.length &&
  a.inserts.every((index, at) => b.inserts[at] === index) &&
  a.refused.length === b.refused.length &&
  a.refused.every((refusal, at) => b.refused[at]?.index === refusal.index && b.refused[at]?.message === refusal.message);

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
 *
 * `knownReferences`: references already written that a previous attempt found (DoorReplan).
 */
export function* appendProgram(
  entries: readonly NewLedgerEntry[],
  createdAt: string,
  setAside: boolean,
  knownReferences: ReadonlySet<string> = new Set(),
): DoorProgram<AppendResult & { refused: RefusedEntry[] }> {
  // Issue 16: several instances on one server serialise per client, ascending, so two batches never wait on each other in a circle.
  const clientIds = [...new Set(entries.map((entry) => entry.clientId))].sort((a, b) => a - b);
  const found = clientIds.length > 0 ? yield* ask({ ask: 'clients', ids: clientIds }) : [];
  const rows = new Map(found.map((row) => [row.id, row]));
  // Checked before the insert, entry by entry: every running balance of the ledger stays exact (issue 9).
  const plan = planBatch(entries, rows, knownReferences, setAside);
  const ids: (number | null)[] = entries.map(() => null);
  if (plan.inserts.length > 0) {
    const inserted = yield* ask({
      ask: 'insertEntries',
      rows: plan.inserts.map((index) => {
        const entry = entries[index]!;
        return {
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
        };
      }),
    });
    const alreadyWritten = new Set(knownReferences);
    plan.inserts.forEach((index, at) => {
      ids[index] = inserted[at] ?? null;
      if (ids[index] !== null) return;
      const reference = entries[index]!.reference;
      if (reference === undefined) throw new AppError('internal', 'A ledger entry without a reference was not written');
      alreadyWritten.add(reference);
    });
    // A reference written by another transaction since: the entries after it may have been decided on a balance it does not move.
    if (alreadyWritten.size > knownReferences.size) {
      const replanned = planBatch(entries, rows, alreadyWritten, setAside);
      const expected = { inserts: plan.inserts.filter((index) => ids[index] !== null), refused: plan.refused };
      if (!samePlan(replanned, expected)) throw new DoorReplan(alreadyWritten);
    }
  }
  const written = plan.inserts.filter((index) => ids[index] !== null);

  // The kind an entry counts as in the reports (ledger_totals): a reversal as the kind it reverses.
  const reversed = [...new Set(written.flatMap((index) => (entries[index]!.kind === 'reversal' && entries[index]!.reversesEntryId !== undefined ? [entries[index]!.reversesEntryId!] : [])))];
  const reversedKinds = reversed.length > 0 ? yield* ask({ ask: 'entryKinds', ids: reversed }) : new Map<number, LedgerKind>();
  const reportKind = (entry: NewLedgerEntry): LedgerKind =>
    entry.kind !== 'reversal' || entry.reversesEntryId === undefined ? entry.kind : (reversedKinds.get(entry.reversesEntryId) ?? 'reversal');

  const clients = new Map<number, { row: ClientRow; delta: number }>();
  const outbox: Insertable<OutboxTable>[] = [];
  // The report rollup (ledger_totals, migration 013) moves with the entries, in this transaction.
  const totals = new Map<string, Insertable<LedgerTotalsTable> & { amount_micros: number; entries: number }>();
  for (const index of written) {
    const entry = entries[index]!;
    const id = ids[index]!;
    const row = rows.get(entry.clientId)!;
    const kind = reportKind(entry);
    // Issue 12: a manual payment or charge goes to the provider too, through the outbox, in
    // this transaction; so does the reversal of one (the opposite call). Fees, calls and
    // taxes are the provider's own billing or the console's: not sent.
    if (entry.amount !== 0 && (kind === 'payment' || kind === 'charge')) {
      const { first_name, last_name, company } = row;
      const clientName = company ? `${first_name} ${last_name} (${company})`.trim() : `${first_name} ${last_name}`.trim();
      const item = moneyMovedItem({ id, clientId: entry.clientId, clientName, kind: entry.amount > 0 ? 'payment' : 'charge', amountMicros: entry.amount, description: entry.description });
      outbox.push(outboxRow(item, createdAt));
    }
    const client = clients.get(entry.clientId) ?? { row, delta: 0 };
    client.delta += entry.amount;
    clients.set(entry.clientId, client);
    const month = entry.occurredOn.slice(0, 7);
    const key = `${month}|${kind}|${String(entry.clientId).padStart(16, '0')}`;
    const total = totals.get(key) ?? { month, client_id: entry.clientId, kind, amount_micros: 0, entries: 0 };
    total.amount_micros += entry.amount;
    total.entries += 1;
    totals.set(key, total);
  }
  if (outbox.length > 0) yield* ask({ ask: 'insertOutbox', rows: outbox });
  if (totals.size > 0) yield* ask({ ask: 'addTotals', rows: [...totals.keys()].sort().map((key) => totals.get(key)!) });
  if (clients.size === 0) return { ids, clients: 0, refused: plan.refused };

  const currency = (yield* ask({ ask: 'setting', key: 'currency' })) ?? DEFAULT_CURRENCY;
  const updates: ClientUpdate[] = [];
  const notices: Insertable<NoticesTable>[] = [];
  const emails: Insertable<EmailOutboxTable>[] = [];
  // Read at the first low-balance crossing of the batch, once.
  let emailSources: Parameters<typeof lowBalanceEmailRow>[0] | undefined;
  // In the order the clients first appear in the batch.
  for (const clientId of new Set(entries.map((entry) => entry.clientId))) {
    const moved = clients.get(clientId);
    if (!moved) continue;
    const { row, delta } = moved;
    const outcome = balanceOutcome(row, delta, currency);
    updates.push({ id: clientId, set: { balance_micros: outcome.balance, status: outcome.status, below_threshold: outcome.belowThreshold, updated_at: createdAt } });
    for (const notice of outcome.notices) {
      notices.push({ client_id: clientId, kind: notice.kind, message: notice.message, created_at: createdAt });
      // Issue 15: the client is told too, by e-mail, in this transaction (once per crossing, as the notice).
      if (notice.kind === 'low_balance') {
        emailSources ??= {
          email: yield* ask({ ask: 'setting', key: EMAIL_SETTINGS_KEY }),
          branding: yield* ask({ ask: 'setting', key: 'branding' }),
          invoices: yield* ask({ ask: 'setting', key: 'invoices' }),
        };
        const email = lowBalanceEmailRow(emailSources, row, outcome.balance, currency, createdAt);
        if (email) emails.push(email);
      }
    }
  }
  yield* ask({ ask: 'updateClients', rows: updates });
  if (notices.length > 0) yield* ask({ ask: 'insertNotices', rows: notices });
  if (emails.length > 0) yield* ask({ ask: 'insertEmails', rows: emails });
  return { ids, clients: clients.size, refused: plan.refused };
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
