import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { micros } from '../../main/money';
import type { InvoicePage, InvoiceSettingsView, InvoiceView } from '../../preload/schemas/invoices';
import { channelCaller } from '../helpers/channels';
import { postEntry } from '../helpers/money';
import { fillBalanceToLimitIn } from '../helpers/seed';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';

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

// ---- Numbering, immutability, corrections, the chain on a real database.

async function post(clientId: number, kind: 'payment' | 'charge' | 'calls' | 'monthly_fee', amount: number, occurredOn: string, description: string = kind): Promise<number> {
  const entry = { clientId, kind, amount: micros(amount), description, occurredOn };
  const id = await postEntry(temp.store, entry, FIXED_NOW.toISOString());
  if (id === null) throw new Error('the door wrote nothing');
  return id;
}

describe('numbering', () => {
  it('is gapless under concurrent issuing and failures: a failed issue gives its number back', async () => {
    await ok('invoices.saveSettings', { ...settings, nextNumber: 1 });
    const clients: number[] = [];
    for (let index = 0; index < 8; index += 1) {
      const id = await newClient(`c${index}@example.com`);
      await post(id, 'charge', -10_000_000, '2026-11-10');
      clients.push(id);
    }
    // Two clients whose tax the ledger door refuses (their balance at the limit): their issue fails after taking a number.
    await fillBalanceToLimitIn(temp.store.db, clients[2]!, '2026-11-01');
    await fillBalanceToLimitIn(temp.store.db, clients[5]!, '2026-11-01');
    const results = await Promise.all(clients.map((clientId) => call('invoices.issue', { clientId, from: '2026-11-01', to: '2026-11-20' })));
    expect(results.filter((result) => !result.ok)).toHaveLength(2);
    const numbers = (await ok<InvoicePage>('invoices.list', {})).rows.map((row) => row.number).sort();
    expect(numbers).toEqual(['NW-000001', 'NW-000002', 'NW-000003', 'NW-000004', 'NW-000005', 'NW-000006']);
    expect(await ok('invoices.settings')).toMatchObject({ nextNumber: 7, minNextNumber: 7 });
    // Nothing of the failed issues stayed: no tax entries, no claims.
    const taxes = await temp.store.db.selectFrom('ledger_entries').select('client_id').where('kind', '=', 'tax').execute();
    expect(new Set(taxes.map((tax) => tax.client_id))).toEqual(new Set(clients.filter((_, index) => index !== 2 && index !== 5)));
  });
});

describe('an issued invoice', () => {
  async function issued() {
    await ok('invoices.saveSettings', settings);
    const a = await newClient();
    await post(a, 'payment', 50_000_000, '2026-11-02', 'Cheque 1001');
    await post(a, 'calls', -12_345_678, '2026-11-05', 'Calls of 2026-11-05');
    await post(a, 'charge', -10_000_000, '2026-11-08', 'Porting fee');
    const invoice = await ok<InvoiceView>('invoices.issue', { clientId: a, from: '2026-11-01', to: '2026-11-10' });
    return { a, invoice };
  }

  it('never changes: later entries, even dated in its period, land on the next invoice; the row refuses updates', async () => {
    const { a, invoice } = await issued();
    await post(a, 'calls', -1_000_000, '2026-11-06', 'Late calls of 2026-11-06');
    await post(a, 'payment', 5_000_000, '2026-11-15', 'Cheque 1002');
    await ok('clients.charge', { clientId: a, amount: '3' });
    expect(await ok('invoices.get', { id: invoice.id })).toEqual(invoice);
    const { db } = temp.store;
    await expect(db.updateTable('invoices').set({ closing_micros: 0 }).where('id', '=', invoice.id).execute()).rejects.toThrow(/immutable/);
    await expect(db.updateTable('invoice_lines').set({ amount_micros: 0 }).where('invoice_id', '=', invoice.id).execute()).rejects.toThrow(/immutable/);
    await expect(db.deleteFrom('invoices').where('id', '=', invoice.id).execute()).rejects.toThrow(/never deleted/);
    const next = await ok<InvoiceView>('invoices.issue', { clientId: a, from: '2026-11-11', to: '2026-11-25' });
    expect(next.openingBalance).toBe(invoice.closingBalance);
    expect(next.lines.find((line) => line.section === 'calls')).toMatchObject({ description: 'Late calls and corrections from 2026-11-06 to before 2026-11-11', amount: '1.000000' });
    // The chain ends at the ledger: the last closing balance is the client's balance.
    expect(next.closingBalance).toBe(await balance(a));
    // Every ledger entry is on exactly one invoice.
    const entries = await temp.store.db.selectFrom('ledger_entries').select('id').where('client_id', '=', a).execute();
    const claims = await temp.store.db.selectFrom('invoice_entries').select('ledger_entry_id').where('released_at', 'is', null).execute();
    expect(claims.map((claim) => claim.ledger_entry_id).sort((x, y) => x - y)).toEqual(entries.map((entry) => entry.id).sort((x, y) => x - y));
  });

  it('void keeps the number, reverses its taxes, and its entries land on the next invoice', async () => {
    const { a, invoice } = await issued();
    const before = await balance(a);
    const voided = await ok<InvoiceView>('invoices.void', { id: invoice.id, reason: 'Wrong period' });
    expect(voided).toMatchObject({ number: invoice.number, status: 'void', voidReason: 'Wrong period', closingBalance: invoice.closingBalance });
    const taxTotal = invoice.taxes.reduce((sum, tax) => sum + Number(tax.amount), 0);
    expect(Number(await balance(a))).toBeCloseTo(Number(before) + taxTotal, 6);
    expect(await call('invoices.void', { id: invoice.id, reason: 'again' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const again = await ok<InvoiceView>('invoices.issue', { clientId: a, from: '2026-11-01', to: '2026-11-12' });
    expect(again.number).not.toBe(invoice.number);
    expect(again).toMatchObject({ openingBalance: '0.000000', subtotal: invoice.subtotal, taxes: invoice.taxes, closingBalance: await balance(a) });
    // Only the latest invoice can be voided; the older one takes a credit note.
    const later = await ok<InvoiceView>('invoices.issue', { clientId: a, from: '2026-11-13', to: '2026-11-20' });
    expect(await call('invoices.void', { id: again.id, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await ok<InvoiceView>('invoices.void', { id: later.id, reason: 'empty' })).status).toBe('void');
  });

  it('a credit note has its own number, posts a credit, and never credits more than the invoice charged', async () => {
    const { a, invoice } = await issued();
    const charged = (Number(invoice.subtotal) + invoice.taxes.reduce((sum, tax) => sum + Number(tax.amount), 0)).toFixed(6);
    expect(await call('invoices.creditNote', { invoiceId: invoice.id, amount: '100', reason: 'Too much' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const note = await ok<InvoiceView>('invoices.creditNote', { invoiceId: invoice.id, amount: '5', reason: 'Dropped calls' });
    expect(note).toMatchObject({ kind: 'credit_note', number: 'NW-000101', creditFor: { id: invoice.id, number: invoice.number } });
    expect((await ok<InvoiceView>('invoices.get', { id: invoice.id })).creditNotes).toEqual([{ id: note.id, number: 'NW-000101', amount: '5.000000' }]);
    const left = (Number(charged) - 5).toFixed(6);
    expect(await call('invoices.creditNote', { invoiceId: invoice.id, amount: (Number(left) + 0.01).toFixed(2), reason: 'x' })).toMatchObject({ ok: false });
    await ok('invoices.creditNote', { invoiceId: invoice.id, amount: left, reason: 'The rest' });
    expect(await call('invoices.void', { id: invoice.id, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // The credits land on the next invoice, under credits.
    const next = await ok<InvoiceView>('invoices.issue', { clientId: a, from: '2026-11-11', to: '2026-11-25' });
    expect(next.lines.filter((line) => line.section === 'credits').map((line) => line.amount)).toEqual(['5.000000', left]);
    expect(next.closingBalance).toBe(await balance(a));
  });
});

describe('the chain on generated ledgers (property, on the database)', () => {
  it('opening(next) = closing(previous), and the last closing is the ledger balance, whatever the dates of the entries', async () => {
    await ok('invoices.saveSettings', settings);
    const kinds = ['payment', 'charge', 'calls', 'monthly_fee'] as const;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ kind: fc.constantFrom(...kinds), amount: fc.integer({ min: 1, max: 90_000_000 }), day: fc.integer({ min: 1, max: 25 }), after: fc.integer({ min: 0, max: 3 }) }), { maxLength: 25 }),
        async (generated) => {
          run += 1;
          const a = await newClient(`p${run}@example.com`);
          const periods = [['2026-11-01', '2026-11-07'], ['2026-11-08', '2026-11-14'], ['2026-11-15', '2026-11-21'], ['2026-11-22', '2026-11-25']] as const;
          const issuedViews: InvoiceView[] = [];
          for (const [index, [from, to]] of periods.entries()) {
            // Entries written before this invoice, dated anywhere up to today: late ones too.
            for (const item of generated.filter((entry) => entry.after === index)) {
              const sign = item.kind === 'payment' ? 1 : -1;
              await post(a, item.kind, sign * item.amount, `2026-11-${String(item.day).padStart(2, '0')}`);
            }
            issuedViews.push(await ok<InvoiceView>('invoices.issue', { clientId: a, from, to }));
          }
          for (let index = 1; index < issuedViews.length; index += 1) expect(issuedViews[index]!.openingBalance).toBe(issuedViews[index - 1]!.closingBalance);
          expect(issuedViews.at(-1)!.closingBalance).toBe(await balance(a));
          for (const view of issuedViews) {
            const exact = (text: string) => BigInt(text.replace('.', ''));
            const taxes = view.taxes.reduce((sum, tax) => sum + exact(tax.amount), 0n);
            const credits = view.lines.filter((line) => line.section === 'credits').reduce((sum, line) => sum + exact(line.amount), 0n);
            expect(exact(view.openingBalance) - exact(view.subtotal) - taxes + exact(view.payments) + credits).toBe(exact(view.closingBalance));
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});
