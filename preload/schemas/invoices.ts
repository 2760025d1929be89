import { z } from 'zod';
// The limits live in preload/common so the window may use them too (it imports only types from schemas/).
import { MAX_LOGO_CHARS, MAX_TAXES, PAPER_SIZES, type PaperSize } from '../common/invoiceLimits';
import { isoDate } from './clients';
import { idField, nonNegativePercent, requiredText, TEXT_LIMITS, textField } from './fields';

/**
 * Invoices (issue 11): issued when a billing cycle closes, or on demand for a period;
 * numbered without gaps per reseller (prefix + number); immutable once issued — a
 * correction is a credit note referencing the invoice, a void keeps the number.
 * Amounts in views are decimal strings in the account currency (micros exact).
 */

export { MAX_LOGO_CHARS, MAX_TAXES, PAPER_SIZES, type PaperSize };

/** A month as YYYY-MM. */
export const isoMonth = z
  .string({ error: 'Enter a month (YYYY-MM)' })
  .max(7, 'Enter a month as YYYY-MM')
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Enter a month as YYYY-MM');

/** A tax applied to an invoice's charges, e.g. GST 5 %, QST 9.975 %. */
export const taxLineInput = z
  .object({
    name: requiredText('Tax name', 40),
    /** Percent as text ("9.975"); parsed to 1e-4 percent units. */
    rate: nonNegativePercent('Tax rate'),
  })
  .strict();


const logoDataUrl = z
  .string()
  .max(MAX_LOGO_CHARS, 'Logo: at most 375 KB (PNG or JPEG)')
  .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*$/, 'Logo: choose a PNG or JPEG image');

export const invoiceSettingsInput = z
  .object({
    companyName: textField('Company name', TEXT_LIMITS.name),
    /** Street, city, country… one line each. */
    companyAddress: textField('Company address', 500),
    companyEmail: textField('Company e-mail', TEXT_LIMITS.email),
    companyPhone: textField('Company phone', TEXT_LIMITS.phone),
    taxNumber: textField('Tax number', 60),
    logo: logoDataUrl.nullable(),
    numberPrefix: textField('Invoice number prefix', 20),
    /** The number the next invoice gets; refused below the last issued number + 1 (no reuse, no gap once issued). */
    nextNumber: z.number().int().min(1).max(999_999_999),
    paper: z.enum(PAPER_SIZES),
    paymentInstructions: textField('Payment instructions', TEXT_LIMITS.notes),
    /** Applied to every client without a list of its own. */
    defaultTaxes: z.array(taxLineInput).max(MAX_TAXES, `At most ${MAX_TAXES} taxes`),
    /** Issue an invoice for each billing cycle a billing run closes. */
    issueOnCycleClose: z.boolean(),
  })
  .strict();

/** A client's own taxes; null: the default list. */
export const clientTaxesInput = z
  .object({ clientId: idField, taxes: z.array(taxLineInput).max(MAX_TAXES, `At most ${MAX_TAXES} taxes`).nullable() })
  .strict();

export const INVOICE_STATUSES = ['issued', 'void'] as const;
export const INVOICE_KINDS = ['invoice', 'credit_note'] as const;

export const invoiceListInput = z
  .object({
    clientId: idField.optional(),
    month: isoMonth.optional(),
    status: z.enum(['all', ...INVOICE_STATUSES]).default('all'),
    limit: z.number().int().min(1).max(1000).default(200),
    offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  })
  .strict()
  .optional();

/** On demand: an invoice of one client for a period (inclusive dates). */
export const invoiceIssueInput = z
  .object({ clientId: idField, from: isoDate, to: isoDate })
  .strict()
  .refine((value) => value.from <= value.to, { message: 'The period ends before it starts', path: ['to'] });

export const invoiceVoidInput = z.object({ id: idField, reason: requiredText('Reason', TEXT_LIMITS.description) }).strict();

/** A credit note against an issued invoice: an amount (at most what the invoice charged) and why. */
export const creditNoteInput = z
  .object({
    invoiceId: idField,
    amount: z.string().max(40, 'Amount: too long').regex(/^\d+(\.\d{1,6})?$/, 'Amount: enter an amount like 12.50'),
    reason: requiredText('Reason', TEXT_LIMITS.description),
  })
  .strict();

export const invoicePdfInput = z.object({ id: idField, paper: z.enum(PAPER_SIZES).optional() }).strict();

/** Every invoice issued in a month, as one PDF each, into a folder (Electron: chosen; headless host: its exports folder). */
export const invoiceExportInput = z.object({ month: isoMonth, paper: z.enum(PAPER_SIZES).optional() }).strict();

export interface TaxLineView {
  name: string;
  /** Percent as text, e.g. "9.975". */
  rate: string;
}

export interface InvoiceSettingsView {
  companyName: string;
  companyAddress: string;
  companyEmail: string;
  companyPhone: string;
  taxNumber: string;
  logo: string | null;
  numberPrefix: string;
  nextNumber: number;
  /** The lowest next number allowed: the last issued + 1 (1 before any). */
  minNextNumber: number;
  paper: PaperSize;
  paymentInstructions: string;
  defaultTaxes: TaxLineView[];
  issueOnCycleClose: boolean;
}

export interface InvoiceSummary {
  id: number;
  /** Prefix + number as printed, e.g. "INV-000123". */
  number: string;
  kind: (typeof INVOICE_KINDS)[number];
  status: (typeof INVOICE_STATUSES)[number];
  clientId: number;
  clientName: string;
  issueDate: string;
  periodStart: string;
  periodEnd: string;
  totalDue: string;
  closingBalance: string;
}

export interface InvoiceLineView {
  section: 'calls' | 'did_fees' | 'package_fees' | 'setup_fees' | 'charges' | 'payments' | 'taxes' | 'credits';
  description: string;
  /** Calls: how many; otherwise null. */
  count: number | null;
  /** Calls: billed minutes as text ("12.5"); otherwise null. */
  minutes: string | null;
  amount: string;
}

export interface InvoiceView extends InvoiceSummary {
  /** The client block as printed (name, company, address lines). */
  clientBlock: string[];
  /** The reseller's company block as printed when issued (immutable with the invoice). */
  companyBlock: string[];
  paymentInstructions: string;
  openingBalance: string;
  lines: InvoiceLineView[];
  /** Charges before taxes. */
  subtotal: string;
  taxes: { name: string; rate: string; amount: string }[];
  payments: string;
  /** A line shown when the 2-decimal figures do not add up to the exact total. */
  rounding: string | null;
  /** For a credit note: the invoice it corrects. */
  creditFor: { id: number; number: string } | null;
  /** Credit notes issued against this invoice. */
  creditNotes: { id: number; number: string; amount: string }[];
  voidedAt: string | null;
  voidReason: string | null;
}

export interface InvoicePage {
  rows: InvoiceSummary[];
  total: number;
}

export interface InvoicePdfFile {
  fileName: string;
  /** The PDF's bytes, base64. */
  base64: string;
  pages: number;
}

/** One invoice as CSV: its lines and the summary the PDF prints, as printed (cents) and exact (micros). */
export interface InvoiceCsvFile {
  fileName: string;
  csv: string;
  rows: number;
}

export interface InvoiceExportResult {
  month: string;
  /** Where the PDFs were written, as shown to the person. */
  folder: string;
  files: number;
}

/** Progress of `invoices.exportMonth` (event 'invoices.exportProgress'). */
export interface InvoiceExportProgress {
  month: string;
  done: number;
  total: number;
}

export type InvoiceSettingsData = z.output<typeof invoiceSettingsInput>;
export type InvoiceListData = z.output<typeof invoiceListInput>;
export type InvoiceIssueData = z.output<typeof invoiceIssueInput>;
export type CreditNoteData = z.output<typeof creditNoteInput>;
