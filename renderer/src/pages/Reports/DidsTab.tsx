import { useState } from 'react';
import type { DidReportRow } from '../../../../preload/schemas/reports';
import { Card } from '../../components/Card';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { Money, Rate } from '../../components/Money';
import { PhoneNumber } from '../../components/PhoneNumber';
import { downloadCsv } from '../../lib/csv';
import { formatMonth, thisMonth } from '../../lib/months';
import { hrefTo } from '../../lib/router';
import { useDidReport } from '../../queries/reports';
import { matchesSearch, SearchField } from './reportSearch';

const ROW_HEIGHT = 41;

/** Minutes of talk, one decimal: "12.5". */
export const minutesText = (seconds: number): string => (seconds / 60).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const dash = <span className="muted">—</span>;

const COLUMNS: readonly DataColumn<DidReportRow>[] = [
  { id: 'did', header: 'DID', rowHeader: true, width: 150, cell: (row) => <PhoneNumber digits={row.number} />, sortValue: (row) => row.number },
  {
    id: 'client',
    header: 'Client',
    width: 210,
    cell: (row) => (row.clientId === null ? <span className="muted">Not connected</span> : <a href={hrefTo(`/clients/${row.clientId}`)}>{row.clientName}</a>),
    sortValue: (row) => row.clientName ?? '',
  },
  { id: 'package', header: 'Package', width: 130, cell: (row) => row.packageName ?? dash, sortValue: (row) => row.packageName ?? '' },
  { id: 'rate', header: 'Per minute', numeric: true, width: 95, cell: (row) => (row.minuteRate === null ? dash : <Rate value={row.minuteRate} kind="ownRate" />), sortValue: (row) => Number(row.minuteRate ?? -1) },
  { id: 'fee', header: 'Monthly fee', numeric: true, width: 95, cell: (row) => (row.monthlyFee === null ? dash : <Money value={row.monthlyFee} />), sortValue: (row) => Number(row.monthlyFee ?? -1) },
  { id: 'calls', header: 'Calls', numeric: true, width: 65, cell: (row) => row.calls.toLocaleString('en-US'), sortValue: (row) => row.calls },
  { id: 'minutes', header: 'Minutes', numeric: true, width: 80, cell: (row) => minutesText(row.seconds), sortValue: (row) => row.seconds },
  { id: 'revenue', header: 'Revenue', numeric: true, width: 95, cell: (row) => <Money value={row.revenue} />, sortValue: (row) => Number(row.revenue) },
];

/** DID report (guide): every DID with its client, package, rate and fee, and its inbound calls of a month. */
export function DidsTab() {
  const [month, setMonth] = useState(thisMonth());
  const [shown, setShown] = useState(month);
  if (month !== '' && month !== shown) setShown(month);
  const report = useDidReport(shown);
  const [search, setSearch] = useState('');
  const [connectedOnly, setConnectedOnly] = useState(false);
  const rows = (report.data?.rows ?? []).filter((row) => (!connectedOnly || row.clientId !== null) && matchesSearch(search, row.number, row.clientName, row.packageName));
  const exportRows = () =>
    downloadCsv(
      `dids-${shown}.csv`,
      ['DID', 'Client', 'Package', 'Per-minute rate', 'Monthly fee', 'Calls', 'Minutes', 'Revenue'],
      rows.map((row) => [row.number, row.clientName ?? '', row.packageName ?? '', row.minuteRate ?? '', row.monthlyFee ?? '', row.calls, (row.seconds / 60).toFixed(1), row.revenue]),
    );
  const total = report.data?.total;
  return (
    <div className="report">
      <div className="toolbar report__filters" role="search" aria-label="Find DIDs">
        <Field id="dids-month" label="Month" hint="Calls, minutes and revenue of this month.">
          {(control) => <input {...control} className="input input--date" type="month" value={month} onChange={(event) => setMonth(event.target.value)} />}
        </Field>
        <SearchField id="dids-search" hint="DID, client or package." value={search} onChange={setSearch} />
        <label className="checkbox toolbar__checkbox">
          <input type="checkbox" checked={connectedOnly} onChange={(event) => setConnectedOnly(event.target.checked)} />
          Connected to a client only
        </label>
        <button type="button" className="button button--secondary report__export" onClick={exportRows} disabled={rows.length === 0}>
          Export CSV
        </button>
      </div>
      {report.status === 'error' && report.error ? <ErrorBanner error={report.error} title="Could not read the DIDs" /> : null}
      {report.status === 'loading' ? <Loading label="Reading the DIDs…" /> : null}
      {report.data && report.data.rows.length === 0 ? (
        <EmptyState icon="phone" title="No DIDs yet">
          Add your DIDs on the DIDs page and connect them to clients: each shows here with its calls of the month.
        </EmptyState>
      ) : null}
      {report.data && report.data.rows.length > 0 && total ? (
        <Card title={`DIDs — ${formatMonth(shown)}`}>
          <p className="muted report__note" role="status">
            {rows.length === report.data.rows.length ? `${rows.length.toLocaleString('en-US')} DIDs` : `${rows.length.toLocaleString('en-US')} of ${report.data.rows.length.toLocaleString('en-US')} DIDs`}
            {` · all DIDs: ${total.calls.toLocaleString('en-US')} calls, ${minutesText(total.seconds)} minutes`}
          </p>
          <DataTable<DidReportRow>
            columns={COLUMNS}
            rows={rows}
            rowKey={(row) => String(row.didId)}
            className="report-table"
            wrapClassName="report-table__scroll"
            initialSort={{ id: 'did', desc: false }}
            virtual={{ rowCount: rows.length, rowHeight: ROW_HEIGHT, label: 'DID report' }}
            footer={<DidTotalRow rows={rows} />}
          />
        </Card>
      ) : null}
    </div>
  );
}

/** The totals of the rows shown (the filter's), summed exactly in micros. */
function DidTotalRow({ rows }: { rows: readonly DidReportRow[] }) {
  const micros = (text: string | null) => BigInt((text ?? '0').replace('.', ''));
  const toText = (value: bigint) => {
    const negative = value < 0n;
    const digits = (negative ? -value : value).toString().padStart(7, '0');
    return `${negative ? '-' : ''}${digits.slice(0, -6)}.${digits.slice(-6)}`;
  };
  const fees = rows.reduce((sum, row) => sum + micros(row.monthlyFee), 0n);
  const revenue = rows.reduce((sum, row) => sum + micros(row.revenue), 0n);
  const calls = rows.reduce((sum, row) => sum + row.calls, 0);
  const seconds = rows.reduce((sum, row) => sum + row.seconds, 0);
  return (
    <tr className="report-table__total">
      <th scope="row">Total</th>
      <td />
      <td />
      <td />
      <td className="num">
        <Money value={toText(fees)} />
      </td>
      <td className="num">{calls.toLocaleString('en-US')}</td>
      <td className="num">{minutesText(seconds)}</td>
      <td className="num">
        <Money value={toText(revenue)} />
      </td>
    </tr>
  );
}
