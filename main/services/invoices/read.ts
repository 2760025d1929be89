import type { Selectable } from 'kysely';
import type { InvoiceLinesTable, InvoicesTable } from '../../../db/schema';
import type { InvoiceLineView, InvoiceListData, InvoicePage, InvoiceSummary, InvoiceView } from '../../../preload/schemas/invoices';
import { micros, moneyToText, percentE4, percentToText } from '../../money';
import { clientName } from '../clients';
import type { ServiceContext } from '../context';
import { notFound } from '../../errors';
import type { InvoiceContent } from './issue';

type InvoiceRow = Selectable<InvoicesTable> & { first_name: string; last_name: string; company: string };
type LineRow = Selectable<InvoiceLinesTable>;

const money = (amount: number): string => moneyToText(micros(amount));
const rateText = (rateE4: number): string => percentToText(percentE4(rateE4)).replace(/\.?0+$/, '');

function baseQuery(db: ServiceContext['db']) {
  return db.selectFrom('invoices').innerJoin('clients', 'clients.id', 'invoices.client_id').selectAll('invoices').select(['clients.first_name', 'clients.last_name', 'clients.company']);
}

function toSummary(row: InvoiceRow): InvoiceSummary {
  return {
    id: row.id,
    number: row.number_text,
    kind: row.kind,
    status: row.status,
    clientId: row.client_id,
    clientName: clientName(row),
    issueDate: row.issue_date,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    totalDue: money(row.total_due_micros),
    closingBalance: money(row.closing_micros),
  };
}

/** Payments and credits print as received (+); the stored line is what it adds to what is owed. */
const printedSign = (section: LineRow['section']): number => (section === 'payments' || section === 'credits' ? -1 : 1);

export function toLineView(line: LineRow): InvoiceLineView {
  return {
    section: line.section,
    description: line.occurred_on === null ? line.description : `${line.occurred_on} · ${line.description}`,
    count: line.call_count,
    minutes: line.billed_seconds === null ? null : minutesText(line.billed_seconds),
    amount: money(printedSign(line.section) * line.amount_micros),
  };
}

/** Billed seconds as minutes, exact to the second's decimals that matter ("12.5", "0.1"). */
export function minutesText(seconds: number): string {
  const whole = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (rest === 0) return String(whole);
  return `${whole}.${String(Math.round((rest / 60) * 100)).padStart(2, '0')}`.replace(/0+$/, '');
}

/** `invoices.list`: newest number first. Index: invoices_client / invoices_issued. */
export async function listInvoices(ctx: ServiceContext, input: InvoiceListData): Promise<InvoicePage> {
  const filter = input ?? { status: 'all' as const, limit: 200, offset: 0 };
  let query = baseQuery(ctx.db);
  let count = ctx.db.selectFrom('invoices').select((eb) => eb.fn.countAll<number>().as('total'));
  if (filter.clientId !== undefined) {
    query = query.where('invoices.client_id', '=', filter.clientId);
    count = count.where('invoices.client_id', '=', filter.clientId);
  }
  if (filter.month !== undefined) {
    const [from, to] = [`${filter.month}-01`, `${filter.month}-31`];
    query = query.where('invoices.issue_date', '>=', from).where('invoices.issue_date', '<=', to);
    count = count.where('invoices.issue_date', '>=', from).where('invoices.issue_date', '<=', to);
  }
  if (filter.status !== 'all') {
    query = query.where('invoices.status', '=', filter.status);
    count = count.where('invoices.status', '=', filter.status);
  }
  const rows = await query.orderBy('invoices.number', 'desc').limit(filter.limit).offset(filter.offset).execute();
  const { total } = await count.executeTakeFirstOrThrow();
  return { rows: rows.map(toSummary), total: Number(total) };
}

export async function loadInvoice(db: ServiceContext['db'], id: number): Promise<{ row: InvoiceRow; lines: LineRow[]; content: InvoiceContent }> {
  const row = await baseQuery(db).where('invoices.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Invoice ${id}`);
  const lines = await db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', id).orderBy('position').execute();
  return { row, lines, content: JSON.parse(row.content) as InvoiceContent };
}

/** `invoices.get`: the invoice as issued, its credit notes and what it corrects. */
export async function getInvoice(ctx: ServiceContext, id: number): Promise<InvoiceView> {
  const { row, lines, content } = await loadInvoice(ctx.db, id);
  const credited = row.credit_for_invoice_id === null ? undefined : await ctx.db.selectFrom('invoices').select(['id', 'number_text']).where('id', '=', row.credit_for_invoice_id).executeTakeFirst();
  const creditNotes = await ctx.db
    .selectFrom('invoices')
    .select(['id', 'number_text', 'credits_micros'])
    .where('credit_for_invoice_id', '=', id)
    .orderBy('number')
    .execute();
  return {
    ...toSummary(row),
    clientBlock: content.clientBlock,
    companyBlock: content.companyBlock,
    paymentInstructions: content.paymentInstructions,
    openingBalance: money(row.opening_micros),
    lines: lines.map(toLineView),
    subtotal: money(row.subtotal_micros),
    taxes: content.taxes.map((tax) => ({ name: tax.name, rate: rateText(tax.rateE4), amount: money(tax.amount) })),
    payments: money(row.payments_micros),
    rounding: row.rounding_micros === 0 ? null : money(row.rounding_micros),
    creditFor: credited ? { id: credited.id, number: credited.number_text } : null,
    creditNotes: creditNotes.map((note) => ({ id: note.id, number: note.number_text, amount: money(note.credits_micros) })),
    voidedAt: row.voided_at,
    voidReason: row.void_reason,
  };
}

/** Everything a PDF prints of an invoice, as stored when it was issued. */
export interface PrintableInvoice {
  number: string;
  kind: 'invoice' | 'credit_note';
  status: 'issued' | 'void';
  issueDate: string;
  periodStart: string;
  periodEnd: string;
  content: InvoiceContent;
  logo: Buffer | null;
  lines: { section: LineRow['section']; date: string | null; description: string; count: number | null; billedSeconds: number | null; amount: number }[];
  opening: number;
  subtotal: number;
  taxes: InvoiceContent['taxes'];
  payments: number;
  credits: number;
  rounding: number;
  closing: number;
  totalDue: number;
  creditFor: string | null;
  voidReason: string | null;
}

export async function printableInvoice(db: ServiceContext['db'], id: number): Promise<PrintableInvoice> {
  const { row, lines, content } = await loadInvoice(db, id);
  const logo = row.logo_id === null ? undefined : await db.selectFrom('invoice_logos').select('data_url').where('id', '=', row.logo_id).executeTakeFirst();
  const credited = row.credit_for_invoice_id === null ? undefined : await db.selectFrom('invoices').select('number_text').where('id', '=', row.credit_for_invoice_id).executeTakeFirst();
  return {
    number: row.number_text,
    kind: row.kind,
    status: row.status,
    issueDate: row.issue_date,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    content,
    logo: logo ? Buffer.from(logo.data_url.slice(logo.data_url.indexOf(',') + 1), 'base64') : null,
    lines: lines.map((line) => ({ section: line.section, date: line.occurred_on, description: line.description, count: line.call_count, billedSeconds: line.billed_seconds, amount: printedSign(line.section) * line.amount_micros })),
    opening: row.opening_micros,
    subtotal: row.subtotal_micros,
    taxes: content.taxes,
    payments: row.payments_micros,
    credits: row.credits_micros,
    rounding: row.rounding_micros,
    closing: row.closing_micros,
    totalDue: row.total_due_micros,
    creditFor: credited?.number_text ?? null,
    voidReason: row.void_reason,
  };
}
