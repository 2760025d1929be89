import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { FinancialInput, FinancialMonth, FinancialReport } from '../../../preload/schemas/reports';
import { FINANCIAL_LINE_OF_KIND, REVENUE_LINES, reportAmount, type FinancialLine } from './kinds';
import { moneyText, monthRange, percentText } from './months';

type Lines = Record<FinancialLine, number> & { cost: number };

const emptyLines = (): Lines => ({ calls: 0, packageFees: 0, didFees: 0, setupFees: 0, manualCharges: 0, credits: 0, taxes: 0, deposits: 0, cost: 0 });

/** The ledger of a span of months by report kind (ledger_totals: a reversal under the kind it reverses). */
export function ledgerByMonthQuery(db: Kysely<Database>, from: string, to: string) {
  return db
    .selectFrom('ledger_totals')
    .select((eb) => ['month', 'kind', eb.fn.sum<number>('amount_micros').as('amount')])
    .where('month', '>=', from)
    .where('month', '<=', to)
    .groupBy(['month', 'kind']);
}

/** What the provider charged for the calls of a span of months, every call, rated or not (call_totals). */
export function costByMonthQuery(db: Kysely<Database>, from: string, to: string) {
  return db
    .selectFrom('call_totals')
    .select((eb) => ['month', eb.fn.sum<number>('cost_micros').as('cost')])
    .where('month', '>=', from)
    .where('month', '<=', to)
    .groupBy('month');
}

/** The report's month in micros, before it is turned into text. */
export interface FinancialMonthMicros extends Lines {
  month: string;
  revenue: number;
  profit: number;
}

export async function financialMonths(db: Kysely<Database>, from: string, to: string): Promise<FinancialMonthMicros[]> {
  const [ledger, costs] = await Promise.all([ledgerByMonthQuery(db, from, to).execute(), costByMonthQuery(db, from, to).execute()]);
  const byMonth = new Map(monthRange(from, to).map((month) => [month, emptyLines()]));
  for (const row of ledger) {
    const line = FINANCIAL_LINE_OF_KIND[row.kind];
    const lines = byMonth.get(row.month);
    if (line && lines) lines[line] += reportAmount(line, Number(row.amount));
  }
  for (const row of costs) {
    const lines = byMonth.get(row.month);
    if (lines) lines.cost += Number(row.cost);
  }
  return [...byMonth].map(([month, lines]) => {
    const revenue = REVENUE_LINES.reduce((sum, line) => sum + lines[line], 0);
    return { month, ...lines, revenue, profit: revenue - lines.cost };
  });
}

function toView(month: string, lines: FinancialMonthMicros): FinancialMonth {
  return {
    month,
    calls: moneyText(lines.calls),
    packageFees: moneyText(lines.packageFees),
    didFees: moneyText(lines.didFees),
    setupFees: moneyText(lines.setupFees),
    manualCharges: moneyText(lines.manualCharges),
    credits: moneyText(lines.credits),
    revenue: moneyText(lines.revenue),
    taxes: moneyText(lines.taxes),
    deposits: moneyText(lines.deposits),
    cost: moneyText(lines.cost),
    profit: moneyText(lines.profit),
    marginPercent: percentText(lines.profit, lines.revenue),
  };
}

/**
 * Month by month (guide, "Financial report"): revenue split by what was sold, deposits,
 * provider cost, profit and margin. Reads the rollups only (a few thousand rows a month).
 */
export async function financialReport(db: Kysely<Database>, input: FinancialInput): Promise<FinancialReport> {
  const months = await financialMonths(db, input.from, input.to);
  const total = months.reduce<FinancialMonthMicros>(
    (sum, month) => {
      const next = { ...sum };
      for (const key of Object.keys(sum) as (keyof FinancialMonthMicros)[]) if (key !== 'month') next[key] = sum[key] + month[key];
      return next;
    },
    { month: 'total', ...emptyLines(), revenue: 0, profit: 0 },
  );
  return { from: input.from, to: input.to, months: months.map((month) => toView(month.month, month)), total: toView('Total', total) };
}
