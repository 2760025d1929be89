import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../db/open';
import { numberingFacts } from '../../../main/services/dbCopy/checks';
import { csvField, csvLine } from '../../../main/services/dbCopy/rows';
import { copyOrder, readSourceTables } from '../../../main/services/dbCopy/tables';

// Issue 16, `db copy`: the pure pieces — the order the tables go in, the CSV COPY reads, the invoice numbering's facts.

const table = (name: string, ...references: string[]) => ({ name, references });
const names = (tables: { name: string }[]): string[] => tables.map((entry) => entry.name);

describe('copyOrder', () => {
  it('puts every table after the tables it references, by name among those free to go', () => {
    expect(names(copyOrder([table('calls', 'clients', 'packages'), table('packages'), table('clients'), table('audit')]))).toEqual(['audit', 'clients', 'packages', 'calls']);
    // `b` is freed by `c`, and goes before `d` though it was not free when `d` was.
    expect(names(copyOrder([table('b', 'c'), table('c'), table('d')]))).toEqual(['c', 'b', 'd']);
  });

  it('leaves a self-reference to the rows order (a reversal after what it reverses)', () => {
    expect(names(copyOrder([table('ledger_entries', 'ledger_entries', 'clients'), table('clients')]))).toEqual(['clients', 'ledger_entries']);
  });

  it('refuses a circle and a reference to a table the source lacks', () => {
    expect(() => copyOrder([table('a', 'b'), table('b', 'a'), table('c')])).toThrow(/a, b reference each other in a circle/);
    expect(() => copyOrder([table('a', 'ghost')])).toThrow(/references ghost/);
  });

  it('orders any acyclic schema so that references come first', () => {
    const schema = fc
      .integer({ min: 1, max: 12 })
      .chain((size) =>
        fc.tuple(...Array.from({ length: size }, (_, index) => fc.subarray(Array.from({ length: index }, (_, earlier) => `t${earlier}`)))),
      );
    fc.assert(
      fc.property(schema, (references) => {
        const tables = references.map((refs, index) => table(`t${index}`, ...refs)).reverse();
        const order = names(copyOrder(tables));
        expect([...order].sort()).toEqual(names(tables).sort());
        for (const entry of tables) for (const ref of entry.references) expect(order.indexOf(ref)).toBeLessThan(order.indexOf(entry.name));
      }),
    );
  });

  it('orders the app\'s own schema, every foreign key after its table, SQLite\'s bookkeeping left out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rc-copy-order-'));
    const store = await openStore(join(dir, 'order.db'));
    try {
      const tables = readSourceTables(store.sqlite);
      const order = names(copyOrder(tables));
      expect(order).toContain('calls');
      expect(order).not.toContain('deferred_indexes');
      expect(order.some((name) => name.startsWith('sqlite_'))).toBe(false);
      expect(order.indexOf('clients')).toBeLessThan(order.indexOf('ledger_entries'));
      expect(order.indexOf('ledger_entries')).toBeLessThan(order.indexOf('invoice_entries'));
      expect(order.indexOf('invoice_logos')).toBeLessThan(order.indexOf('invoices'));
      expect(order.indexOf('subaccounts')).toBeLessThan(order.indexOf('calls'));
      expect(tables.find((entry) => entry.name === 'ledger_totals')?.primaryKey).toEqual(['month', 'kind', 'client_id']);
      expect(tables.find((entry) => entry.name === 'ledger_entries')?.references).not.toContain('ledger_entries');
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('csvField', () => {
  it('writes what COPY … (format csv) reads back as the same value', () => {
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('""');
    expect(csvField('a "b", c\nd')).toBe('"a ""b"", c\nd"');
    expect(csvField('\\N')).toBe('"\\N"');
    expect(csvField(9_007_199_254_740_993n)).toBe('9007199254740993');
    expect(csvField(-42n)).toBe('-42');
    expect(csvField(0.1)).toBe('0.1');
    expect(csvField(Number.NaN)).toBe('NaN');
    expect(csvField(-Infinity)).toBe('-Infinity');
    expect(csvField(Buffer.from([0, 255, 16]))).toBe('\\x00ff10');
    expect(csvField(new Uint8Array(new Uint8Array([1, 2, 3, 4]).buffer, 1, 2))).toBe('\\x0203');
    expect(csvLine([1n, null, 'x'])).toBe('1,,"x"\n');
    expect(() => csvField({})).toThrow(TypeError);
  });
});

describe('numberingFacts', () => {
  it('holds for 1..N with last_number the highest', () => {
    expect(numberingFacts({ numbers: [1, 2, 3], lastNumber: 3, nextNumber: 4 })).toMatchObject({ count: 3, first: 1, last: 3, jumps: [], problems: [] });
    expect(numberingFacts({ numbers: [], lastNumber: 0, nextNumber: 1 })).toMatchObject({ count: 0, first: null, problems: [] });
  });

  it('calls a repeat and a wrong last number problems, and a new series (a jump up) a fact', () => {
    expect(numberingFacts({ numbers: [1, 2, 2, 3], lastNumber: 3, nextNumber: 4 }).problems).toEqual(['invoice number 2 is given twice']);
    expect(numberingFacts({ numbers: [1, 2], lastNumber: 5, nextNumber: 6 }).problems).toEqual(['invoice_numbering.last_number is 5, the highest number issued 2']);
    expect(numberingFacts({ numbers: [1, 2, 1000, 1001], lastNumber: 1001, nextNumber: 1002 })).toMatchObject({ jumps: [[2, 1000]], problems: [] });
  });
});
