import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { ReportCsvInput, ReportFile } from '../../../preload/schemas/reports';
import { financialReport } from './financial';
import { didsReport, subaccountsReport } from './inventory';

/** A report as CSV: small (months, sub accounts, DIDs), so built in memory; money as exact decimals. */
export async function reportCsv(db: Kysely<Database>, input: ReportCsvInput, month: string): Promise<ReportFile> {
  if (input.report === 'financial') {
    const report = await financialReport(db, input);
    const header = ['Month', 'Calls', 'Package fees', 'DID fees', 'Setup fees', 'Manual charges', 'Credits', 'Revenue', 'Taxes collected', 'Deposits', 'Provider cost', 'Profit', 'Margin %'];
    const rows = [...report.months, report.total].map((row) => [
      row.month,
      row.calls,
      row.packageFees,
      row.didFees,
      row.setupFees,
      row.manualCharges,
      row.credits,
      row.revenue,
      row.taxes,
      row.deposits,
      row.cost,
      row.profit,
      row.marginPercent ?? '',
    ]);
    return { fileName: `financial-${input.from}-to-${input.to}.csv`, csv: stringify([header, ...rows]), rows: report.months.length };
  }
  if (input.report === 'subaccounts') {
    const rows = await subaccountsReport(db);
    const body = rows.map((row) => [row.clientName ?? '', row.username, row.description, row.packageName ?? '', row.dids.join(' ')]);
    return { fileName: 'subaccounts.csv', csv: stringify([['Client', 'Sub account', 'Description', 'Package', 'DIDs'], ...body]), rows: rows.length };
  }
  const report = await didsReport(db, input.month ?? month);
  const header = ['DID', 'Client', 'Package', 'Per-minute rate', 'Monthly fee', 'Calls', 'Minutes', 'Revenue'];
  const body = report.rows.map((row) => [
    row.number,
    row.clientName ?? '',
    row.packageName ?? '',
    row.minuteRate ?? '',
    row.monthlyFee ?? '',
    row.calls,
    (row.seconds / 60).toFixed(1),
    row.revenue,
  ]);
  const total = ['Total', '', '', '', report.total.monthlyFees, report.total.calls, (report.total.seconds / 60).toFixed(1), report.total.revenue];
  return { fileName: `dids-${report.month}.csv`, csv: stringify([header, ...body, total]), rows: report.rows.length };
}
