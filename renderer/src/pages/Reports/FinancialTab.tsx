import { Decimal } from 'decimal.js';
import { useState } from 'react';
import type { FinancialMonth } from '../../../../preload/schemas/reports';
import { FINANCIAL_MAX_MONTHS, monthsBetween } from '../../../../preload/common/months';
import { ChartCard } from '../../components/charts/ChartCard';
import { MoneyByMonthChart } from '../../components/charts/MoneyByMonthChart';
import { Card } from '../../components/Card';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { Money } from '../../components/Money';
import { downloadCsv } from '../../lib/csv';
import { formatMonth, monthsBefore, thisMonth } from '../../lib/months';
import { useFinancialReport } from '../../queries/reports';

type MoneyKey = Exclude<keyof FinancialMonth, 'month' | 'marginPercent'>;

interface MoneyColumn {
  key: MoneyKey;
  header: string;
  /** Shown only when a month of the period has one (credit notes, taxes: once invoices issue them). */
  whenUsed?: boolean;
}

const MONEY_COLUMNS: readonly MoneyColumn[] = [
  { key: 'calls', header: 'Calls' },
  { key: 'packageFees', header: 'Package fees' },
  { key: 'didFees', header: 'DID fees' },
  { key: 'setupFees', header: 'Setup fees' },
  { key: 'manualCharges', header: 'Manual charges' },
  { key: 'credits', header: 'Credit notes', whenUsed: true },
  { key: 'revenue', header: 'Revenue' },
  { key: 'taxes', header: 'Taxes collected', whenUsed: true },
  { key: 'deposits', header: 'Deposits' },
  { key: 'cost', header: 'Provider cost' },
  { key: 'profit', header: 'Profit' },
];

const margin = (row: FinancialMonth): string => (row.marginPercent === null ? '—' : `${row.marginPercent} %`);

function columnsFor(months: readonly FinancialMonth[]): readonly MoneyColumn[] {
  return MONEY_COLUMNS.filter((column) => !column.whenUsed || months.some((row) => !new Decimal(row[column.key]).isZero()));
}

function tableColumns(money: readonly MoneyColumn[]): DataColumn<FinancialMonth>[] {
  return [
    { id: 'month', header: 'Month', rowHeader: true, cell: (row) => formatMonth(row.month), sortValue: (row) => row.month },
    ...money.map(
      (column): DataColumn<FinancialMonth> => ({
        id: column.key,
        header: column.header,
        numeric: true,
        cell: (row) => <Money value={row[column.key]} />,
        sortValue: (row) => Number(row[column.key]),
      }),
    ),
    { id: 'margin', header: 'Margin', numeric: true, cell: margin, sortValue: (row) => (row.marginPercent === null ? Number.NEGATIVE_INFINITY : Number(row.marginPercent)) },
  ];
}

/** Month by month (guide, "Financial report"): revenue by what was sold, deposits, cost, profit, margin; two charts. */
export function FinancialTab() {
  const current = thisMonth();
  const [from, setFrom] = useState(monthsBefore(current, 11));
  const [to, setTo] = useState(current);
  const valid = from !== '' && to !== '' && from <= to && monthsBetween(from, to) <= FINANCIAL_MAX_MONTHS;
  const [shown, setShown] = useState({ from, to });
  if (valid && (shown.from !== from || shown.to !== to)) setShown({ from, to });
  const report = useFinancialReport(shown);
  const months = report.data?.months ?? [];
  const money = columnsFor(months);
  const columns = tableColumns(money);
  const hasFigures = months.some((row) => MONEY_COLUMNS.some((column) => !new Decimal(row[column.key]).isZero()));
  const empty = hasFigures ? null : 'No revenue, deposits or calls in these months yet.';
  const period = `${formatMonth(shown.from)} – ${formatMonth(shown.to)}`;

  const exportTable = () => {
    if (!report.data) return;
    downloadCsv(
      `financial-${shown.from}-to-${shown.to}.csv`,
      ['Month', ...money.map((column) => column.header), 'Margin %'],
      [...months, report.data.total].map((row) => [row.month, ...money.map((column) => row[column.key]), row.marginPercent ?? '']),
    );
  };

  return (
    <div className="report">
      <div className="toolbar report__filters" role="search" aria-label="Financial report period">
        <Field id="financial-from" label="From" error={from !== '' && to !== '' && from > to ? 'After “To”' : undefined}>
          {(control) => <input {...control} className="input input--date" type="month" value={from} max={to || undefined} onChange={(event) => setFrom(event.target.value)} />}
        </Field>
        <Field id="financial-to" label="To" error={from !== '' && to !== '' && valid === false && from <= to ? `At most ${FINANCIAL_MAX_MONTHS} months` : undefined}>
          {(control) => <input {...control} className="input input--date" type="month" value={to} min={from || undefined} onChange={(event) => setTo(event.target.value)} />}
        </Field>
        <button type="button" className="button button--secondary report__export" onClick={exportTable} disabled={!report.data}>
          Export CSV
        </button>
      </div>
      {report.status === 'error' && report.error ? <ErrorBanner error={report.error} title="Could not read the financial report" /> : null}
      {report.status === 'loading' ? <Loading label="Reading the financial report…" /> : null}
      {report.data ? (
        <>
          <div className="grid grid--2 report__charts">
            <ChartCard
              title="Revenue, cost and profit"
              description={`Revenue, provider cost and profit by month, ${period}`}
              empty={empty}
              data={{
                fileName: `revenue-cost-profit-${shown.from}-to-${shown.to}.csv`,
                header: ['Month', 'Revenue', 'Provider cost', 'Profit'],
                rows: months.map((row) => [row.month, row.revenue, row.cost, row.profit]),
              }}
            >
              <MoneyByMonthChart
                title="Revenue, cost and profit by month"
                months={months}
                series={[
                  { key: 'revenue', label: 'Revenue', as: 'bar' },
                  { key: 'cost', label: 'Provider cost', as: 'bar' },
                  { key: 'profit', label: 'Profit', as: 'line' },
                ]}
              />
            </ChartCard>
            <ChartCard
              title="Deposits"
              description={`Payments received by month, ${period}`}
              empty={months.some((row) => !new Decimal(row.deposits).isZero()) ? null : 'No payments received in these months.'}
              data={{ fileName: `deposits-${shown.from}-to-${shown.to}.csv`, header: ['Month', 'Deposits'], rows: months.map((row) => [row.month, row.deposits]) }}
            >
              <MoneyByMonthChart title="Deposits by month" months={months} series={[{ key: 'deposits', label: 'Deposits', as: 'bar' }]} />
            </ChartCard>
          </div>
          <Card title="Month by month">
            <p className="muted report__note">
              Revenue is what your clients were charged (calls, package and DID fees, setup fees, manual charges, less credit notes); a reversal counts against what it
              reverses. Taxes you collect on invoices are not revenue. Provider cost is every call of the month, rated or not.
            </p>
            <DataTable<FinancialMonth>
              columns={columns}
              rows={months}
              rowKey={(row) => row.month}
              caption={`Financial report, ${period}`}
              className="report-table"
              initialSort={{ id: 'month', desc: false }}
              footer={<TotalRow columns={columns} total={report.data.total} />}
            />
          </Card>
        </>
      ) : null}
    </div>
  );
}

function TotalRow({ columns, total }: { columns: readonly DataColumn<FinancialMonth>[]; total: FinancialMonth }) {
  return (
    <tr className="report-table__total">
      {columns.map((column) =>
        column.id === 'month' ? (
          <th key={column.id} scope="row">
            Total
          </th>
        ) : (
          <td key={column.id} className="num">
            {column.cell(total)}
          </td>
        ),
      )}
    </tr>
  );
}
