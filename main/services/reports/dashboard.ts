import type { Store } from '../../../db/open';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { ClientMonthTotals, Dashboard, MonthFigures, TopEntry } from '../../../preload/schemas/reports';
import { clientName } from '../clients';
import { countryLabel } from '../countries';
import { REVENUE_KINDS } from './kinds';
import { moneyText, monthRange, percentText, previousMonth } from './months';

const TOP = 10;
const noClient = 0;

/** Every client's call figures of one month, from call_totals (one row per client): the per-client month totals. */
export function clientMonthTotalsQuery(db: Kysely<Database>, month: string) {
  return db
    .selectFrom('call_totals')
    .select(['client_id', 'calls', 'answered', 'seconds', 'billed_seconds', 'cost_micros', 'charge_micros'])
    .where('month', '=', month)
    .where('client_id', '!=', noClient);
}

/**
 * Every client's call figures of a month. On SQLite read as arrays (better-sqlite3's raw
 * mode) on the store's connection: 2,000 clients' rows as objects took 4.3 ms of the
 * bench's 10 ms goal, as arrays 2.6 ms. On PostgreSQL the same query through Kysely (a
 * month's rollup per client stays far below 2^53 micros).
 */
export async function clientMonthTotals(store: Store, month: string): Promise<ClientMonthTotals[]> {
  const compiled = clientMonthTotalsQuery(store.db, month).compile();
  const rows =
    store.dialect === 'postgres'
      ? (await store.db.executeQuery(compiled)).rows.map((row) => [row.client_id, row.calls, row.answered, row.seconds, row.billed_seconds, row.cost_micros, row.charge_micros])
      : await store.exclusive(() => store.sqlite.prepare(compiled.sql).raw().all(...compiled.parameters) as number[][]);
  return rows.map(([clientId, calls, answered, seconds, billedSeconds, cost, charge]) => ({
    clientId: clientId!,
    calls: calls!,
    answered: answered!,
    seconds: seconds!,
    billedSeconds: billedSeconds!,
    cost: moneyText(cost!),
    sell: moneyText(charge!),
    profit: moneyText(charge! - cost!),
  }));
}

/** Revenue per month (ledger_totals, revenue kinds; the ledger keeps fees as −), read in key order. */
function revenueByMonthQuery(db: Kysely<Database>, from: string, to: string) {
  return db
    .selectFrom('ledger_totals')
    .select((eb) => ['month', eb.fn.sum<number>('amount_micros').as('amount')])
    .where('month', '>=', from)
    .where('month', '<=', to)
    .where('kind', 'in', REVENUE_KINDS)
    .groupBy('month');
}

/** Revenue per client in one month. */
function revenueByClientQuery(db: Kysely<Database>, month: string) {
  return db
    .selectFrom('ledger_totals')
    .select((eb) => ['client_id', eb.fn.sum<number>('amount_micros').as('amount')])
    .where('month', '=', month)
    .where('kind', 'in', REVENUE_KINDS)
    .groupBy('client_id');
}

function callsByMonthQuery(db: Kysely<Database>, from: string, to: string) {
  return db
    .selectFrom('call_totals')
    .select((eb) => [
      'month',
      eb.fn.sum<number>('calls').as('calls'),
      eb.fn.sum<number>('answered').as('answered'),
      eb.fn.sum<number>('seconds').as('seconds'),
      eb.fn.sum<number>('cost_micros').as('cost'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('client_id', '!=', noClient), eb('calls', '>', 0)])).then(1).else(0).end()).as('active'),
    ])
    .where('month', '>=', from)
    .where('month', '<=', to)
    .groupBy('month');
}

/**
 * The dashboard (issue 11): this month against the last, profit over 12 months, the top
 * destinations and clients by profit, ASR and ACD, clients below their threshold. Profit is
 * revenue (every revenue kind of the ledger) − provider cost; a destination's is its
 * calls' sell − cost (fees belong to no destination).
 */
export async function dashboard(db: Kysely<Database>, month: string): Promise<Dashboard> {
  const first = twelveBack(month);
  const [revenueRows, clientRevenueRows, callRows, countryRows, clientCalls, below] = await Promise.all([
    revenueByMonthQuery(db, first, month).execute(),
    revenueByClientQuery(db, month).execute(),
    callsByMonthQuery(db, first, month).execute(),
    db.selectFrom('call_country_totals').select(['country', 'calls', 'seconds', 'cost_micros', 'charge_micros']).where('month', '=', month).execute(),
    clientMonthTotalsQuery(db, month).execute(),
    db
      .selectFrom('clients')
      .select(['id', 'first_name', 'last_name', 'company', 'balance_micros', 'low_balance_threshold_micros'])
      .where('below_threshold', '=', 1)
      .where('status', '!=', 'closed')
      .orderBy('balance_micros')
      .orderBy('id')
      .execute(),
  ]);
  const months = monthRange(first, month);
  const revenue = new Map(months.map((m) => [m, 0]));
  for (const row of revenueRows) revenue.set(row.month, -Number(row.amount));
  const clientRevenue = new Map(clientRevenueRows.map((row) => [row.client_id, -Number(row.amount)]));
  const calls = new Map(callRows.map((row) => [row.month, row]));
  const figures = (m: string): MonthFigures => {
    const row = calls.get(m);
    const rev = revenue.get(m) ?? 0;
    const cost = Number(row?.cost ?? 0);
    const count = Number(row?.calls ?? 0);
    const answered = Number(row?.answered ?? 0);
    const seconds = Number(row?.seconds ?? 0);
    return {
      month: m,
      revenue: moneyText(rev),
      cost: moneyText(cost),
      profit: moneyText(rev - cost),
      calls: count,
      answered,
      seconds,
      activeClients: Number(row?.active ?? 0),
      asrPercent: percentText(answered, count),
      acdSeconds: answered === 0 ? null : Math.round(seconds / answered),
    };
  };

  const clientIds = new Set([...clientRevenue.keys(), ...clientCalls.map((row) => row.client_id)]);
  const names = clientIds.size === 0 ? [] : await db.selectFrom('clients').select(['id', 'first_name', 'last_name', 'company']).where('id', 'in', [...clientIds]).execute();
  const nameOf = new Map(names.map((row) => [row.id, clientName(row)]));
  const callsOf = new Map(clientCalls.map((row) => [row.client_id, row]));
  const topClients = [...clientIds]
    .map((clientId) => {
      const row = callsOf.get(clientId);
      const rev = clientRevenue.get(clientId) ?? 0;
      const cost = row?.cost_micros ?? 0;
      return { clientId, rev, cost, profit: rev - cost, calls: row?.calls ?? 0, seconds: row?.seconds ?? 0 };
    })
    .sort((a, b) => b.profit - a.profit || a.clientId - b.clientId)
    .slice(0, TOP)
    .map(
      (entry): TopEntry => ({
        key: String(entry.clientId),
        label: nameOf.get(entry.clientId) ?? `Client ${entry.clientId}`,
        calls: entry.calls,
        seconds: entry.seconds,
        revenue: moneyText(entry.rev),
        cost: moneyText(entry.cost),
        profit: moneyText(entry.profit),
      }),
    );
  const topDestinations = countryRows
    .map((row) => ({ row, profit: row.charge_micros - row.cost_micros }))
    .sort((a, b) => b.profit - a.profit || a.row.country.localeCompare(b.row.country))
    .slice(0, TOP)
    .map(
      ({ row, profit }): TopEntry => ({
        key: row.country,
        label: row.country === '' ? 'Unknown (unrated)' : countryLabel(row.country),
        calls: row.calls,
        seconds: row.seconds,
        revenue: moneyText(row.charge_micros),
        cost: moneyText(row.cost_micros),
        profit: moneyText(profit),
      }),
    );

  return {
    thisMonth: figures(month),
    lastMonth: figures(previousMonth(month)),
    profitByMonth: months.map((m) => {
      const f = figures(m);
      return { month: m, revenue: f.revenue, cost: f.cost, profit: f.profit };
    }),
    topDestinations,
    topClients,
    belowThreshold: below.map((row) => ({
      clientId: row.id,
      clientName: clientName(row),
      balance: moneyText(row.balance_micros),
      threshold: moneyText(row.low_balance_threshold_micros ?? 0),
    })),
  };
}

/** The first of the 12 months that end with `month`. */
function twelveBack(month: string): string {
  let first = month;
  for (let step = 0; step < 11; step += 1) first = previousMonth(first);
  return first;
}
