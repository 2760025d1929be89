import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { channelCaller } from '../helpers/channels';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';
import type { ChildPlan, ChildReport } from './concurrencyChild';

// Issue 16, "Must hold": two processes on one PostgreSQL database at once (this folder runs with RC_TEST_STORE=postgres).
const CHILD = fileURLToPath(new URL('./concurrencyChild.ts', import.meta.url));

let temp: TempStore | undefined;
afterEach(async () => {
  await temp?.cleanup();
  temp = undefined;
});

const { ok } = channelCaller(() => temp!.table);

const CLIENTS = 12;
const PAYMENTS = 1_000;
const CHARGES = 200;
/** The client packages are due since 2026-08-01 (billing day 1): runs up to 2026-11-25 close the cycles ending Aug 1, Sep 1, Oct 1 and Nov 1. */
const CYCLES = 4;

/** A small deterministic generator (the same plan every run). */
function generator(seed: number) {
  let state = seed >>> 0;
  return (below: number): number => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % below;
  };
}

const HEADER = 'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid';
const DESTINATIONS = [
  ['15145551234', 'Canada', '0.01000000'],
  ['447700900123', 'Outgoing to UK', '0.05000000'],
  ['33612345678', 'Outgoing to France', '0.03500000'],
] as const;

interface Call {
  line: string;
  id: string;
}

/** `count` answered calls of the clients' accounts, on days `from`…`to` of a month, ids from `prefix`. */
function calls(random: (below: number) => number, accounts: readonly string[], month: string, from: number, to: number, prefix: string, count: number): Call[] {
  return Array.from({ length: count }, (_, index) => {
    const day = String(from + random(to - from + 1)).padStart(2, '0');
    const time = [random(24), random(60), random(60)].map((part) => String(part).padStart(2, '0')).join(':');
    const [destination, description, rate] = DESTINATIONS[random(DESTINATIONS.length)]!;
    const seconds = 1 + random(900);
    const id = `${prefix}${index}`;
    return { id, line: [`${month}-${day} ${time}`, '5145550100', destination, description, accounts[random(accounts.length)]!, 'ANSWERED', '00:00:00', String(seconds), rate, rate, id].join(',') };
  });
}

const csv = (rows: readonly Call[]): string => [HEADER, ...rows.map((row) => row.line)].join('\n') + '\n';
const amount = (random: (below: number) => number): string => `${1 + random(50)}.${String(random(100)).padStart(2, '0')}`;

/** Runs both children: each opens the database, says it is ready, and starts when the parent tells both to go. */
async function runBoth(plans: [ChildPlan, ChildPlan], location: string, dir: string): Promise<ChildReport[]> {
  const children = plans.map((plan, index) => {
    const planFile = join(dir, `plan-${index}.json`);
    writeFileSync(planFile, JSON.stringify(plan));
    const child = fork(CHILD, [location, dir, planFile], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let report: ChildReport | undefined;
    const ready = new Promise<void>((resolve) => child.once('message', () => resolve()));
    const exited = new Promise<ChildReport>((resolve, reject) => {
      child.on('message', (message) => {
        if (typeof message === 'object') report = message as ChildReport;
      });
      child.once('exit', (code) => (code === 0 && report ? resolve(report) : reject(new Error(`instance ${index} exited with ${code}${report ? '' : ', no report'}`))));
    });
    return { child, ready, exited };
  });
  // The barrier: neither starts before both have their store open.
  await Promise.all(children.map((child) => child.ready));
  for (const { child } of children) child.send('go');
  return Promise.all(children.map((child) => child.exited));
}

describe('two instances on one PostgreSQL database at once', () => {
  it('payments, charges, imports with late calls, two billing runs and invoices: every balance is its ledger, no cycle billed twice, invoice numbers gapless', async () => {
    temp = await tempStore();
    const { db } = temp.store;
    await ok('invoices.saveSettings', {
      companyName: 'Northwind Telecom',
      companyAddress: '',
      companyEmail: '',
      companyPhone: '',
      taxNumber: '',
      logo: null,
      numberPrefix: 'NW-',
      nextNumber: 1,
      paper: 'A4',
      paymentInstructions: '',
      defaultTaxes: [{ name: 'GST', rate: '5' }],
      issueOnCycleClose: true,
    });
    // Free minutes: a late call early in a cycle takes them from the calls after it, so the cycle is rated again.
    const pkg = await ok<{ id: number }>('packages.create', { name: 'Team', markupFixed: '0', markupPercent: '20', pulseSeconds: 6, freeMinutes: 10, monthlyFee: '5', setupFee: '0' });
    const clients: number[] = [];
    const accounts: string[] = [];
    for (let index = 0; index < CLIENTS; index += 1) {
      const hard = index % 3 === 0;
      const client = await ok<{ id: number }>('clients.create', {
        firstName: `Client${index}`,
        lastName: 'Team',
        email: `client${index}@example.com`,
        balanceMode: hard ? 'hard' : 'soft',
        ...(hard ? { lowBalanceThreshold: '20' } : {}),
      });
      const { account } = await ok<{ account: string }>('subaccounts.create', { username: `team${index}`, clientId: client.id, packageId: pkg.id, nextBillingDate: '2026-12-01' });
      clients.push(client.id);
      accounts.push(account);
    }
    await db.updateTable('client_packages').set({ next_billing_date: '2026-08-01', cycle_start_date: '2026-07-01', billing_day: 1 }).execute();

    const random = generator(16);
    const pick = () => clients[random(CLIENTS)]!;
    // Calls both instances import (each stored once), and each one's own; August is closed by either run before the late files.
    const shared = calls(random, accounts, '2026-08', 15, 31, 'shared-', 150);
    const lateShared = calls(random, accounts, '2026-08', 1, 14, 'late-shared-', 75);
    const plans = [0, 1].map((instance): ChildPlan => ({
      now: FIXED_NOW.toISOString(),
      payments: Array.from({ length: PAYMENTS / 2 }, () => ({ clientId: pick(), amount: amount(random) })),
      charges: Array.from({ length: CHARGES / 2 }, () => ({ clientId: pick(), amount: amount(random) })),
      // Two runs at once: the first closes three cycles of each package, the second the fourth (or all four, if it goes first).
      billingDate: instance === 0 ? '2026-10-15' : '2026-11-25',
      calls: csv([...shared, ...calls(random, accounts, '2026-11', 2, 24, `own${instance}-`, 300), ...calls(random, accounts, '2026-08', 15, 31, `aug${instance}-`, 50)]),
      lateCalls: csv([...lateShared, ...calls(random, accounts, '2026-09', 1, 30, `late${instance}-`, 150)]),
      // Both invoice November for the middle clients: one of the two gets each of those.
      invoices: clients.slice(instance === 0 ? 0 : 4, instance === 0 ? 8 : 12).map((clientId) => ({ clientId, from: '2026-11-01', to: '2026-11-24' })),
    })) as [ChildPlan, ChildPlan];
    const distinctCalls = 150 + 75 + 2 * (300 + 50 + 150);

    const reports = await runBoth(plans, temp.location, temp.dir);

    // Each instance did all its work; what one refused, the other had done (an invoice for the same period).
    expect(reports.map((report) => [report.payments, report.charges])).toEqual([
      [PAYMENTS / 2, CHARGES / 2],
      [PAYMENTS / 2, CHARGES / 2],
    ]);
    const refused = reports.flatMap((report) => report.invoicesRefused);
    expect(refused).toHaveLength(4);
    for (const message of refused) expect(message).toMatch(/is invoiced up to 2026-11-24/);
    for (const report of reports) {
      expect(report.imports.map((result) => [result.status, result.rejected, result.unrated])).toEqual([
        ['done', 0, 0],
        ['done', 0, 0],
      ]);
      expect(report.billing.skipped).toEqual([]);
    }

    // No cycle billed twice: the two runs closed every cycle once between them, and wrote one monthly fee each.
    expect(reports[0]!.billing.cyclesClosed + reports[1]!.billing.cyclesClosed).toBe(CLIENTS * CYCLES);
    expect(reports[0]!.billing.entriesWritten + reports[1]!.billing.entriesWritten).toBe(CLIENTS * CYCLES);
    const fees = await db
      .selectFrom('ledger_entries')
      .select(['client_package_id', 'occurred_on', (eb) => eb.fn.countAll<number>().as('count')])
      .where('kind', '=', 'monthly_fee')
      .groupBy(['client_package_id', 'occurred_on'])
      .execute();
    expect(fees).toHaveLength(CLIENTS * CYCLES);
    expect(fees.filter((fee) => Number(fee.count) !== 1)).toEqual([]);
    const periods = await db.selectFrom('billing_periods').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    expect(Number(periods.count)).toBe(CLIENTS * CYCLES);

    // Every payment and charge written once.
    const byKind = await db
      .selectFrom('ledger_entries')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('count'), sql<string>`cast(sum(amount_micros) as text)`.as('total')])
      .where('kind', 'in', ['payment', 'charge'])
      .groupBy('kind')
      .orderBy('kind')
      .execute();
    const micros = (text: string) => BigInt(text.replace('.', '')) * 10_000n;
    const sum = (rows: { amount: string }[]) => rows.reduce((total, row) => total + micros(row.amount), 0n);
    expect(byKind.map((row) => [row.kind, Number(row.count), BigInt(row.total)])).toEqual([
      ['charge', CHARGES, -sum(plans.flatMap((plan) => plan.charges))],
      ['payment', PAYMENTS, sum(plans.flatMap((plan) => plan.payments))],
    ]);

    // Every call stored once, rated, and charged: each client's call entries sum to its rated calls.
    const stored = await db.selectFrom('calls').select(['status', (eb) => eb.fn.countAll<number>().as('count'), (eb) => eb.fn.count<number>('call_id').distinct().as('ids')]).groupBy('status').execute();
    expect(stored.map((row) => [row.status, Number(row.count), Number(row.ids)])).toEqual([['rated', distinctCalls, distinctCalls]]);
    expect(reports.flatMap((report) => report.imports).reduce((total, result) => total + result.added, 0)).toBe(distinctCalls);
    expect(reports.flatMap((report) => report.imports).reduce((total, result) => total + result.rerated, 0)).toBeGreaterThan(0);
    expect(await db.selectFrom('call_charge_dirty').selectAll().execute()).toEqual([]);
    const charged = await sql<{ client_id: number; rated: string; posted: string }>`
      select clients.id as client_id,
        cast(coalesce((select sum(charge_micros) from calls where calls.client_id = clients.id and status = 'rated'), 0) as text) as rated,
        cast(coalesce((select -sum(amount_micros) from ledger_entries where ledger_entries.client_id = clients.id and kind = 'calls'), 0) as text) as posted
      from clients order by clients.id`.execute(db);
    expect(charged.rows.filter((row) => row.rated !== row.posted)).toEqual([]);
    expect(charged.rows.some((row) => BigInt(row.rated) > 0n)).toBe(true);

    // Every balance is its ledger, and the reports' rollup agrees.
    const balances = await sql<{ id: number; balance: string; ledger: string; totals: string }>`
      select clients.id, cast(clients.balance_micros as text) as balance,
        cast(coalesce((select sum(amount_micros) from ledger_entries where ledger_entries.client_id = clients.id), 0) as text) as ledger,
        cast(coalesce((select sum(amount_micros) from ledger_totals where ledger_totals.client_id = clients.id), 0) as text) as totals
      from clients order by clients.id`.execute(db);
    expect(balances.rows).toHaveLength(CLIENTS);
    expect(balances.rows.filter((row) => row.balance !== row.ledger || row.totals !== row.ledger)).toEqual([]);

    // Invoice numbers: 1…n, none skipped, none twice, as many as the instances issued, and the sequence stands at n.
    const numbers = (await db.selectFrom('invoices').select('number').orderBy('number').execute()).map((row) => Number(row.number));
    const issued = reports.reduce((total, report) => total + report.billing.invoicesIssued + report.invoicesIssued, 0);
    expect(numbers).toEqual(Array.from({ length: issued }, (_, index) => index + 1));
    expect(issued).toBeGreaterThanOrEqual(CLIENTS);
    const numbering = await db.selectFrom('invoice_numbering').select(['next_number', 'last_number']).executeTakeFirstOrThrow();
    expect([Number(numbering.next_number), Number(numbering.last_number)]).toEqual([issued + 1, issued]);
    // The HARD clients' status follows their balance (suspended at ≤ 0).
    const view = await Promise.all(clients.map((id) => ok<{ balance: string; status: string; balanceMode: string }>('clients.get', { id })));
    for (const client of view.filter((row) => row.balanceMode === 'hard')) expect(client.status).toBe(Number(client.balance) <= 0 ? 'suspended' : 'active');
  }, 180_000);
});

