import type { InvoiceLineView, InvoiceSummary, InvoiceView } from '../../../../preload/schemas/invoices';
import { formatDay } from '../../../../preload/common/dates';

/**
 * Words of the invoice screens, and how an invoice's lines are grouped on screen. Nothing
 * here adds money up: every figure shown is main's own (issue 11: the same figure is the
 * same everywhere — on screen, in the PDF and in the ledger).
 */

export type InvoiceSection = InvoiceLineView['section'];

/** The order sections read on an invoice, and their headings (as the PDF prints them). */
export const SECTION_TITLES: Record<InvoiceSection, string> = {
  calls: 'Calls by destination',
  did_fees: 'DID fees',
  package_fees: 'Package fees',
  setup_fees: 'Setup fees',
  charges: 'Other charges',
  payments: 'Payments received',
  taxes: 'Taxes',
  credits: 'Credits',
};

const SECTION_ORDER = Object.keys(SECTION_TITLES) as InvoiceSection[];

export interface LineGroup {
  section: InvoiceSection;
  title: string;
  lines: InvoiceLineView[];
}

/**
 * The lines in their sections, in the invoice's order, each section once and only when it
 * has lines; lines keep main's order inside a section. Taxes are left out: the totals
 * block shows them (name, rate, amount) under the subtotal, as the PDF does.
 */
export function groupLines(lines: readonly InvoiceLineView[]): LineGroup[] {
  const groups = new Map<InvoiceSection, InvoiceLineView[]>();
  for (const line of lines) {
    if (line.section === 'taxes') continue;
    const group = groups.get(line.section);
    if (group) group.push(line);
    else groups.set(line.section, [line]);
  }
  return SECTION_ORDER.filter((section) => groups.has(section)).map((section) => ({ section, title: SECTION_TITLES[section], lines: groups.get(section)! }));
}

/** "Jan 1, 2026 – Jan 31, 2026". */
export const periodText = (invoice: Pick<InvoiceSummary, 'periodStart' | 'periodEnd'>): string => `${formatDay(invoice.periodStart)} – ${formatDay(invoice.periodEnd)}`;

/** "Invoice INV-000123" or "Credit note CN-000004". */
export const documentTitle = (invoice: Pick<InvoiceSummary, 'kind' | 'number'>): string => `${invoice.kind === 'credit_note' ? 'Credit note' : 'Invoice'} ${invoice.number}`;

export const STATUS_LABELS: Record<InvoiceSummary['status'], string> = { issued: 'Issued', void: 'Void' };

/**
 * What can still be done to an invoice standing (not void): a credit note against it, or a
 * void while nothing corrected it yet. A credit note itself takes neither. (Main also
 * voids only a client's latest invoice; it says so when asked for an older one.)
 */
export function invoiceActions(invoice: Pick<InvoiceView, 'kind' | 'status' | 'creditNotes'>): { canVoid: boolean; canCredit: boolean } {
  const standing = invoice.status === 'issued' && invoice.kind === 'invoice';
  return { canVoid: standing && invoice.creditNotes.length === 0, canCredit: standing };
}

/** The first and last day of the month before `today` (YYYY-MM-DD): the usual period to invoice on demand. */
export function previousMonthPeriod(today: string): { from: string; to: string } {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const previousYear = month === 1 ? year - 1 : year;
  const previousMonth = month === 1 ? 12 : month - 1;
  const lastDay = new Date(Date.UTC(previousYear, previousMonth, 0)).getUTCDate();
  const mm = String(previousMonth).padStart(2, '0');
  return { from: `${previousYear}-${mm}-01`, to: `${previousYear}-${mm}-${String(lastDay).padStart(2, '0')}` };
}

/** The month before `today` as YYYY-MM: what a month export offers first. */
export const previousMonth = (today: string): string => previousMonthPeriod(today).from.slice(0, 7);

/** "March 2026" for "2026-03". */
export function monthName(month: string): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? month : date.toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** The day after `isoDay` (YYYY-MM-DD). */
export function dayAfter(isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * The period an invoice on demand offers first: from the day after the client's last
 * standing invoice (main refuses a period invoiced already) — or last month's first day
 * for a client never invoiced — to today.
 */
export function nextInvoicePeriod(invoices: readonly Pick<InvoiceSummary, 'kind' | 'status' | 'periodEnd'>[], today: string): { from: string; to: string } {
  const ends = invoices.filter((invoice) => invoice.kind === 'invoice' && invoice.status === 'issued').map((invoice) => invoice.periodEnd);
  if (ends.length === 0) return { from: previousMonthPeriod(today).from, to: today };
  const from = dayAfter(ends.reduce((latest, end) => (end > latest ? end : latest)));
  return from > today ? { from, to: from } : { from, to: today };
}
