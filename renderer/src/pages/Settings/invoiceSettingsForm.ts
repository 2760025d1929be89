import type { ChannelInput } from '../../../../preload/contract';
import { MAX_LOGO_CHARS, MAX_TAXES, type PaperSize } from '../../../../preload/common/invoiceLimits';
import type { InvoiceSettingsView, TaxLineView } from '../../../../preload/schemas/invoices';
import type { FieldErrors } from '../../lib/issues';

/** One row of a taxes editor, as typed; `key` only keeps React's rows apart. */
export interface TaxRow {
  key: number;
  name: string;
  rate: string;
}

let nextTaxKey = 1;
export const newTaxRow = (tax: TaxLineView = { name: '', rate: '' }): TaxRow => ({ key: nextTaxKey++, name: tax.name, rate: tax.rate });

export const taxRowsOf = (taxes: readonly TaxLineView[]): TaxRow[] => taxes.map((tax) => newTaxRow(tax));
export const taxesOf = (rows: readonly TaxRow[]): TaxLineView[] => rows.map((row) => ({ name: row.name.trim(), rate: row.rate.trim() }));
export const canAddTax = (rows: readonly TaxRow[]): boolean => rows.length < MAX_TAXES;

/** "GST 5 %, QST 9.975 %", or "none". */
export function taxesSummary(taxes: readonly TaxLineView[]): string {
  return taxes.length === 0 ? 'none' : taxes.map((tax) => `${tax.name} ${tax.rate} %`).join(', ');
}

/** What the person typed in Settings → Invoices; main parses and validates it. */
export interface InvoiceSettingsValues {
  companyName: string;
  companyAddress: string;
  companyEmail: string;
  companyPhone: string;
  taxNumber: string;
  logo: string | null;
  numberPrefix: string;
  nextNumber: string;
  paper: PaperSize;
  paymentInstructions: string;
  defaultTaxes: TaxRow[];
  issueOnCycleClose: boolean;
}

export type InvoiceSettingsField = Exclude<keyof InvoiceSettingsValues, 'defaultTaxes'>;

export function settingsValuesOf(view: InvoiceSettingsView): InvoiceSettingsValues {
  return {
    companyName: view.companyName,
    companyAddress: view.companyAddress,
    companyEmail: view.companyEmail,
    companyPhone: view.companyPhone,
    taxNumber: view.taxNumber,
    logo: view.logo,
    numberPrefix: view.numberPrefix,
    nextNumber: String(view.nextNumber),
    paper: view.paper,
    paymentInstructions: view.paymentInstructions,
    defaultTaxes: taxRowsOf(view.defaultTaxes),
    issueOnCycleClose: view.issueOnCycleClose,
  };
}

/** The values compared for "unsaved changes": the rows' keys are not an edit. */
export function settingsFingerprint(values: InvoiceSettingsValues): string {
  return JSON.stringify({ ...values, defaultTaxes: taxesOf(values.defaultTaxes) });
}

/** The next number as typed: a whole number, or null (the form says so before asking main). */
export function parseNextNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,9}$/.test(trimmed)) return null;
  return Number(trimmed);
}

export type SettingsInputOutcome = { ok: true; input: ChannelInput<'invoices.saveSettings'> } | { ok: false; fieldErrors: FieldErrors };

/** The form's values as main's input; what the window can already tell is wrong, by field. */
export function toSettingsInput(values: InvoiceSettingsValues, minNextNumber: number): SettingsInputOutcome {
  const nextNumber = parseNextNumber(values.nextNumber);
  if (nextNumber === null || nextNumber < 1) return { ok: false, fieldErrors: { nextNumber: 'Next number: enter a whole number, e.g. 1001' } };
  if (nextNumber < minNextNumber) {
    return { ok: false, fieldErrors: { nextNumber: `Next number: at least ${minNextNumber} — numbers already issued are never reused` } };
  }
  return {
    ok: true,
    input: {
      companyName: values.companyName.trim(),
      companyAddress: values.companyAddress.trim(),
      companyEmail: values.companyEmail.trim(),
      companyPhone: values.companyPhone.trim(),
      taxNumber: values.taxNumber.trim(),
      logo: values.logo,
      numberPrefix: values.numberPrefix.trim(),
      nextNumber,
      paper: values.paper,
      paymentInstructions: values.paymentInstructions.trim(),
      defaultTaxes: taxesOf(values.defaultTaxes),
      issueOnCycleClose: values.issueOnCycleClose,
    },
  };
}

/** The hint under "Next number": the lowest it may be (the last issued + 1). */
export const nextNumberHint = (minNextNumber: number): string => `Lowest allowed: ${minNextNumber.toLocaleString('en-US')} — issued numbers are never reused.`;

/** Control ids, shared by the fields and the error summary that focuses them. */
export const SETTINGS_FIELD_IDS: Record<InvoiceSettingsField, string> = {
  companyName: 'invoice-company-name',
  companyAddress: 'invoice-company-address',
  companyEmail: 'invoice-company-email',
  companyPhone: 'invoice-company-phone',
  taxNumber: 'invoice-tax-number',
  logo: 'invoice-logo',
  numberPrefix: 'invoice-number-prefix',
  nextNumber: 'invoice-next-number',
  paper: 'invoice-paper',
  paymentInstructions: 'invoice-payment-instructions',
  issueOnCycleClose: 'invoice-issue-on-cycle-close',
};

export const SETTINGS_FIELD_LABELS: Record<InvoiceSettingsField, string> = {
  companyName: 'Company name',
  companyAddress: 'Address',
  companyEmail: 'E-mail',
  companyPhone: 'Phone',
  taxNumber: 'Tax number',
  logo: 'Logo',
  numberPrefix: 'Number prefix',
  nextNumber: 'Next number',
  paper: 'Paper',
  paymentInstructions: 'Payment instructions',
  issueOnCycleClose: 'Issue an invoice when a billing cycle closes',
};

/** The id of a tax row's control: `${prefix}-tax-${index}-name` / `-rate`. */
export const taxControlId = (prefix: string, index: number, part: 'name' | 'rate'): string => `${prefix}-tax-${index}-${part}`;

/**
 * Where a message of main lands in a taxes editor: "defaultTaxes.1.rate" → the second row's
 * rate; "defaultTaxes" (too many) → the editor's own. `path` is the list's field name.
 */
export function taxErrorTarget(field: string, path: string, idPrefix: string): { fieldId: string; row: number | null; part: 'name' | 'rate' | null } | null {
  if (field === path) return { fieldId: `${idPrefix}-taxes-add`, row: null, part: null };
  const match = new RegExp(`^${path}\\.(\\d+)\\.(name|rate)$`).exec(field);
  if (!match) return null;
  const row = Number(match[1]);
  const part = match[2] as 'name' | 'rate';
  return { fieldId: taxControlId(idPrefix, row, part), row, part };
}

const isSettingsField = (field: string): field is InvoiceSettingsField => Object.hasOwn(SETTINGS_FIELD_IDS, field);

export interface SettingsSummaryItem {
  fieldId?: string;
  text: string;
}

/** main's messages by field → the error summary's entries, each focusing its control. */
export function settingsSummaryItems(fieldErrors: FieldErrors): SettingsSummaryItem[] {
  return Object.entries(fieldErrors).map(([field, message]) => {
    if (isSettingsField(field)) {
      const label = SETTINGS_FIELD_LABELS[field];
      const text = message.toLowerCase().startsWith(label.toLowerCase()) ? message : `${label}: ${message}`;
      return { fieldId: SETTINGS_FIELD_IDS[field], text };
    }
    const tax = taxErrorTarget(field, 'defaultTaxes', 'invoice');
    if (tax) return { fieldId: tax.fieldId, text: tax.row === null ? `Default taxes: ${message}` : `Tax ${tax.row + 1}: ${message}` };
    return { text: message };
  });
}

// ---- Logo -------------------------------------------------------------------------

export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;

/** Characters of `data:<type>;base64,` + the base64 of `bytes` bytes. */
export const logoDataUrlLength = (bytes: number, type: string): number => `data:${type};base64,`.length + Math.ceil(bytes / 3) * 4;

/** The largest image main takes, in bytes (what fits MAX_LOGO_CHARS as a PNG data URL). */
export const MAX_LOGO_BYTES = Math.floor((MAX_LOGO_CHARS - logoDataUrlLength(0, 'image/png')) / 4) * 3;

export const kilobytes = (bytes: number): string => `${Math.ceil(bytes / 1000).toLocaleString('en-US')} KB`;

/** Why a chosen file cannot be the logo, or null when it can (checked before it is read). */
export function logoProblem(file: { type: string; size: number }): string | null {
  if (!(LOGO_TYPES as readonly string[]).includes(file.type)) return 'Choose a PNG or JPEG image.';
  if (file.size === 0) return 'This file is empty.';
  if (logoDataUrlLength(file.size, file.type) > MAX_LOGO_CHARS) {
    return `This image is ${kilobytes(file.size)}; a logo can be at most ${kilobytes(MAX_LOGO_BYTES)}. Save it smaller (e.g. 600 px wide) and choose it again.`;
  }
  return null;
}
