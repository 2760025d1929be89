import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InvoicePage, InvoiceSettingsView, InvoiceView } from '../../preload/schemas/invoices';
import { channelCaller } from '../helpers/channels';
import { tempStore, type TempStore } from '../helpers/store';

// FIXED_NOW is 2026-11-25.
let temp: TempStore;
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(() => temp.cleanup());

const { call, ok } = channelCaller(() => temp.table);

const settings = {
  companyName: 'Northwind Telecom',
  companyAddress: '10 Main Street\nMontreal QC H2X 1Y4\nCanada',
  companyEmail: 'billing@northwind.example',
  companyPhone: '+1 514 555 0199',
  taxNumber: 'GST 123456789 RT0001',
  logo: null,
  numberPrefix: 'NW-',
  nextNumber: 100,
  paper: 'A4',
  paymentInstructions: 'Pay by bank transfer to account 12345, reference your invoice number.',
  defaultTaxes: [
    { name: 'GST', rate: '5' },
    { name: 'QST', rate: '9.975' },
  ],
  issueOnCycleClose: true,
};

async function newClient(email = 'alice@example.com'): Promise<number> {
  return (await ok<{ id: number }>('clients.create', { firstName: 'Alice', lastName: 'Martin', email, balanceMode: 'soft', company: 'Acme', street: '1 Rue X', city: 'Laval' })).id;
}

const balance = async (id: number) => (await ok<{ balance: string }>('clients.get', { id })).balance;

describe('invoice settings', () => {
  it('saves the settings and numbers from the start given, never back onto an issued number', async () => {
    const saved = await ok<InvoiceSettingsView>('invoices.saveSettings', settings);
    expect(saved).toMatchObject({ nextNumber: 100, minNextNumber: 1, defaultTaxes: [{ name: 'GST', rate: '5' }, { name: 'QST', rate: '9.975' }] });
    const a = await newClient();
    await ok('clients.charge', { clientId: a, amount: '10' });
    const invoice = await ok<InvoiceView>('invoices.issue', { clientId: a, from: '2026-11-01', to: '2026-11-25' });
    expect(invoice.number).toBe('NW-000100');
    const refused = await call('invoices.saveSettings', { ...settings, nextNumber: 100 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'nextNumber' }] } });
    expect(await ok('invoices.settings')).toMatchObject({ nextNumber: 101, minNextNumber: 101 });
  });

  it("a client's own taxes replace the default list; null gives it back", async () => {
    await ok('invoices.saveSettings', settings);
    const a = await newClient();
    expect(await ok('invoices.clientTaxes', { id: a })).toBeNull();
    expect(await ok('invoices.setClientTaxes', { clientId: a, taxes: [{ name: 'HST', rate: '13' }] })).toEqual([{ name: 'HST', rate: '13' }]);
    await ok('clients.charge', { clientId: a, amount: '10' });
    const invoice = await ok<InvoiceView>('invoices.issue', { clientId: a, from: '2026-11-01', to: '2026-11-25' });
    expect(invoice.taxes).toEqual([{ name: 'HST', rate: '13', amount: '1.300000' }]);
    expect(await ok('invoices.setClientTaxes', { clientId: a, taxes: null })).toBeNull();
  });
});

describe('issuing', () => {
  it('an invoice on demand: lines by section, taxes posted to the ledger, totals that add up to the micro', async () => {
    await ok('invoices.saveSettings', settings);
    const a = await newClient();
    await ok('clients.payment', { clientId: a, amount: '20' });
    await ok('clients.charge', { clientId: a, amount: '10', description: 'Porting fee' });
    const invoice = await ok<InvoiceView>('invoices.issue', { clientId: a, from: '2026-11-01', to: '2026-11-25' });
    expect(invoice).toMatchObject({
      kind: 'invoice',
      status: 'issued',
      openingBalance: '0.000000',
      subtotal: '10.000000',
      payments: '20.000000',
      taxes: [
        { name: 'GST', rate: '5', amount: '0.500000' },
        { name: 'QST', rate: '9.975', amount: '0.997500' },
      ],
      closingBalance: '8.502500',
      totalDue: '0.000000',
      companyBlock: ['Northwind Telecom', '10 Main Street', 'Montreal QC H2X 1Y4', 'Canada', '+1 514 555 0199', 'billing@northwind.example', 'Tax number: GST 123456789 RT0001'],
      clientBlock: ['Alice Martin', 'Acme', '1 Rue X', 'Laval', 'alice@example.com'],
    });
    expect(invoice.lines.map((line) => [line.section, line.amount])).toEqual([
      ['charges', '10.000000'],
      ['taxes', '0.500000'],
      ['taxes', '0.997500'],
      ['payments', '20.000000'],
    ]);
    // The ledger holds the taxes; the closing balance is the client's balance.
    expect(await balance(a)).toBe('8.502500');
    expect(await ok<InvoicePage>('invoices.list', { clientId: a })).toMatchObject({ total: 1, rows: [{ number: 'NW-000100' }] });
    // Periods never overlap.
    expect(await call('invoices.issue', { clientId: a, from: '2026-11-20', to: '2026-11-25' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('a billing run issues the invoice of the cycle it closes, in its transaction, and says so', async () => {
    await ok('invoices.saveSettings', settings);
    const a = await newClient();
    await ok('clients.payment', { clientId: a, amount: '100' });
    const pkg = await ok<{ id: number }>('packages.create', { name: 'Basic', markupFixed: '0', markupPercent: '20', pulseSeconds: 60, monthlyFee: '10', setupFee: '5' });
    await ok('clients.connectPackage', { clientId: a, packageId: pkg.id, nextBillingDate: '2026-11-30', chargeSetupNow: true });
    const run = await ok('billing.run', { date: '2026-11-30' });
    expect(run).toMatchObject({ cyclesClosed: 1, invoicesIssued: 1 });
    const page = await ok<InvoicePage>('invoices.list', { clientId: a });
    const invoice = await ok<InvoiceView>('invoices.get', { id: page.rows[0]!.id });
    // The cycle [11-25, 11-30) is invoiced as 11-25 … 11-29; the fee charged on 11-30 pays the next cycle.
    expect(invoice).toMatchObject({ periodStart: '2026-11-25', periodEnd: '2026-11-29', subtotal: '5.000000', payments: '100.000000' });
  });
});
