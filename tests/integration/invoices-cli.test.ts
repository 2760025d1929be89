import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cliStore, type CliStore } from '../helpers/cliStore';

/** Invoices on the command line, on the store RC_TEST_STORE chooses (issue 16: `--db postgres://…` too). */
let temp: CliStore;
let dir: string;
beforeEach(async () => {
  temp = await cliStore();
  dir = temp.dir;
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await temp.cleanup();
});

const cli = (...argv: string[]) => temp.cli(argv, { now: () => new Date('2026-11-25T12:00:00Z') });

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('invoice commands', () => {
  it('issue, list, show, pdf, credit, void and export a month', async () => {
    expect((await cli('client', 'create', '--file', file('c.json', { firstName: 'Ana', lastName: 'Silva', email: 'ana@example.com', balanceMode: 'soft' }))).code).toBe(0);
    await cli('client', 'payment', '1', '--amount', '40');
    await cli('client', 'charge', '1', '--amount', '12.5', '--note', 'Porting');
    const issued = await cli('invoice', 'issue', '--client', '1', '--from', '2026-11-01', '--to', '2026-11-25');
    expect(issued).toMatchObject({ code: 0, err: '' });
    expect(issued.out).toContain('Issued #1 INV-000001');
    expect(issued.out).toContain('closing balance 27.500000');

    const listed = await cli('invoice', 'list', '--client', '1', '--month', '2026-11', '--json');
    expect(JSON.parse(listed.out)).toMatchObject({ total: 1, rows: [{ id: 1, number: 'INV-000001', status: 'issued', closingBalance: '27.500000', totalDue: '0.000000' }] });
    const shown = JSON.parse((await cli('invoice', 'show', '1', '--json')).out) as { lines: { section: string; amount: string }[] };
    expect(shown.lines.map((line) => [line.section, line.amount])).toEqual([
      ['charges', '12.500000'],
      ['payments', '40.000000'],
    ]);

    const pdf = join(dir, 'one.pdf');
    expect(await cli('invoice', 'pdf', '1', '--out', pdf, '--paper', 'Letter')).toMatchObject({ code: 0, out: `Wrote ${pdf} (1 page)\n` });
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');

    const credit = await cli('invoice', 'credit', '1', '--amount', '2.5', '--reason', 'Goodwill');
    expect(credit.code).toBe(0);
    expect(credit.out).toContain('INV-000002');
    expect(await cli('invoice', 'credit', '1', '--amount', '20', '--reason', 'Too much')).toMatchObject({ code: 1, err: expect.stringContaining('at most 10.000000') });
    expect(await cli('invoice', 'void', '1', '--reason', 'x')).toMatchObject({ code: 1, err: expect.stringContaining('credit note INV-000002') });

    const out = join(dir, 'november');
    const exported = await cli('invoice', 'export', '--month', '2026-11', '--dir', out);
    expect(exported).toMatchObject({ code: 0, out: `Wrote 2 PDFs of 2026-11 into ${out}\n` });
    expect(readdirSync(out).sort()).toEqual(['INV-000001-Ana-Silva.pdf', 'INV-000002-Ana-Silva.pdf']);
    expect(await cli('invoice', 'export', '--month', '2026-10', '--dir', join(dir, 'october'))).toMatchObject({ code: 1, err: 'error: No invoice was issued in 2026-10\n' });
    expect(existsSync(join(dir, 'october'))).toBe(false);
    // Eleven commands, each opening the database, and three PDFs: 9 s on SQLite, 13 s on PostgreSQL measured on a busy machine.
  }, 60_000);

  it('refuses what it cannot do with a one-line reason', async () => {
    expect(await cli('invoice', 'show', 'x')).toMatchObject({ code: 1, err: expect.stringContaining('Give the invoice id') });
    expect(await cli('invoice', 'issue', '--client', '1', '--from', '2026-11-01')).toMatchObject({ code: 1, err: 'error: invoice issue needs --to YYYY-MM-DD\n' });
    expect(await cli('invoice', 'show', '9')).toMatchObject({ code: 1, err: 'error: Invoice 9 was not found\n' });
    expect(await cli('invoice', 'list', '--month', '2026-13')).toMatchObject({ code: 1, err: expect.stringContaining('YYYY-MM') });
  });

  it('billing run says how many invoices it issued', async () => {
    await cli('client', 'create', '--file', file('c.json', { firstName: 'Ana', lastName: 'Silva', email: 'ana@example.com', balanceMode: 'soft' }));
    await cli('package', 'create', '--file', file('p.json', { name: 'Basic', markupFixed: '0', markupPercent: '20', pulseSeconds: 60, monthlyFee: '10' }));
    expect((await cli('subaccount', 'create', '--file', file('s.json', { username: 'ana1', clientId: 1, packageId: 1, nextBillingDate: '2026-11-30' }))).code).toBe(0);
    const run = await cli('billing', 'run', '--date', '2026-11-30');
    expect(run.out).toContain('1 cycles closed, 1 invoices issued');
  });
});
