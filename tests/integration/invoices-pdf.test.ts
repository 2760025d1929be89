import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlerTable } from '../../main/handlers/index';
import { exportsFolder } from '../../main/services/exportTargets';
import { centsText } from '../../main/services/invoices/pdf';
import { micros } from '../../main/money';
import type { InvoiceCsvFile, InvoicePdfFile, InvoiceView } from '../../preload/schemas/invoices';
import { parse } from 'csv-parse/sync';
import { channelCaller } from '../helpers/channels';
import { postEntry } from '../helpers/money';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';

let temp: TempStore;
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(() => temp.cleanup());

const { ok } = channelCaller(() => temp.table);

const settings = {
  companyName: 'Northwind Telecom Inc.',
  companyAddress: '1250 René-Lévesque Blvd W\nMontréal QC H3B 4W8',
  companyEmail: 'billing@northwind.example',
  companyPhone: '+1 514 555 0199',
  taxNumber: 'GST 123456789 RT0001',
  logo: null,
  numberPrefix: 'NW-',
  nextNumber: 7,
  paper: 'A4',
  paymentInstructions: 'Bank transfer to account 1234567, reference: the invoice number.',
  defaultTaxes: [
    { name: 'GST', rate: '5' },
    { name: 'QST', rate: '9.975' },
  ],
  issueOnCycleClose: true,
};

async function post(clientId: number, kind: 'payment' | 'charge' | 'calls' | 'monthly_fee' | 'did_monthly_fee', amount: number, occurredOn: string, description: string): Promise<void> {
  const entry = { clientId, kind, amount: micros(amount), description, occurredOn };
  await postEntry(temp.store, entry, FIXED_NOW.toISOString());
}

async function clientWith(lines: number): Promise<number> {
  const a = (await ok<{ id: number }>('clients.create', { firstName: 'Zoé', lastName: 'Tremblay', email: 'zoe@example.com', balanceMode: 'soft', company: 'Café Atlas' })).id;
  await post(a, 'payment', 250_000_000, '2026-11-02', 'Wire transfer 88213');
  await post(a, 'monthly_fee', -29_990_000, '2026-11-01', 'Monthly fee: Business (from 2026-11-01)');
  await post(a, 'did_monthly_fee', -1_950_000, '2026-11-01', 'DID monthly fee: +15145550101');
  for (let index = 0; index < lines; index += 1) await post(a, 'charge', -(1_234_567 + index * 1_111), `2026-11-${String(3 + (index % 20)).padStart(2, '0')}`, `Service charge ${index + 1}`);
  return a;
}

function pdfText(file: InvoicePdfFile): string {
  const path = join(temp.dir, file.fileName);
  writeFileSync(path, Buffer.from(file.base64, 'base64'));
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

const micro = (text: string): number => Number(text.replace('.', ''));

describe('invoice PDF', () => {
  it('prints every total the ledger holds, to the cent (read back with pdftotext)', async () => {
    await ok('invoices.saveSettings', settings);
    const a = await clientWith(5);
    const invoice = await ok<InvoiceView>('invoices.issue', { clientId: a, from: '2026-11-01', to: '2026-11-24' });
    const text = pdfText(await ok<InvoicePdfFile>('invoices.pdf', { id: invoice.id }));
    // The ledger: the client's balance is the closing balance, the taxes are its tax entries.
    const ledger = await temp.store.db.selectFrom('ledger_entries').select(['kind', 'amount_micros']).where('client_id', '=', a).execute();
    const sum = (kinds: string[]) => ledger.filter((entry) => kinds.includes(entry.kind)).reduce((total, entry) => total + entry.amount_micros, 0);
    const charges = -sum(['charge', 'monthly_fee', 'did_monthly_fee']);
    const taxes = ledger.filter((entry) => entry.kind === 'tax').map((entry) => -entry.amount_micros);
    const closing = sum(['charge', 'monthly_fee', 'did_monthly_fee', 'payment', 'tax']);
    expect(micro(invoice.subtotal)).toBe(charges);
    expect(micro(invoice.closingBalance)).toBe(closing);
    const row = (label: string, amount: number) => new RegExp(`${label}\\s+${centsText(amount).replace(/[.]/g, '\\.')}\\b`);
    expect(text).toMatch(row('Opening balance', 0));
    expect(text).toMatch(row('Charges', -charges));
    expect(text).toMatch(new RegExp(`GST 5 % on ${centsText(charges).replace('.', '\\.')}\\s+${centsText(-taxes[0]!).replace('.', '\\.')}`));
    expect(text).toMatch(new RegExp(`QST 9\\.975 % on ${centsText(charges).replace('.', '\\.')}\\s+${centsText(-taxes[1]!).replace('.', '\\.')}`));
    expect(text).toMatch(row('Payments received', 250_000_000));
    expect(text).toMatch(row('Closing balance', closing));
    expect(text).toMatch(new RegExp(`Amount due\\s+USD ${centsText(Math.max(0, -closing)).replace('.', '\\.')}`));
    expect(text).toMatch(row('Package fees total', 29_990_000));
    expect(text).toContain('NW-000007');
    expect(text).toContain('Café Atlas');
    expect(text).toMatch(/Page 1 of [12]\b/);
    // The printed figures add up (with the rounding line when there is one).
    const printedTaxes = taxes.reduce((total, tax) => total + Number(centsText(tax).replace(/,/g, '')), 0);
    const printed = -Number(centsText(charges).replace(/,/g, '')) - printedTaxes + 250 + (invoice.rounding === null ? 0 : Number(invoice.rounding));
    expect(printed.toFixed(2)).toBe(centsText(closing).replace(/,/g, ''));
  });

  it('its CSV holds the same lines and the same summary as the PDF, to the cent, and the exact figures add up to the ledger to the micro', async () => {
    await ok('invoices.saveSettings', settings);
    const a = await clientWith(7);
    const invoice = await ok<InvoiceView>('invoices.issue', { clientId: a, from: '2026-11-01', to: '2026-11-24' });
    const file = await ok<InvoiceCsvFile>('invoices.csv', { id: invoice.id });
    const text = pdfText(await ok<InvoicePdfFile>('invoices.pdf', { id: invoice.id }));
    const [header, ...rows] = parse(file.csv) as string[][];
    expect(header).toEqual(['Invoice', 'Section', 'Date', 'Description', 'Calls', 'Minutes', 'Amount', 'Exact amount']);
    expect(rows).toHaveLength(file.rows);
    expect(rows.every((row) => row[0] === invoice.number)).toBe(true);
    const summary = new Map(rows.filter((row) => row[1] === 'Summary').map((row) => [row[3]!, { printed: row[6]!, exact: micro(row[7]!) }]));
    // Every summary row is printed in the PDF with the same figure.
    for (const [label, amount] of summary) {
      const printed = Number(amount.printed).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      expect(text).toMatch(new RegExp(`${label.replace(/[.()]/g, '\\$&')}\\s+(USD )?${printed.replace(/[.]/g, '\\.')}\\b`));
    }
    // The ledger, to the micro: closing = the client's balance; opening + lines = closing.
    const balance = (await temp.store.db.selectFrom('clients').select('balance_micros').where('id', '=', a).executeTakeFirstOrThrow()).balance_micros;
    expect(summary.get('Closing balance')!.exact).toBe(balance);
    const lineSum = rows.filter((row) => row[1] !== 'Summary').reduce((total, row) => total + (['Payments received', 'Credits'].includes(row[1]!) ? 1 : -1) * micro(row[7]!), 0);
    expect(summary.get('Opening balance')!.exact + lineSum).toBe(balance);
    expect(micro(invoice.closingBalance)).toBe(balance);
    // A line per ledger entry: the 7 charges, the fees, the payment and the two taxes.
    expect(rows.filter((row) => row[1] !== 'Summary')).toHaveLength(7 + 2 + 1 + 2);
  });

  it('a 500-line invoice spans pages, the table header on each, "Page n of N" on each', async () => {
    await ok('invoices.saveSettings', settings);
    const a = await clientWith(500);
    const invoice = await ok<InvoiceView>('invoices.issue', { clientId: a, from: '2026-11-01', to: '2026-11-24' });
    expect(invoice.lines).toHaveLength(500 + 2 + 2 + 1);
    const file = await ok<InvoicePdfFile>('invoices.pdf', { id: invoice.id });
    expect(file.pages).toBeGreaterThanOrEqual(10);
    expect(file.pages).toBeLessThanOrEqual(14);
    const pages = pdfText(file).split('\f').filter((page) => page.trim() !== '');
    expect(pages).toHaveLength(file.pages);
    pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} of ${file.pages}`);
      // The header repeats wherever the table goes on (the last page may hold only the totals).
      if (index < pages.length - 1) expect(page).toMatch(/Date\s+Description\s+Calls\s+Minutes\s+Amount \(USD\)/);
    });
    const all = pages.join('\n');
    for (const n of [1, 250, 500]) expect(all).toMatch(new RegExp(`Service charge ${n}\\s+${centsText(1_234_567 + (n - 1) * 1_111).replace('.', '\\.')}`));
  });

  it('gives identical bytes for the same invoice, whenever it is made; Letter differs from A4', async () => {
    await ok('invoices.saveSettings', { ...settings, logo: `data:image/png;base64,${readFileSync('docs/client-manage.png').toString('base64')}` });
    const a = await clientWith(30);
    const invoice = await ok<InvoiceView>('invoices.issue', { clientId: a, from: '2026-11-01', to: '2026-11-24' });
    const first = await ok<InvoicePdfFile>('invoices.pdf', { id: invoice.id });
    const later = channelCaller(() => createHandlerTable({ store: temp.store, host: 'headless', now: () => new Date('2027-03-01T08:00:00Z') }));
    const second = await later.ok<InvoicePdfFile>('invoices.pdf', { id: invoice.id });
    expect(second.base64).toBe(first.base64);
    const letter = await ok<InvoicePdfFile>('invoices.pdf', { id: invoice.id, paper: 'Letter' });
    expect(letter.base64).not.toBe(first.base64);
    expect(Buffer.from(letter.base64, 'base64').toString('latin1')).toMatch(/\/MediaBox \[0 0 612 792\]/);
    const bytes = Buffer.from(first.base64, 'base64').toString('latin1');
    // Dated the issue day (pdfkit writes the date as its own object), whatever the clock says.
    expect(bytes).toMatch(/\/CreationDate \d+ 0 R/);
    expect(bytes).toContain('(D:20261125000000Z)');
    expect(bytes).not.toContain('(D:2027');
    // The fonts are embedded (subsets of the committed DejaVu Sans), never a viewer's own.
    expect(bytes).toMatch(/\/FontFile2/);
    expect(bytes).toMatch(/DejaVuSans/);
  });

  it('exports every invoice of a month into a folder, with progress; each file the bytes of its invoice, logo and all', async () => {
    await ok('invoices.saveSettings', { ...settings, logo: `data:image/png;base64,${readFileSync('docs/client-manage.png').toString('base64')}` });
    const events: { done: number; total: number }[] = [];
    const dir = join(temp.dir, 'out');
    const { EventBus } = await import('../../main/events');
    const bus = new EventBus();
    bus.listen((name, payload) => {
      if (name === 'invoices.exportProgress') events.push(payload as { done: number; total: number });
    });
    const table = createHandlerTable({ store: temp.store, host: 'headless', now: () => FIXED_NOW, events: bus, exports: exportsFolder(dir) });
    const caller = channelCaller(() => table);
    const a = await clientWith(2);
    const issued = [
      await caller.ok<InvoiceView>('invoices.issue', { clientId: a, from: '2026-11-01', to: '2026-11-10' }),
      await caller.ok<InvoiceView>('invoices.issue', { clientId: a, from: '2026-11-11', to: '2026-11-24' }),
    ];
    const result = await caller.ok('invoices.exportMonth', { month: '2026-11' });
    expect(result).toMatchObject({ month: '2026-11', files: 2, folder: join(dir, 'invoices-2026-11') });
    expect(readdirSync(join(dir, 'invoices-2026-11')).sort()).toEqual(['NW-000007-Zo-Tremblay.pdf', 'NW-000008-Zo-Tremblay.pdf']);
    expect(events.map((event) => `${event.done}/${event.total}`)).toEqual(['0/2', '1/2', '2/2']);
    // Made on a worker (reading the SQLite file, or printing what main read from PostgreSQL): the same bytes as invoices.pdf.
    for (const invoice of issued) {
      const single = await caller.ok<InvoicePdfFile>('invoices.pdf', { id: invoice.id });
      expect(readFileSync(join(dir, 'invoices-2026-11', single.fileName)).equals(Buffer.from(single.base64, 'base64'))).toBe(true);
    }
    expect(await caller.call('invoices.exportMonth', { month: '2026-10' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
