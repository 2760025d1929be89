import { z } from 'zod';
import { FINANCIAL_MAX_MONTHS, monthsBetween } from '../common/months';

/** A calendar month, 'YYYY-MM'. */
export const monthField = z.string().max(7, 'A month is written YYYY-MM').regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month is written YYYY-MM');


export const financialInput = z
  .object({ from: monthField, to: monthField })
  .strict()
  .refine((input) => input.from <= input.to, { message: 'The period ends before it starts: choose a “to” month on or after the “from” month', path: ['to'] })
  .refine((input) => monthsBetween(input.from, input.to) <= FINANCIAL_MAX_MONTHS, {
    message: `A financial report covers at most ${FINANCIAL_MAX_MONTHS} months`,
    path: ['to'],
  });

export const didReportInput = z.object({ month: monthField.optional() }).strict().optional();
export const dashboardInput = z.object({ month: monthField.optional() }).strict().optional();

export type FinancialInput = z.output<typeof financialInput>;
export type DidReportInput = z.output<typeof didReportInput>;

/** Money is an exact decimal string ("12.500000"), never a float. */
type Money = string;

/** One month of the financial report; revenue is split by what was sold. */
export interface FinancialMonth {
  month: string;
  calls: Money;
  packageFees: Money;
  didFees: Money;
  setupFees: Money;
  manualCharges: Money;
  /** Credit notes (negative: they reduce revenue). */
  credits: Money;
  /** calls + packageFees + didFees + setupFees + manualCharges + credits. */
  revenue: Money;
  /** Taxes charged on invoices: collected for the state, not revenue. */
  taxes: Money;
  /** Payments received. */
  deposits: Money;
  /** What the provider charged for every call of the month, rated or not. */
  cost: Money;
  /** revenue − cost. */
  profit: Money;
  /** profit / revenue × 100, two decimals; null when there was no revenue. */
  marginPercent: string | null;
}

export interface FinancialReport {
  from: string;
  to: string;
  months: FinancialMonth[];
  total: FinancialMonth;
}

export interface SubaccountReportRow {
  subaccountId: number;
  username: string;
  description: string;
  clientId: number | null;
  clientName: string | null;
  packageName: string | null;
  /** The client's DIDs (its active assignments). */
  dids: string[];
}

export interface DidReportRow {
  didId: number;
  number: string;
  clientId: number | null;
  clientName: string | null;
  packageName: string | null;
  /** Per-minute rate (8 decimals) and monthly fee of its assignment. */
  minuteRate: string | null;
  monthlyFee: Money | null;
  calls: number;
  seconds: number;
  /** What its inbound calls of the month were sold for. */
  revenue: Money;
}

export interface DidReport {
  month: string;
  rows: DidReportRow[];
  total: { calls: number; seconds: number; revenue: Money; monthlyFees: Money };
}

/** One month's figures of the dashboard. */
export interface MonthFigures {
  month: string;
  revenue: Money;
  cost: Money;
  profit: Money;
  calls: number;
  answered: number;
  seconds: number;
  /** Clients with at least one call in the month. */
  activeClients: number;
  /** Answer-seizure ratio, percent (two decimals); null without calls. */
  asrPercent: string | null;
  /** Average duration of an answered call, seconds; null without answered calls. */
  acdSeconds: number | null;
}

export interface TopEntry {
  /** The country code ('' when unknown) or the client id. */
  key: string;
  label: string;
  calls: number;
  seconds: number;
  revenue: Money;
  cost: Money;
  profit: Money;
}

export interface Dashboard {
  thisMonth: MonthFigures;
  lastMonth: MonthFigures;
  /** The 12 months ending with this one, oldest first. */
  profitByMonth: { month: string; revenue: Money; cost: Money; profit: Money }[];
  topDestinations: TopEntry[];
  topClients: TopEntry[];
  belowThreshold: { clientId: number; clientName: string; balance: Money; threshold: Money }[];
}

/** Every client's call figures of one month (the per-client month totals). */
export interface ClientMonthTotals {
  clientId: number;
  calls: number;
  answered: number;
  seconds: number;
  billedSeconds: number;
  cost: Money;
  sell: Money;
  profit: Money;
}
