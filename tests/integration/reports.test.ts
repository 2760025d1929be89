import { sql, type RawBuilder } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CdrBatch, ParsedCdr } from '../../main/cdr';
import { generateDemo } from '../../main/demo';
import { createHandlerTable } from '../../main/handlers/index';
import { importInto } from '../../main/services/calls/importInto';
import { micros as asMicros, rateE8 } from '../../main/money';
import type { ClientMonthTotals, Dashboard, DidReport, FinancialReport, SubaccountReportRow } from '../../preload/schemas/reports';
import { channelCaller } from '../helpers/channels';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';

let temp: TempStore;

const { ok, call } = channelCaller(() => temp.table);

/** Report money text ("-12.345678", always six decimals) back to micros. */
const micros = (text: string): number => Number(text.replace('.', ''));

type Row = Record<string, number | string | null>;
/** Raw rows through the store's own connection (either store: plain SQL both speak). */
const all = async (query: RawBuilder<unknown>): Promise<Row[]> => (await query.execute(temp.store.db)).rows as Row[];

/**
 * The rollups against the raw rows, summed here independently in JavaScript (not by the
 * migration's SQL nor by the delta code): every key, every measure.
 */
async function expectRollupsMatchRows(): Promise<void> {
  const calls = await all(sql`select * from calls`);
  const sums = new Map<string, number[]>();
  const bump = (key: string, row: Row) => {
    const sum = sums.get(key) ?? [0, 0, 0, 0, 0, 0];
    sum[0]! += 1;
    sum[1]! += row.disposition === 'ANSWERED' ? 1 : 0;
    sum[2]! += row.seconds as number;
    sum[3]! += row.billed_seconds as number;
    sum[4]! += row.cost_micros as number;
    sum[5]! += row.charge_micros as number;
    sums.set(key, sum);
  };
  for (const row of calls) {
    const month = (row.started_at as string).slice(0, 7);
    bump(`client ${month} ${row.client_id ?? 0}`, row);
    if (row.direction === 'outbound') bump(`country ${month} ${row.country ?? ''}`, row);
    else if (row.did_number !== null) bump(`did ${month} ${row.did_number}`, row);
  }
  const stored = new Map<string, number[]>();
  const measures = (row: Row) => [row.calls, row.answered, row.seconds, row.billed_seconds, row.cost_micros, row.charge_micros] as number[];
  // A key whose calls all moved elsewhere (a re-rate gave them a client) keeps a row of zeros.
  const nonZero = (values: number[]) => values.some((value) => value !== 0);
  for (const row of (await all(sql`select * from call_totals`))) if (nonZero(measures(row))) stored.set(`client ${row.month} ${row.client_id}`, measures(row));
  for (const row of (await all(sql`select * from call_country_totals`))) if (nonZero(measures(row))) stored.set(`country ${row.month} ${row.country}`, measures(row));
  for (const row of (await all(sql`select * from call_did_totals`))) if (nonZero(measures(row))) stored.set(`did ${row.month} ${row.did_number}`, measures(row));
  expect(Object.fromEntries(stored)).toEqual(Object.fromEntries(sums));

  const entries = await all(sql`select * from ledger_entries`);
  const kindOf = new Map(entries.map((entry) => [entry.id, entry.kind]));
  const ledger = new Map<string, number[]>();
  for (const entry of entries) {
    const kind = entry.kind === 'reversal' ? kindOf.get(entry.reverses_entry_id) : entry.kind;
    const key = `${(entry.occurred_on as string).slice(0, 7)} ${entry.client_id} ${kind}`;
    const sum = ledger.get(key) ?? [0, 0];
    sum[0]! += entry.amount_micros as number;
    sum[1]! += 1;
    ledger.set(key, sum);
  }
  const ledgerStored = new Map((await all(sql`select * from ledger_totals`)).map((row) => [`${row.month} ${row.client_id} ${row.kind}`, [row.amount_micros, row.entries]]));
  expect(Object.fromEntries(ledgerStored)).toEqual(Object.fromEntries(ledger));
}

/** The financial report's figures, worked out here from the raw ledger entries and calls. */
async function expectedFinancial(from: string, to: string) {
  const entries = await all(sql`select * from ledger_entries`);
  const kindOf = new Map(entries.map((entry) => [entry.id, entry.kind]));
  const months = new Map<string, { revenue: number; calls: number; fees: number; deposits: number; cost: number }>();
  const month = (key: string) => {
    const found = months.get(key) ?? { revenue: 0, calls: 0, fees: 0, deposits: 0, cost: 0 };
    months.set(key, found);
    return found;
  };
  for (const entry of entries) {
    const key = (entry.occurred_on as string).slice(0, 7);
    if (key < from || key > to) continue;
    const kind = entry.kind === 'reversal' ? kindOf.get(entry.reverses_entry_id) : entry.kind;
    const amount = entry.amount_micros as number;
    if (kind === 'payment') month(key).deposits += amount;
    else month(key).revenue -= amount;
    if (kind === 'calls') month(key).calls -= amount;
    if (kind === 'monthly_fee' || kind === 'did_monthly_fee' || kind === 'setup_fee' || kind === 'did_setup_fee') month(key).fees -= amount;
  }
  for (const row of (await all(sql`select started_at, cost_micros from calls`))) {
    const key = (row.started_at as string).slice(0, 7);
    if (key >= from && key <= to) month(key).cost += row.cost_micros as number;
  }
  return months;
}

async function expectFinancialMatchesRows(from = '2025-11', to = '2026-11'): Promise<FinancialReport> {
  const report = await ok<FinancialReport>('reports.financial', { from, to });
  const expected = await expectedFinancial(from, to);
  const zero = { revenue: 0, calls: 0, fees: 0, deposits: 0, cost: 0 };
  for (const row of report.months) {
    const want = expected.get(row.month) ?? zero;
    expect({
      month: row.month,
      revenue: micros(row.revenue),
      calls: micros(row.calls),
      fees: micros(row.packageFees) + micros(row.didFees) + micros(row.setupFees),
      deposits: micros(row.deposits),
      cost: micros(row.cost),
      profit: micros(row.profit),
    }).toEqual({ month: row.month, ...want, profit: want.revenue - want.cost });
  }
  const sum = (pick: (value: typeof zero) => number) => [...expected.values()].reduce((total, value) => total + pick(value), 0);
  expect(micros(report.total.revenue)).toBe(sum((value) => value.revenue));
  expect(micros(report.total.cost)).toBe(sum((value) => value.cost));
  expect(micros(report.total.deposits)).toBe(sum((value) => value.deposits));
  return report;
}

function cdr(callId: string, startedAt: string, account: string, seconds: number): ParsedCdr {
  return {
    line: 2,
    callId,
    startedAt,
    callerId: '',
    destination: '442071234567',
    description: 'Outgoing to UK',
    account,
    disposition: seconds > 0 ? 'ANSWERED' : 'NO ANSWER',
    seconds,
    costRate: rateE8(5_000_000),
    costTotal: asMicros(Math.ceil((seconds * 50_000) / 60)),
    direction: 'outbound',
    didNumber: null,
  };
}

async function* batches(list: ParsedCdr[][], onYield?: (index: number) => void): AsyncGenerator<CdrBatch> {
  for (const [index, good] of list.entries()) {
    onYield?.(index);
    yield { good, rejected: [], linesRead: 0, bytesRead: 0 };
  }
}

describe('reports on generated data', () => {
  // A year of a reseller's business, built through the handlers (on PostgreSQL every statement is a round trip: ~20 s here under load).
  beforeEach(async () => {
    temp = await tempStore();
    await generateDemo(temp.store, (now) => createHandlerTable({ store: temp.store, host: 'headless', now }), { clients: 8, cdrs: 3000, seed: 11, now: FIXED_NOW });
  }, 120_000);
  afterEach(() => temp.cleanup());

  it('the demo load leaves every rollup equal to sums over the raw rows, and the financial report equal to the ledger and calls', async () => {
    await expectRollupsMatchRows();
    const report = await expectFinancialMatchesRows();
    expect(micros(report.total.revenue)).toBeGreaterThan(0);
    expect(micros(report.total.cost)).toBeGreaterThan(0);
    expect(report.months).toHaveLength(13);
  });

  it('stays equal after late calls re-rate a cycle, a cancelled import, a package re-rate, re-rating the unrated, payments and reversals', async () => {
    const [busy] = (await all(sql`select account, max(started_at) as last from calls where status = 'rated' group by account order by count(*) desc limit 1`)) as { account: string; last: string }[];
    // Late calls: earlier than calls already rated in the open cycle, so the cycle re-rates.
    const late = Array.from({ length: 6 }, (_, index) => cdr(`late-${index}`, `2026-11-2${index % 3} 0${index}:00:00`, busy!.account, 60 * (index + 1)));
    const imported = await importInto(temp.store, batches([late.slice(0, 3), late.slice(3)]), { source: 'late', format: 'test', now: () => FIXED_NOW, transactionRows: 3 });
    expect(imported).toMatchObject({ status: 'done', added: 6 });
    await expectRollupsMatchRows();
    await expectFinancialMatchesRows();

    // A cancel after the first transaction keeps its batch, and the rollups with it.
    const controller = new AbortController();
    const cancelled = await importInto(
      temp.store,
      batches([[cdr('cancel-1', '2026-11-24 10:00:00', busy!.account, 90)], [cdr('cancel-2', '2026-11-24 11:00:00', busy!.account, 90)]], (index) => {
        if (index === 1) controller.abort();
      }),
      { source: 'cancelled', format: 'test', now: () => FIXED_NOW, transactionRows: 1, signal: controller.signal },
    );
    expect(cancelled).toMatchObject({ status: 'cancelled', added: 1 });
    await expectRollupsMatchRows();

    // A package's markup changes and its open cycles are re-rated.
    const [pkg] = (await all(sql`select id, name, pulse_seconds from packages where id in (select package_id from calls) limit 1`)) as { id: number; name: string; pulse_seconds: number }[];
    await ok('packages.update', { id: pkg!.id, markupPercent: '75' });
    const rerate = await ok<{ calls: number }>('calls.rerate', { packageId: pkg!.id, apply: true });
    expect(rerate.calls).toBeGreaterThan(0);
    await expectRollupsMatchRows();
    await expectFinancialMatchesRows();

    // Calls of an account no sub account holds are kept unrated (client 0); once it exists they are rated.
    const ghosts = [cdr('ghost-1', '2026-11-22 10:00:00', 'ghost1', 120), cdr('ghost-2', '2026-10-02 10:00:00', 'ghost1', 30)];
    expect(await importInto(temp.store, batches([ghosts]), { source: 'ghost', format: 'test', now: () => FIXED_NOW })).toMatchObject({ unrated: 2 });
    await expectRollupsMatchRows();
    const [client] = (await all(sql`select client_id, package_id from client_packages where disconnected_at is null limit 1`)) as { client_id: number; package_id: number }[];
    await ok('subaccounts.create', { username: 'ghost1', clientId: client!.client_id, packageId: client!.package_id, nextBillingDate: '2026-12-01' });
    const rated = await ok<{ rated: number }>('calls.rerateUnrated');
    expect(rated.rated).toBeGreaterThan(0);
    await expectRollupsMatchRows();

    // Money by hand: a payment, a charge, and the reversal of a monthly fee (counted against package fees).
    await ok('clients.payment', { clientId: client!.client_id, amount: '25.50' });
    await ok('clients.charge', { clientId: client!.client_id, amount: '4.25', description: 'Porting' });
    const [fee] = (await all(sql`select id, amount_micros, occurred_on from ledger_entries where kind = 'monthly_fee' and amount_micros < 0 order by id desc limit 1`)) as {
      id: number;
      amount_micros: number;
      occurred_on: string;
    }[];
    const month = fee!.occurred_on.slice(0, 7);
    const before = await ok<FinancialReport>('reports.financial', { from: month, to: month });
    await ok('clients.reverse', { entryId: fee!.id, reason: 'Goodwill' });
    const after = await ok<FinancialReport>('reports.financial', { from: month, to: month });
    await expectRollupsMatchRows();
    await expectFinancialMatchesRows();
    // The reversal is dated today; when that is the fee's month, its package fees fall by the fee.
    if (month === '2026-11') expect(micros(after.months[0]!.packageFees)).toBe(micros(before.months[0]!.packageFees) + fee!.amount_micros);
  });

  it('the dashboard and the DID and sub accounts reports agree with the raw rows', async () => {
    const dashboard = await ok<Dashboard>('reports.dashboard');
    const month = '2026-11';
    expect(dashboard.thisMonth.month).toBe(month);
    expect(dashboard.lastMonth.month).toBe('2026-10');
    expect(dashboard.profitByMonth.map((row) => row.month)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    const [calls] = await all(
      sql`select count(*) as calls, sum(case when disposition = 'ANSWERED' then 1 else 0 end) as answered, sum(seconds) as seconds, count(distinct client_id) as clients from calls where started_at like ${`${month}%`}`,
    );
    expect(dashboard.thisMonth).toMatchObject({ calls: calls!.calls, answered: calls!.answered, seconds: calls!.seconds, activeClients: calls!.clients });
    expect(dashboard.thisMonth.acdSeconds).toBe(Math.round((calls!.seconds as number) / (calls!.answered as number)));
    const financial = await ok<FinancialReport>('reports.financial', { from: month, to: month });
    expect(dashboard.thisMonth.revenue).toBe(financial.months[0]!.revenue);
    expect(dashboard.thisMonth.profit).toBe(financial.months[0]!.profit);
    expect(dashboard.topClients.length).toBeGreaterThan(0);
    expect(dashboard.topClients.length).toBeLessThanOrEqual(10);
    const profits = dashboard.topClients.map((entry) => micros(entry.profit));
    expect(profits).toEqual([...profits].sort((a, b) => b - a));
    expect(dashboard.topDestinations.length).toBeGreaterThan(0);
    const below = (await all(sql`select id from clients where below_threshold = 1 and status != 'closed'`)).map((row) => row.id);
    expect(dashboard.belowThreshold.map((row) => row.clientId).sort()).toEqual(below.sort());

    const dids = await ok<DidReport>('reports.dids', { month });
    const inbound = await all(
      sql`select did_number, count(*) as calls, sum(seconds) as seconds, sum(charge_micros) as charge from calls where direction = 'inbound' and started_at like ${`${month}%`} group by did_number`,
    );
    for (const row of inbound) {
      const reported = dids.rows.find((did) => did.number === row.did_number);
      expect(reported).toMatchObject({ calls: row.calls, seconds: row.seconds });
      expect(micros(reported!.revenue)).toBe(row.charge);
    }
    expect(dids.total.calls).toBe(inbound.reduce((sum, row) => sum + (row.calls as number), 0));
    expect(dids.rows.length).toBe((await all(sql`select id from dids where removed_at is null`)).length);

    // Every client's figures of the month (the clients page), against the raw calls.
    const perClient = await ok<ClientMonthTotals[]>('reports.clientMonth', { month });
    const rawPerClient = await all(
      sql`select client_id, count(*) as calls, sum(case when disposition = 'ANSWERED' then 1 else 0 end) as answered, sum(seconds) as seconds, sum(billed_seconds) as billed, sum(cost_micros) as cost, sum(charge_micros) as charge
          from calls where client_id is not null and started_at like ${`${month}%`} group by client_id`,
    );
    expect(rawPerClient.length).toBeGreaterThan(0);
    const reportedPerClient = perClient
      .filter((row) => row.calls > 0)
      .map((row) => ({ client: row.clientId, calls: row.calls, answered: row.answered, seconds: row.seconds, billed: row.billedSeconds, cost: micros(row.cost), charge: micros(row.sell), profit: micros(row.profit) }));
    const expectedPerClient = rawPerClient.map((row) => ({
      client: row.client_id,
      calls: row.calls,
      answered: row.answered,
      seconds: row.seconds,
      billed: row.billed,
      cost: row.cost,
      charge: row.charge,
      profit: (row.charge as number) - (row.cost as number),
    }));
    const byClient = (a: { client: unknown }, b: { client: unknown }) => (a.client as number) - (b.client as number);
    expect(reportedPerClient.sort(byClient)).toEqual(expectedPerClient.sort(byClient));

    const subaccounts = await ok<SubaccountReportRow[]>('reports.subaccounts');
    expect(subaccounts.length).toBe((await all(sql`select id from subaccounts where deleted_at is null`)).length);
    expect(subaccounts.some((row) => row.dids.length > 0 && row.packageName !== null && row.clientName !== null)).toBe(true);

  });
});

describe('the financial report span', () => {
  beforeEach(async () => {
    temp = await tempStore();
  });
  afterEach(() => temp.cleanup());

  it('refuses a financial span out of order or too long', async () => {
    expect(await call('reports.financial', { from: '2026-05', to: '2026-01' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('reports.financial', { from: '2000-01', to: '2026-01' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('reports.financial', { from: '2026-13', to: '2026-14' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

