import { sql, type Kysely } from 'kysely';
import type { Database, LedgerKind } from '../../../db/schema';

/**
 * What must hold of a reseller's money in any database of the app, written once in Kysely
 * and run on both ends of `db copy`: on the source before anything is written (a file that
 * does not add up is the reseller's to see, not to carry over), on the target before the
 * copy commits (a difference there is the copy's fault).
 */

type Db = Kysely<Database>;

export interface MoneyFacts {
  clients: number;
  /** Clients whose cached balance is not the sum of their ledger (a few, for the message). */
  balanceMismatches: { clientId: number; balanceMicros: number; ledgerMicros: number }[];
  ledgerEntries: number;
  /** ledger_totals rows: as stored, and where they differ from the same `group by` of the entries. */
  ledgerTotals: number;
  ledgerTotalsMismatches: { month: string; clientId: number; kind: string; stored: string; recomputed: string }[];
  invoices: InvoiceNumbering;
}

export interface InvoiceNumbering {
  /** Every invoice and credit note number, ascending (one sequence). */
  numbers: number[];
  lastNumber: number;
  nextNumber: number;
}

export interface NumberingFacts {
  count: number;
  first: number | null;
  last: number | null;
  repeats: number[];
  /** Where the sequence jumps: `[after, next]` (a reseller may start a new series in Settings, never go back). */
  jumps: [number, number][];
  /** Why the numbering does not hold: empty when it does. */
  problems: string[];
}

const SAMPLE = 5;

/**
 * The numbers' facts: 1..N without a repeat, and `last_number` the highest. A jump is
 * reported, not refused: Settings lets a reseller move the next number up (a new series,
 * main/services/invoices/settings.ts), never back, so a repeat or a wrong last number is a
 * problem and a jump is a choice. The copy itself must give the target the source's numbers.
 */
export function numberingFacts({ numbers, lastNumber }: InvoiceNumbering): NumberingFacts {
  const repeats: number[] = [];
  const jumps: [number, number][] = [];
  for (let index = 1; index < numbers.length; index += 1) {
    const previous = numbers[index - 1]!;
    const current = numbers[index]!;
    if (current === previous) repeats.push(current);
    else if (current !== previous + 1) jumps.push([previous, current]);
  }
  const first = numbers[0] ?? null;
  const last = numbers.at(-1) ?? null;
  const problems: string[] = [];
  if (repeats.length > 0) problems.push(`invoice number ${repeats.slice(0, SAMPLE).join(', ')} is given twice`);
  if (last !== null && lastNumber !== last) problems.push(`invoice_numbering.last_number is ${lastNumber}, the highest number issued ${last}`);
  return { count: numbers.length, first, last, repeats, jumps, problems };
}

async function balanceMismatches(db: Db): Promise<MoneyFacts['balanceMismatches']> {
  const sums = db
    .selectFrom('ledger_entries')
    .select((eb) => ['client_id', eb.fn.sum<number>('amount_micros').as('total')])
    .groupBy('client_id')
    .as('ledger');
  const rows = await db
    .selectFrom('clients')
    .leftJoin(sums, 'ledger.client_id', 'clients.id')
    .select((eb) => ['clients.id', 'clients.balance_micros', eb.fn.coalesce('ledger.total', eb.lit(0)).as('total')])
    .where((eb) => eb('clients.balance_micros', '!=', eb.fn.coalesce('ledger.total', eb.lit(0))))
    .orderBy('clients.id')
    .limit(SAMPLE)
    .execute();
  return rows.map((row) => ({ clientId: row.id, balanceMicros: Number(row.balance_micros), ledgerMicros: Number(row.total) }));
}

/** ledger_totals as the ledger door keeps it (main/services/ledger/program.ts): a reversal under the kind it reverses. */
function recomputedLedgerTotals(db: Db) {
  const month = sql<string>`substr(entry.occurred_on, 1, 7)`;
  const kind = sql<LedgerKind>`case when entry.kind = 'reversal' then coalesce(reversed.kind, 'reversal') else entry.kind end`;
  return db
    .selectFrom('ledger_entries as entry')
    .leftJoin('ledger_entries as reversed', 'reversed.id', 'entry.reverses_entry_id')
    .select((eb) => [
      month.as('month'),
      'entry.client_id',
      kind.as('kind'),
      eb.fn.sum<number>('entry.amount_micros').as('amount_micros'),
      eb.fn.countAll<number>().as('entries'),
    ])
    .groupBy([month, 'entry.client_id', kind]);
}

const storedLedgerTotals = (db: Db) => db.selectFrom('ledger_totals').select(['month', 'client_id', 'kind', 'amount_micros', 'entries']);

async function ledgerTotalsMismatches(db: Db): Promise<MoneyFacts['ledgerTotalsMismatches']> {
  const [missing, extra] = await Promise.all([
    recomputedLedgerTotals(db).except(storedLedgerTotals(db)).limit(SAMPLE).execute(),
    storedLedgerTotals(db).except(recomputedLedgerTotals(db)).limit(SAMPLE).execute(),
  ]);
  const describe = (row: { amount_micros: number; entries: number }): string => `${Number(row.amount_micros)} micros in ${Number(row.entries)} entries`;
  const mismatches = new Map<string, MoneyFacts['ledgerTotalsMismatches'][number]>();
  const keyOf = (row: { month: string; client_id: number; kind: string }): string => `${row.month}|${row.client_id}|${row.kind}`;
  for (const row of extra) {
    mismatches.set(keyOf(row), { month: row.month, clientId: Number(row.client_id), kind: row.kind, stored: describe(row), recomputed: 'no entries' });
  }
  for (const row of missing) {
    const key = keyOf(row);
    const stored = mismatches.get(key)?.stored ?? 'no row';
    mismatches.set(key, { month: row.month, clientId: Number(row.client_id), kind: row.kind, stored, recomputed: describe(row) });
  }
  return [...mismatches.values()].slice(0, SAMPLE);
}

async function invoiceNumbering(db: Db): Promise<InvoiceNumbering> {
  const rows = await db.selectFrom('invoices').select('number').orderBy('number').execute();
  const counter = await db.selectFrom('invoice_numbering').select(['next_number', 'last_number']).where('id', '=', 1).executeTakeFirst();
  return { numbers: rows.map((row) => Number(row.number)), lastNumber: Number(counter?.last_number ?? 0), nextNumber: Number(counter?.next_number ?? 1) };
}

const countOf = async (db: Db, table: 'clients' | 'ledger_entries' | 'ledger_totals'): Promise<number> =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/** The money facts of one database (run them on one connection, in one snapshot). */
export async function moneyFacts(db: Db): Promise<MoneyFacts> {
  return {
    clients: await countOf(db, 'clients'),
    balanceMismatches: await balanceMismatches(db),
    ledgerEntries: await countOf(db, 'ledger_entries'),
    ledgerTotals: await countOf(db, 'ledger_totals'),
    ledgerTotalsMismatches: await ledgerTotalsMismatches(db),
    invoices: await invoiceNumbering(db),
  };
}

const money = (micros: number): string => (micros / 1_000_000).toFixed(2);

/** Why these facts do not add up, one clause each; empty when they do. */
export function moneyProblems(facts: MoneyFacts): string[] {
  const problems: string[] = [];
  for (const mismatch of facts.balanceMismatches) {
    problems.push(`client ${mismatch.clientId}'s balance is ${money(mismatch.balanceMicros)} but its ledger sums to ${money(mismatch.ledgerMicros)}`);
  }
  for (const mismatch of facts.ledgerTotalsMismatches) {
    problems.push(`ledger_totals for client ${mismatch.clientId}, ${mismatch.month}, ${mismatch.kind} holds ${mismatch.stored}; the ledger has ${mismatch.recomputed}`);
  }
  problems.push(...numberingFacts(facts.invoices).problems);
  return problems;
}
