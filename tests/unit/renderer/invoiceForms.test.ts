import { describe, expect, it } from 'vitest';
import { MAX_LOGO_CHARS } from '../../../preload/common/invoiceLimits';
import { invoiceSettingsInput, type InvoiceSettingsView, type InvoiceLineView } from '../../../preload/schemas/invoices';
import {
  canAddTax,
  logoDataUrlLength,
  logoProblem,
  MAX_LOGO_BYTES,
  newTaxRow,
  settingsFingerprint,
  settingsSummaryItems,
  settingsValuesOf,
  taxErrorTarget,
  toSettingsInput,
} from '../../../renderer/src/pages/Settings/invoiceSettingsForm';
import { groupLines, invoiceActions, nextInvoicePeriod, previousMonth, previousMonthPeriod } from '../../../renderer/src/pages/Invoices/invoiceLabels';

const SAVED: InvoiceSettingsView = {
  companyName: 'Northwind Voice',
  companyAddress: '1 Main St\nMontréal QC',
  companyEmail: 'billing@northwind.example',
  companyPhone: '+1 514 555 0100',
  taxNumber: 'GST 123456789',
  logo: null,
  numberPrefix: 'INV-',
  nextNumber: 12,
  minNextNumber: 12,
  paper: 'Letter',
  paymentInstructions: 'Interac e-Transfer to billing@northwind.example',
  defaultTaxes: [
    { name: 'GST', rate: '5' },
    { name: 'QST', rate: '9.975' },
  ],
  issueOnCycleClose: true,
};

describe('Settings → Invoices: the form and main’s input', () => {
  it('round-trips the saved settings into an input the contract accepts', () => {
    const outcome = toSettingsInput(settingsValuesOf(SAVED), SAVED.minNextNumber);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const { minNextNumber: _min, ...expected } = SAVED;
    expect(outcome.input).toEqual(expected);
    expect(invoiceSettingsInput.safeParse(outcome.input).success).toBe(true);
  });

  it.each([
    { typed: '', message: /whole number/ },
    { typed: '12.5', message: /whole number/ },
    { typed: '0', message: /whole number/ },
    { typed: '11', message: /at least 12/ },
  ])('refuses the next number "$typed" before asking main', ({ typed, message }) => {
    const outcome = toSettingsInput({ ...settingsValuesOf(SAVED), nextNumber: typed }, 12);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.fieldErrors.nextNumber).toMatch(message);
  });

  it('a new row key is not an edit; a changed rate is', () => {
    const values = settingsValuesOf(SAVED);
    const again = settingsValuesOf(SAVED);
    expect(settingsFingerprint(values)).toBe(settingsFingerprint(again));
    expect(settingsFingerprint({ ...values, defaultTaxes: [values.defaultTaxes[0]!, { ...values.defaultTaxes[1]!, rate: '9.98' }] })).not.toBe(settingsFingerprint(values));
  });

  it('takes at most five taxes', () => {
    expect(canAddTax(Array.from({ length: 4 }, () => newTaxRow()))).toBe(true);
    expect(canAddTax(Array.from({ length: 5 }, () => newTaxRow()))).toBe(false);
  });

  it('places main’s messages on the tax row and part they name', () => {
    expect(taxErrorTarget('defaultTaxes.1.rate', 'defaultTaxes', 'invoice')).toEqual({ fieldId: 'invoice-tax-1-rate', row: 1, part: 'rate' });
    expect(taxErrorTarget('defaultTaxes', 'defaultTaxes', 'invoice')).toEqual({ fieldId: 'invoice-taxes-add', row: null, part: null });
    expect(taxErrorTarget('taxes.0.name', 'taxes', 'client-taxes')?.fieldId).toBe('client-taxes-tax-0-name');
    expect(taxErrorTarget('companyName', 'defaultTaxes', 'invoice')).toBeNull();
    expect(settingsSummaryItems({ 'defaultTaxes.1.rate': 'Tax rate must be a number', companyEmail: 'Enter an e-mail address' })).toEqual([
      { fieldId: 'invoice-tax-1-rate', text: 'Tax 2: Tax rate must be a number' },
      { fieldId: 'invoice-company-email', text: 'E-mail: Enter an e-mail address' },
    ]);
  });
});

describe('the logo: refused in the window when main would refuse it', () => {
  it('the largest accepted image fits main’s limit, one byte more does not', () => {
    expect(logoDataUrlLength(MAX_LOGO_BYTES, 'image/png')).toBeLessThanOrEqual(MAX_LOGO_CHARS);
    expect(logoProblem({ type: 'image/png', size: MAX_LOGO_BYTES })).toBeNull();
    expect(logoProblem({ type: 'image/png', size: MAX_LOGO_BYTES + 3 })).toMatch(/at most 375 KB/);
  });

  it.each([
    { type: 'image/gif', size: 100, problem: /PNG or JPEG/ },
    { type: 'image/svg+xml', size: 100, problem: /PNG or JPEG/ },
    { type: 'image/jpeg', size: 0, problem: /empty/ },
    { type: 'image/jpeg', size: 2_000_000, problem: /This image is 2,000 KB/ },
    { type: 'image/jpeg', size: 20_000, problem: null },
  ])('$type of $size bytes', ({ type, size, problem }) => {
    const answer = logoProblem({ type, size });
    if (problem === null) expect(answer).toBeNull();
    else expect(answer).toMatch(problem);
  });
});

describe('the invoice on screen', () => {
  const line = (section: InvoiceLineView['section'], description: string): InvoiceLineView => ({ section, description, count: null, minutes: null, amount: '1.000000' });

  it('groups lines by section in the invoice’s order, keeping main’s order inside one, taxes left to the totals', () => {
    const groups = groupLines([
      line('payments', 'Payment Jan 3'),
      line('calls', 'Canada'),
      line('taxes', 'GST'),
      line('did_fees', 'DID +1 514 555 0101'),
      line('calls', 'France'),
    ]);
    expect(groups.map((group) => [group.section, group.lines.map((entry) => entry.description)])).toEqual([
      ['calls', ['Canada', 'France']],
      ['did_fees', ['DID +1 514 555 0101']],
      ['payments', ['Payment Jan 3']],
    ]);
  });

  it('offers a void and a credit note only while an invoice stands, and no void once credited', () => {
    const note = { id: 9, number: 'INV-000009', amount: '1.000000' };
    expect(invoiceActions({ kind: 'invoice', status: 'issued', creditNotes: [] })).toEqual({ canVoid: true, canCredit: true });
    expect(invoiceActions({ kind: 'invoice', status: 'issued', creditNotes: [note] })).toEqual({ canVoid: false, canCredit: true });
    expect(invoiceActions({ kind: 'invoice', status: 'void', creditNotes: [] })).toEqual({ canVoid: false, canCredit: false });
    expect(invoiceActions({ kind: 'credit_note', status: 'issued', creditNotes: [] })).toEqual({ canVoid: false, canCredit: false });
  });

  it.each([
    { today: '2026-03-15', from: '2026-02-01', to: '2026-02-28' },
    { today: '2024-03-01', from: '2024-02-01', to: '2024-02-29' },
    { today: '2026-01-10', from: '2025-12-01', to: '2025-12-31' },
  ])('on $today the period offered is last month', ({ today, from, to }) => {
    expect(previousMonthPeriod(today)).toEqual({ from, to });
    expect(previousMonth(today)).toBe(from.slice(0, 7));
  });
});

describe('the period an invoice on demand offers', () => {
  const invoice = (periodEnd: string, status: 'issued' | 'void' = 'issued', kind: 'invoice' | 'credit_note' = 'invoice') => ({ periodEnd, status, kind });

  it.each([
    { case: 'never invoiced: last month to today', invoices: [], from: '2026-02-01', to: '2026-03-15' },
    { case: 'after the last standing invoice', invoices: [invoice('2026-02-19'), invoice('2026-01-19')], from: '2026-02-20', to: '2026-03-15' },
    { case: 'a void invoice does not count', invoices: [invoice('2026-03-01', 'void'), invoice('2026-02-19')], from: '2026-02-20', to: '2026-03-15' },
    { case: 'a credit note does not count', invoices: [invoice('2026-03-10', 'issued', 'credit_note'), invoice('2026-02-28')], from: '2026-03-01', to: '2026-03-15' },
    { case: 'invoiced up to today: tomorrow alone', invoices: [invoice('2026-03-15')], from: '2026-03-16', to: '2026-03-16' },
  ])('$case', ({ invoices, from, to }) => {
    expect(nextInvoicePeriod(invoices, '2026-03-15')).toEqual({ from, to });
  });
});
