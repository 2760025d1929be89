import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chargeLines, composeInvoice, computeTaxes, taxableBase, taxOn, toCents, type InvoiceEntry, type LedgerKind } from '../../../main/engine/invoice';

const KINDS: LedgerKind[] = ['payment', 'charge', 'setup_fee', 'monthly_fee', 'did_monthly_fee', 'did_setup_fee', 'calls', 'reversal', 'credit', 'opening'];
const SIGN: Record<LedgerKind, 1 | -1> = { payment: 1, credit: 1, charge: -1, setup_fee: -1, monthly_fee: -1, did_monthly_fee: -1, did_setup_fee: -1, calls: -1, reversal: 1, tax: -1, opening: 1 };

const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-11-${String(d).padStart(2, '0')}`);
const entry = fc
  .record({ kind: fc.constantFrom(...KINDS), micros: fc.integer({ min: 0, max: 50_000_000_000 }), occurredOn: day, reversedKind: fc.constantFrom<LedgerKind>('charge', 'payment', 'calls', 'monthly_fee') })
  .map(({ kind, micros, occurredOn, reversedKind }, index?: number): Omit<InvoiceEntry, 'id'> => ({
    kind,
    amount: kind === 'reversal' ? -SIGN[reversedKind] * micros : SIGN[kind] * micros,
    description: `${kind} ${index ?? ''}`,
    occurredOn,
    reversedKind: kind === 'reversal' ? reversedKind : null,
  }));
const ledger = fc.array(entry, { maxLength: 40 }).map((entries) => entries.map((item, index): InvoiceEntry => ({ ...item, id: index + 1 })));
const taxList = fc.array(fc.record({ name: fc.constantFrom('GST', 'QST', 'HST', 'VAT'), rateE4: fc.integer({ min: 0, max: 300_000 }) }), { maxLength: 3 });
const period = { from: '2026-11-10', to: '2026-11-28' };

/** What issuing does, without a database: the lines, the taxes posted as entries, the totals. */
function invoiceOf(opening: number, entries: InvoiceEntry[], rates: { name: string; rateE4: number }[]) {
  // The grouped calls explain the period's posted call days exactly (nothing awaits posting).
  const callsInPeriod = entries.filter((item) => item.kind === 'calls' && item.occurredOn >= period.from);
  const groups = callsInPeriod.length === 0 ? [] : [{ destination: 'Canada', calls: callsInPeriod.length, billedSeconds: 60 * callsInPeriod.length, charge: -callsInPeriod.reduce((sum, item) => sum + item.amount, 0) }];
  const lines = chargeLines(period, entries, groups);
  const taxes = computeTaxes(taxableBase(lines), rates);
  const taxLines = taxes.map((tax) => ({ section: 'taxes' as const, date: null, description: tax.name, count: null, billedSeconds: null, amount: tax.amount }));
  return { invoice: composeInvoice({ opening, lines: [...lines, ...taxLines], taxes }), taxes };
}

describe('invoice arithmetic (property)', () => {
  it('opening + payments + credits − charges − taxes = closing, to the micro, and the lines hold every entry once', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), ledger, taxList, (opening, entries, rates) => {
        const { invoice, taxes } = invoiceOf(opening, entries, rates);
        const entriesSum = entries.reduce((sum, item) => sum + item.amount, 0);
        const taxSum = taxes.reduce((sum, tax) => sum + tax.amount, 0);
        // In the terms: what is owed grows by charges and taxes and shrinks by payments and credits.
        // `+ 0` on both sides: a zero balance may come out as -0, the same amount.
        expect(-invoice.opening + invoice.subtotal + invoice.taxTotal - invoice.payments - invoice.credits + 0).toBe(-invoice.closing + 0);
        expect(invoice.closing + 0).toBe(opening + entriesSum - taxSum + 0);
        // Every line is one entry (or a group of the period's calls): their sum is the balance change.
        expect(invoice.lines.reduce((sum, line) => sum + line.amount, 0) + 0).toBe(opening - invoice.closing + 0);
        expect(invoice.totalDue + 0).toBe(Math.max(0, -invoice.closing) + 0);
        // The printed 2-decimal figures add up to the printed closing balance with the rounding line.
        const printed = toCents(opening) - toCents(invoice.subtotal) - taxes.reduce((sum, tax) => sum + toCents(tax.amount), 0) + toCents(invoice.payments) + toCents(invoice.credits);
        expect(printed * 10_000 + invoice.rounding + 0).toBe(toCents(invoice.closing) * 10_000 + 0);
        expect(Math.abs(invoice.rounding)).toBeLessThanOrEqual(10_000 * (3 + taxes.length));
      }),
      { numRuns: 500 },
    );
  });

  it('chains: the closing balance of one invoice is the opening of the next, whatever the split of the ledger', () => {
    fc.assert(
      fc.property(ledger, ledger, taxList, (first, second, rates) => {
        const one = invoiceOf(0, first, rates).invoice;
        const two = invoiceOf(one.closing, second, rates).invoice;
        const all = [...first, ...second].reduce((sum, item) => sum + item.amount, 0);
        const allTaxes = one.taxTotal + two.taxTotal;
        expect(two.opening + 0).toBe(one.closing + 0);
        expect(two.closing + 0).toBe(all - allTaxes + 0);
      }),
      { numRuns: 300 },
    );
  });

  it('taxes are half-up to a micro on the charges; nothing on a credit base', () => {
    expect(taxOn(10_000_000, 99_750)).toBe(997_500);
    expect(taxOn(1, 50_000)).toBe(0); // 0.05 micro
    expect(taxOn(10, 50_000)).toBe(1); // 0.5 micro → 1
    expect(taxOn(258_750_000, 99_750)).toBe(25_810_313);
    expect(computeTaxes(0, [{ name: 'GST', rateE4: 50_000 }])).toEqual([]);
    expect(toCents(5_000)).toBe(1);
    expect(toCents(-5_000)).toBe(-1);
    expect(toCents(4_999)).toBe(0);
  });

  it('a late call day (before the period) is one line of its own; calls awaiting posting show as a difference', () => {
    const lines = chargeLines(
      period,
      [
        { id: 1, kind: 'calls', amount: -1_500_000, description: 'Calls 11-02', occurredOn: '2026-11-02', reversedKind: null },
        { id: 2, kind: 'calls', amount: -2_000_000, description: 'Calls 11-12', occurredOn: '2026-11-12', reversedKind: null },
      ],
      [{ destination: 'France', calls: 3, billedSeconds: 240, charge: 2_500_000 }],
    );
    expect(lines.map((line) => [line.description, line.amount])).toEqual([
      ['France', 2_500_000],
      ['Calls charged on the ledger differ from the rated calls (awaiting posting)', -500_000],
      ['Late calls and corrections from 2026-11-02 to before 2026-11-10', 1_500_000],
    ]);
  });
});
