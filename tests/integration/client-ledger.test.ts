import { Readable } from 'node:stream';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseCdrStream } from '../../main/cdr';
import { runCli } from '../../main/cli/run';
import { micros } from '../../main/money';
import { importInto } from '../../main/services/calls/importInto';
import type { LedgerEntryView, LedgerFile, LedgerPage } from '../../preload/schemas/clients';
import { channelCaller } from '../helpers/channels';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';
import { postEntry } from '../helpers/money';

// FIXED_NOW is 2026-11-25.
let temp: TempStore;
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(() => temp.cleanup());

const { call, ok } = channelCaller(() => temp.table);

const HEADER = 'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid';
const cdr = (date: string, seconds: number, id: string) =>
  [date, '"""Alice"" <5145550100>"', '447700900123', 'Outgoing to UK', '100000_alice', 'ANSWERED', '00:00:00', String(seconds), '0.05000000', '0.05000000', id].join(',');

async function importCsv(lines: string[]) {
  const csv = [HEADER, ...lines].join('\n');
  return importInto(temp.store, parseCdrStream(Readable.from([csv]), 'voipms-csv', { batchSize: 10 }), { source: 'test', format: 'voipms-csv', now: () => FIXED_NOW });
}

/** Alice, HARD, with a package (20 % markup, pulse 60: a UK minute at 0.05 costs her 0.06) and a sub account. */
async function alice(): Promise<number> {
  const pkg = await ok<{ id: number }>('packages.create', { name: 'Home', markupFixed: '0', markupPercent: '20', pulseSeconds: 60 });
  const client = await ok<{ id: number }>('clients.create', { firstName: 'Alice', lastName: 'Martin', email: 'alice@example.com', balanceMode: 'hard' });
  await ok('subaccounts.create', { username: 'alice', clientId: client.id, packageId: pkg.id, nextBillingDate: '2026-12-01' });
  return client.id;
}

const post = (clientId: number, kind: 'payment' | 'charge' | 'monthly_fee' | 'did_setup_fee', amount: number, occurredOn: string, description: string = kind) =>
  postEntry(temp.store, { clientId, kind, amount: micros(amount), description, occurredOn }, FIXED_NOW.toISOString());

const page = (input: Record<string, unknown>) => ok<LedgerPage>('clients.ledger', input);
const toMicros = (text: string): number => Math.round(Number(text) * 1e6);

/** Newest first: each row's balance is the older row's balance plus its own amount; the top one is the client's balance. */
function expectStatement(rows: readonly LedgerEntryView[], balance: string): void {
  for (let index = 0; index < rows.length - 1; index += 1) {
    const row = rows[index]!;
    const older = rows[index + 1]!;
    expect(toMicros(row.runningBalance)).toBe(toMicros(older.runningBalance) + toMicros(row.amount));
    expect(`${row.occurredOn} ${String(row.id).padStart(9, '0')}` > `${older.occurredOn} ${String(older.id).padStart(9, '0')}`).toBe(true);
  }
  const oldest = rows[rows.length - 1];
  if (oldest) expect(oldest.runningBalance).toBe(oldest.amount);
  expect(rows[0]?.runningBalance ?? '0.000000').toBe(balance);
}

describe('clients.ledger: the ledger as a statement', () => {
  it('a late call’s daily charge takes its place by date, below newer payments, and the running balance never jumps', async () => {
    const clientId = await alice();
    await ok('clients.payment', { clientId, amount: '20' }); // 2026-11-25, today
    await importCsv([cdr('2026-11-24 10:00:00', 60, 'c1')]); // yesterday's calls: -0.06
    await post(clientId, 'payment', 5_000_000, '2026-11-25', 'paid at the desk');
    // The provider delivers a call of the 20th late: its daily charge is the newest entry but applies to the 20th.
    await importCsv([cdr('2026-11-20 09:00:00', 120, 'late')]);

    const statement = await page({ clientId });
    expect(statement.rows.map((row) => [row.occurredOn, row.kind, row.amount])).toEqual([
      ['2026-11-25', 'Payment', '5.000000'],
      ['2026-11-25', 'Payment', '20.000000'],
      ['2026-11-24', 'Calls', '-0.060000'],
      ['2026-11-20', 'Calls', '-0.120000'],
    ]);
    expect(statement.rows.map((row) => row.runningBalance)).toEqual(['24.820000', '19.820000', '-0.180000', '-0.120000']);
    expect(statement).toMatchObject({ total: 4, balance: '24.820000' });
    expectStatement(statement.rows, statement.balance);
    // The late charge is the newest entry by id, yet not the first line.
    expect(Math.max(...statement.rows.map((row) => row.id))).toBe(statement.rows[3]!.id);
  });

  it('filters by kind and period without changing any row’s balance, and pages through the same order', async () => {
    const clientId = await alice();
    await post(clientId, 'payment', 100_000_000, '2026-09-01');
    await post(clientId, 'monthly_fee', -10_000_000, '2026-10-01', 'Monthly fee: Home');
    await post(clientId, 'did_setup_fee', -2_500_000, '2026-10-03', 'DID setup fee');
    await post(clientId, 'charge', -1_000_000, '2026-10-15');
    await post(clientId, 'monthly_fee', -10_000_000, '2026-11-01', 'Monthly fee: Home');
    const whole = await page({ clientId });
    const balanceOf = new Map(whole.rows.map((row) => [row.id, row.runningBalance]));

    const fees = await page({ clientId, kind: 'fee' });
    expect(fees.rows.map((row) => [row.occurredOn, row.kind])).toEqual([
      ['2026-11-01', 'Monthly fee'],
      ['2026-10-03', 'DID setup fee'],
      ['2026-10-01', 'Monthly fee'],
    ]);
    expect(fees.total).toBe(3);
    for (const row of fees.rows) expect(row.runningBalance).toBe(balanceOf.get(row.id));

    const october = await page({ clientId, from: '2026-10-01', to: '2026-10-31' });
    expect(october.rows.map((row) => row.occurredOn)).toEqual(['2026-10-15', '2026-10-03', '2026-10-01']);
    expect(october.rows.map((row) => row.runningBalance)).toEqual(['86.500000', '87.500000', '90.000000']);
    expect((await page({ clientId, kind: 'payment', from: '2026-10-01' })).rows).toEqual([]);

    const first = await page({ clientId, limit: 2 });
    const second = await page({ clientId, limit: 2, offset: 2 });
    const third = await page({ clientId, limit: 2, offset: 4 });
    expect([...first.rows, ...second.rows, ...third.rows]).toEqual(whole.rows);
    expect(first.total).toBe(5);
  });

  it('refuses a period that ends before it starts, an unknown kind and an unknown client', async () => {
    const clientId = await alice();
    expect(await call('clients.ledger', { clientId, from: '2026-11-02', to: '2026-11-01' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('clients.ledger', { clientId, kind: 'refund' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('clients.ledger', { clientId: 999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('property: whatever the dates and order of posting, the statement is ordered and ends at the client’s balance', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ day: fc.integer({ min: 1, max: 28 }), cents: fc.integer({ min: -50_000, max: 50_000 }).filter((cents) => cents !== 0) }), { minLength: 1, maxLength: 30 }),
        async (entries) => {
          const { id: clientId } = await ok<{ id: number }>('clients.create', { firstName: 'P', lastName: 'Q', email: `p${Math.random().toString(36).slice(2)}@example.com`, balanceMode: 'soft' });
          for (const entry of entries) {
            await post(clientId, entry.cents > 0 ? 'payment' : 'charge', entry.cents * 10_000, `2026-10-${String(entry.day).padStart(2, '0')}`);
          }
          const statement = await page({ clientId, limit: 1000 });
          const client = await ok<{ balance: string }>('clients.get', { id: clientId });
          expect(statement.balance).toBe(client.balance);
          expect(statement.rows).toHaveLength(entries.length);
          expectStatement(statement.rows, client.balance);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('clients.ledgerCsv and `client ledger --out`', () => {
  /** Alice's October and November: a payment with a formula for a description, a fee, a charge. */
  async function aliceLedger(): Promise<number> {
    const clientId = await alice();
    await post(clientId, 'payment', 50_000_000, '2026-10-02', '=HYPERLINK("x")');
    await post(clientId, 'monthly_fee', -29_950_000, '2026-10-05', 'Monthly fee: Home');
    await post(clientId, 'charge', -1_234_567, '2026-11-03', 'Extra work');
    return clientId;
  }

  it('writes the filtered rows, in the statement’s order, amounts exact, formulas neutralised', async () => {
    const clientId = await aliceLedger();
    const file = await ok<LedgerFile>('clients.ledgerCsv', { clientId, to: '2026-10-31' });
    expect(file.fileName).toBe('ledger-Alice-Martin-start-to-2026-10-31.csv');
    expect(file.rows).toBe(2);
    const records = parse(file.csv, { columns: true }) as Record<string, string>[];
    expect(records.map((record) => [record.date, record.kind, record.description, record.amount, record.balance])).toEqual([
      ['2026-10-05', 'Monthly fee', 'Monthly fee: Home', '-29.950000', '20.050000'],
      ['2026-10-02', 'Payment', '\'=HYPERLINK("x")', '50.000000', '50.000000'],
    ]);
  });

  it('`client ledger --out` writes the same statement to a file, and refuses an unknown kind', async () => {
    const clientId = await aliceLedger();
    const dir = mkdtempSync(join(tmpdir(), 'rc-ledger-'));
    // On a team server the command line keeps what goes beside a database in this computer's data folder: the test's own.
    vi.stubEnv('XDG_CONFIG_HOME', join(dir, 'config'));
    try {
      const out = join(dir, 'fees.csv');
      const lines: string[] = [];
      const io = { out: (text: string) => lines.push(text), err: (text: string) => lines.push(text) };
      // The test's database: its file, or (issue 16) its URL on the test cluster.
      const dbPath = temp.location;
      const code = await runCli(['--db', dbPath, 'client', 'ledger', String(clientId), '--kind', 'fee', '--out', out], io, { now: () => FIXED_NOW });
      expect(lines.join('\n')).toBe(`Wrote 1 ledger entry to ${out}`);
      expect(code).toBe(0);
      expect(readFileSync(out, 'utf8')).toBe('date,kind,description,amount,balance,entry,reversed_by\n2026-10-05,Monthly fee,Monthly fee: Home,-29.950000,20.050000,2,\n');
      const bad = await runCli(['--db', dbPath, 'client', 'ledger', String(clientId), '--kind', 'refund'], io, { now: () => FIXED_NOW });
      expect(bad).toBe(1);
    } finally {
      vi.unstubAllEnvs();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
