import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../main/cli/run';
import type { Dashboard, DidReport, FinancialReport, SubaccountReportRow } from '../../preload/schemas/reports';
import { tempStore, type TempStore } from '../helpers/store';

let temp: TempStore;
const now = new Date('2026-11-25T12:00:00Z');

/** The command line on the test's database: its file, or (RC_TEST_STORE=postgres) `--db postgres://…`. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['--db', temp.location, ...argv], { out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`) }, { now: () => now });
  return { code, out, err };
}

const MONEY = /^-?\d+\.\d{6}$/;

beforeAll(async () => {
  // On a team server the command line keeps what goes beside a database in this computer's data folder, and a team's key in the environment.
  vi.stubEnv('RESELLER_CONSOLE_KEY', 'the reports test key, long enough to be a passphrase');
  temp = await tempStore();
  vi.stubEnv('XDG_CONFIG_HOME', join(temp.dir, 'config'));
  const demo = await cli('demo', '--clients', '6', '--cdrs', '1500', '--seed', '3', '--months', '3');
  expect(demo.code, demo.err).toBe(0);
}, 120_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  await temp.cleanup();
});

describe('report commands', () => {
  it('report financial --json: one document, money as exact decimal strings, totals the sum of the months', async () => {
    const { code, out } = await cli('report', 'financial', '--from', '2026-08', '--to', '2026-11', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out) as FinancialReport;
    expect(report.months.map((row) => row.month)).toEqual(['2026-08', '2026-09', '2026-10', '2026-11']);
    for (const row of [...report.months, report.total]) for (const key of ['calls', 'revenue', 'cost', 'profit', 'deposits'] as const) expect(row[key]).toMatch(MONEY);
    const sum = report.months.reduce((total, row) => total + Number(row.revenue.replace('.', '')), 0);
    expect(Number(report.total.revenue.replace('.', ''))).toBe(sum);
    expect(sum).toBeGreaterThan(0);
  });

  it('report subaccounts, dids and dashboard --json', async () => {
    const subaccounts = JSON.parse((await cli('report', 'subaccounts', '--json')).out) as SubaccountReportRow[];
    expect(subaccounts.length).toBeGreaterThan(0);
    const dids = JSON.parse((await cli('report', 'dids', '--month', '2026-11', '--json')).out) as DidReport;
    expect(dids.month).toBe('2026-11');
    expect(dids.total.revenue).toMatch(MONEY);
    const dashboard = JSON.parse((await cli('report', 'dashboard', '--json')).out) as Dashboard;
    expect(dashboard.thisMonth.month).toBe('2026-11');
    expect(dashboard.profitByMonth).toHaveLength(12);
  });

  it('a human table without --json; a reversed span is a user error', async () => {
    const human = await cli('report', 'financial', '--from', '2026-10', '--to', '2026-11');
    expect(human.out).toMatch(/^2026-10 +revenue/m);
    expect(human.out).toMatch(/^Total +revenue/m);
    const wrong = await cli('report', 'financial', '--from', '2026-11', '--to', '2026-01');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/ends before it starts/);
    expect((await cli('report', 'financial', '--from', '2026-01')).code).toBe(1);
  });
});
