import { stringify } from 'csv-stringify/sync';
import type { LedgerKind } from '../../db/schema';
import type { LedgerEntryView, LedgerExportData, LedgerFile, LedgerKindFilter, LedgerListData, LedgerPage } from '../../preload/schemas/clients';
import { micros, moneyToText } from '../money';
import { clientName, loadClient } from './clients';
import type { ServiceContext } from './context';

export const KIND_LABELS: Record<LedgerKind, string> = {
  payment: 'Payment',
  charge: 'Charge',
  setup_fee: 'Setup fee',
  monthly_fee: 'Monthly fee',
  did_monthly_fee: 'DID monthly fee',
  did_setup_fee: 'DID setup fee',
  calls: 'Calls',
  reversal: 'Reversal',
  tax: 'Tax',
  credit: 'Credit note',
  opening: 'Opening balance',
};

/** Posted by an invoice (its taxes) or a credit note: corrected through the invoice (void, credit note), never reversed by hand. */
export const INVOICE_KINDS: readonly LedgerKind[] = ['tax', 'credit'];

/** The stored kinds a filter shows: "fee" is every fee, of a package or a DID, monthly or setup. */
const KINDS_OF_FILTER: Record<Exclude<LedgerKindFilter, 'all'>, readonly LedgerKind[]> = {
  payment: ['payment'],
  charge: ['charge'],
  fee: ['setup_fee', 'monthly_fee', 'did_monthly_fee', 'did_setup_fee'],
  calls: ['calls'],
  reversal: ['reversal'],
  tax: ['tax'],
  credit: ['credit'],
};

export function ledgerKindsOf(filter: LedgerKindFilter): readonly LedgerKind[] | null {
  return filter === 'all' ? null : KINDS_OF_FILTER[filter];
}

interface LedgerFilter {
  clientId: number;
  kind: LedgerKindFilter;
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * The client's whole ledger as a statement (issue 10): ordered by the date the money
 * applies to, then by entry (a late call's daily charge takes its place among its day's
 * entries, not at the top), with the running balance after each entry in that order. The
 * running balance is SQL's exact integer sum over the client's entries (a balance stays
 * within ±1e15 micros, far inside 2^53), so the newest entry's is the client's balance.
 * The window runs over every entry of the client before any filter, so a filter hides
 * rows but never changes a row's balance. Index: ledger_entries_client_applies.
 */
function statementLines(db: ServiceContext['db'], clientId: number) {
  return db
    .selectFrom('ledger_entries as entry')
    .select((eb) => [
      'entry.id',
      'entry.kind',
      'entry.amount_micros',
      'entry.description',
      'entry.occurred_on',
      eb.selectFrom('ledger_entries as reversal').select('reversal.id').whereRef('reversal.reverses_entry_id', '=', 'entry.id').as('reversed_by'),
      eb.fn
        .sum<number>('entry.amount_micros')
        .over((over) => over.orderBy('entry.occurred_on', 'asc').orderBy('entry.id', 'asc'))
        .as('running_micros'),
    ])
    .where('entry.client_id', '=', clientId);
}

/** Exported for the query-plan test. */
export function statementQuery(db: ServiceContext['db'], filter: LedgerFilter) {
  const kinds = ledgerKindsOf(filter.kind);
  let query = db.selectFrom(statementLines(db, filter.clientId).as('line')).selectAll('line');
  if (kinds) query = query.where('line.kind', 'in', kinds);
  if (filter.from !== undefined) query = query.where('line.occurred_on', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('line.occurred_on', '<=', filter.to);
  // Newest first: the top row is the latest money, its balance the client's balance.
  return query.orderBy('line.occurred_on', 'desc').orderBy('line.id', 'desc');
}

type StatementRow = {
  id: number;
  kind: LedgerKind;
  amount_micros: number;
  description: string;
  occurred_on: string;
  reversed_by: number | null;
  running_micros: number;
};

function toEntryView(row: StatementRow): LedgerEntryView {
  return {
    id: row.id,
    occurredOn: row.occurred_on,
    kind: KIND_LABELS[row.kind] ?? row.kind,
    description: row.description,
    amount: moneyToText(micros(row.amount_micros)),
    runningBalance: moneyToText(micros(row.running_micros)),
    reversible: row.kind !== 'reversal' && !INVOICE_KINDS.includes(row.kind) && row.reversed_by === null,
    reversedBy: row.reversed_by,
  };
}

async function countMatching(ctx: ServiceContext, filter: LedgerFilter): Promise<number> {
  const kinds = ledgerKindsOf(filter.kind);
  let query = ctx.db
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.countAll<number>().as('entries'))
    .where('client_id', '=', filter.clientId);
  if (kinds) query = query.where('kind', 'in', kinds);
  if (filter.from !== undefined) query = query.where('occurred_on', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('occurred_on', '<=', filter.to);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.entries);
}

/** The full history with a running balance, in statement order, newest first. */
export async function clientLedger(ctx: ServiceContext, clientId: number): Promise<LedgerEntryView[]> {
  const rows = await statementQuery(ctx.db, { clientId, kind: 'all' }).execute();
  return rows.map(toEntryView);
}

/** `clients.ledger`: one page of the filtered statement, for a list read as it scrolls. */
export async function ledgerPage(ctx: ServiceContext, input: LedgerListData): Promise<LedgerPage> {
  const client = await loadClient(ctx.db, input.clientId);
  const rows = await statementQuery(ctx.db, input).limit(input.limit).offset(input.offset).execute();
  return { rows: rows.map(toEntryView), total: await countMatching(ctx, input), balance: moneyToText(micros(client.balance_micros)) };
}

// A cell a spreadsheet would read as a formula is written as text (OWASP "CSV injection").
const asSpreadsheetText = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

const fileNamePart = (text: string): string => text.replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '');

/**
 * `clients.ledgerCsv` and `client ledger --out`: the filtered statement as CSV, in the
 * window's order, amounts as exact decimal text (a spreadsheet sums them to the micro).
 */
export async function ledgerCsv(ctx: ServiceContext, input: LedgerExportData): Promise<LedgerFile> {
  const client = await loadClient(ctx.db, input.clientId);
  const rows = await statementQuery(ctx.db, input).execute();
  const csv = stringify(
    rows.map((row) => {
      const view = toEntryView(row);
      return [view.occurredOn, view.kind, asSpreadsheetText(view.description), view.amount, view.runningBalance, view.id, view.reversedBy ?? ''];
    }),
    { header: true, columns: ['date', 'kind', 'description', 'amount', 'balance', 'entry', 'reversed_by'] },
  );
  const period = [input.from ?? '', input.to ?? ''].some(Boolean) ? `-${input.from ?? 'start'}-to-${input.to ?? 'today'}` : '';
  const kind = input.kind === 'all' ? '' : `-${input.kind}`;
  const name = fileNamePart(clientName(client)) || `client-${client.id}`;
  return { fileName: `ledger-${name}${kind}${period}.csv`, csv, rows: rows.length };
}
