import { divideHalfUp } from './integerMath';

/**
 * What an invoice says, from the ledger entries it takes (pure: no database, no clock).
 *
 * How invoices chain (issue 11, "the same figure is the same everywhere"):
 * - An invoice for the period [from, to] (inclusive dates) takes every ledger entry of the
 *   client dated on or before `to` that no earlier invoice took. So every entry lands on
 *   exactly one invoice: an entry dated in an already invoiced period (a late call, a
 *   re-rate, a payment typed with an old date) lands on the next invoice, shown as such
 *   ("Late calls and corrections before …"); entries dated after `to` wait for the next.
 * - The opening balance is the sum of every entry the client's earlier invoices took,
 *   which is the closing balance of the previous invoice; the closing balance is the
 *   opening plus every entry this invoice takes (the taxes it posts included). So
 *   opening + payments + credits − charges − taxes = closing, to the micro, and
 *   opening(next) = closing(previous).
 * - Balances keep the ledger's sign (+: the client is in credit, as on the client page);
 *   line amounts are what each line adds to what the client owes (charges +, payments −).
 * - Amounts are exact micros; cents exist only for display, each figure rounded half-up;
 *   when the printed 2-decimal figures of the summary do not add up to the printed
 *   closing balance, a rounding line says by how much.
 */

/** The ledger's kinds (db/schema.ts LedgerKind; the engine takes plain data). */
export type LedgerKind = 'payment' | 'charge' | 'setup_fee' | 'monthly_fee' | 'did_monthly_fee' | 'did_setup_fee' | 'calls' | 'reversal' | 'tax' | 'credit' | 'opening';
export type InvoiceSection = 'calls' | 'did_fees' | 'package_fees' | 'setup_fees' | 'charges' | 'payments' | 'taxes' | 'credits';

export interface InvoiceEntry {
  id: number;
  kind: LedgerKind;
  /** Ledger sign: + adds to the balance. */
  amount: number;
  description: string;
  occurredOn: string;
  /** For a reversal: the kind of the entry it reverses. */
  reversedKind: LedgerKind | null;
}

/** The rated calls of the period grouped by destination (their charges, + as owed). */
export interface CallGroup {
  destination: string;
  calls: number;
  billedSeconds: number;
  charge: number;
}

export interface TaxRate {
  name: string;
  /** 1e-4 percent: 5 % is 50_000. */
  rateE4: number;
}

export interface ComposedLine {
  section: InvoiceSection;
  /** The entry's date (null for grouped lines: calls by destination, taxes). */
  date: string | null;
  description: string;
  count: number | null;
  billedSeconds: number | null;
  /** What it adds to what the client owes (micros). */
  amount: number;
}

export interface ComposedTax extends TaxRate {
  amount: number;
}

export interface ComposedInvoice {
  lines: ComposedLine[];
  /** Charges before taxes (owed, micros). */
  subtotal: number;
  taxes: ComposedTax[];
  taxTotal: number;
  /** Payments received (+), net of their reversals. */
  payments: number;
  /** Credits of credit notes (+). */
  credits: number;
  opening: number;
  closing: number;
  /** What the client owes after this invoice: −closing when negative, else 0. */
  totalDue: number;
  /** Ledger sign: added to the printed figures' sum to reach the printed closing balance. */
  rounding: number;
}

export const SECTION_ORDER: readonly InvoiceSection[] = ['calls', 'did_fees', 'package_fees', 'setup_fees', 'charges', 'taxes', 'payments', 'credits'];
export const CHARGE_SECTIONS: readonly InvoiceSection[] = ['calls', 'did_fees', 'package_fees', 'setup_fees', 'charges'];

export const SECTION_TITLES: Record<InvoiceSection, string> = {
  calls: 'Calls',
  did_fees: 'DID fees',
  package_fees: 'Package fees',
  setup_fees: 'Setup fees',
  charges: 'Other charges',
  taxes: 'Taxes',
  payments: 'Payments received',
  credits: 'Credits',
};

const SECTION_OF_KIND: Record<Exclude<LedgerKind, 'reversal'>, InvoiceSection> = {
  calls: 'calls',
  did_monthly_fee: 'did_fees',
  did_setup_fee: 'did_fees',
  monthly_fee: 'package_fees',
  setup_fee: 'setup_fees',
  charge: 'charges',
  payment: 'payments',
  tax: 'taxes',
  credit: 'credits',
  // A balance brought from the provider stands beside the credits: + a credit, − owed.
  opening: 'credits',
};

/** A reversal stands in the section of what it reverses (a reversed payment is under payments). */
export function sectionOf(kind: LedgerKind, reversedKind: LedgerKind | null): InvoiceSection {
  if (kind === 'reversal') return reversedKind === null || reversedKind === 'reversal' ? 'charges' : SECTION_OF_KIND[reversedKind];
  return SECTION_OF_KIND[kind];
}

/** A tax on `base` micros, half-up to a micro. */
export function taxOn(base: number, rateE4: number): number {
  return Number(divideHalfUp(BigInt(base) * BigInt(rateE4), 1_000_000n));
}

/** Micros to whole cents, half-up (away from zero): the one display rounding. */
export function toCents(amount: number): number {
  return Number(divideHalfUp(BigInt(amount), 10_000n));
}

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

/**
 * The lines of the entries an invoice takes, without taxes (they are computed on the
 * charges and posted by the issue, then composed with the rest: `composeInvoice`).
 */
export function chargeLines(period: { from: string; to: string }, entries: readonly InvoiceEntry[], callGroups: readonly CallGroup[]): ComposedLine[] {
  const lines: ComposedLine[] = [];
  const calls = entries.filter((entry) => entry.kind === 'calls');
  const inPeriod = calls.filter((entry) => entry.occurredOn >= period.from);
  const late = calls.filter((entry) => entry.occurredOn < period.from);
  const groups = [...callGroups].sort((a, b) => (a.destination < b.destination ? -1 : a.destination > b.destination ? 1 : 0));
  for (const group of groups) {
    lines.push({ section: 'calls', date: null, description: group.destination, count: group.calls, billedSeconds: group.billedSeconds, amount: group.charge });
  }
  // The daily call charges on the ledger are the truth; the grouped calls explain them.
  // They differ only while a day waits to be posted (a refused day, an import under way).
  const posted = -sum(inPeriod.map((entry) => entry.amount));
  const grouped = sum(groups.map((group) => group.charge));
  if (posted !== grouped) {
    lines.push({ section: 'calls', date: null, description: 'Calls charged on the ledger differ from the rated calls (awaiting posting)', count: null, billedSeconds: null, amount: posted - grouped });
  }
  if (late.length > 0) {
    const first = late.reduce((a, b) => (a.occurredOn < b.occurredOn ? a : b)).occurredOn;
    lines.push({ section: 'calls', date: null, description: `Late calls and corrections from ${first} to before ${period.from}`, count: null, billedSeconds: null, amount: -sum(late.map((entry) => entry.amount)) });
  }
  const others = entries
    .filter((entry) => entry.kind !== 'calls')
    .map((entry) => ({ entry, section: sectionOf(entry.kind, entry.reversedKind) }))
    .sort((a, b) => SECTION_ORDER.indexOf(a.section) - SECTION_ORDER.indexOf(b.section) || (a.entry.occurredOn < b.entry.occurredOn ? -1 : a.entry.occurredOn > b.entry.occurredOn ? 1 : a.entry.id - b.entry.id));
  for (const { entry, section } of others) {
    lines.push({ section, date: entry.occurredOn, description: entry.description, count: null, billedSeconds: null, amount: -entry.amount });
  }
  return lines.sort((a, b) => SECTION_ORDER.indexOf(a.section) - SECTION_ORDER.indexOf(b.section));
}

/** The taxable base: the charges (calls, fees, manual charges, net of their reversals); never below 0. */
export function taxableBase(lines: readonly ComposedLine[]): number {
  return Math.max(0, sum(lines.filter((line) => CHARGE_SECTIONS.includes(line.section)).map((line) => line.amount)));
}

/** The taxes of a list on a base; a tax of 0 is left out. */
export function computeTaxes(base: number, rates: readonly TaxRate[]): ComposedTax[] {
  return rates.map((rate) => ({ ...rate, amount: taxOn(base, rate.rateE4) })).filter((tax) => tax.amount !== 0);
}

/**
 * The whole invoice: the lines of the entries it takes (tax entries included, under
 * taxes), its totals and the rounding line.
 */
export function composeInvoice(input: { opening: number; lines: readonly ComposedLine[]; taxes: readonly ComposedTax[] }): ComposedInvoice {
  const lines = [...input.lines].sort((a, b) => SECTION_ORDER.indexOf(a.section) - SECTION_ORDER.indexOf(b.section));
  const total = (section: InvoiceSection): number => sum(lines.filter((line) => line.section === section).map((line) => line.amount));
  const subtotal = sum(CHARGE_SECTIONS.map(total));
  const taxTotal = total('taxes');
  const payments = -total('payments');
  const credits = -total('credits');
  const closing = input.opening - subtotal - taxTotal + payments + credits;
  // Taxes print one figure each (their lines may include reversals of an earlier void).
  const printedTaxes = input.taxes.length > 0 ? sum(input.taxes.map((tax) => toCents(tax.amount))) + toCents(taxTotal - sum(input.taxes.map((tax) => tax.amount))) : toCents(taxTotal);
  const printed = toCents(input.opening) - toCents(subtotal) - printedTaxes + toCents(payments) + toCents(credits);
  const rounding = (toCents(closing) - printed) * 10_000;
  return {
    lines,
    subtotal,
    taxes: [...input.taxes],
    taxTotal,
    payments,
    credits,
    opening: input.opening,
    closing,
    totalDue: closing < 0 ? -closing : 0,
    rounding,
  };
}
