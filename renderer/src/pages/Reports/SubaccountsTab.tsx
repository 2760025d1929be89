import { useState } from 'react';
import type { SubaccountReportRow } from '../../../../preload/schemas/reports';
import { Card } from '../../components/Card';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PhoneNumber } from '../../components/PhoneNumber';
import { downloadCsv } from '../../lib/csv';
import { hrefTo } from '../../lib/router';
import { useSubaccountsReport } from '../../queries/reports';
import { matchesSearch, SearchField } from './reportSearch';

const ROW_HEIGHT = 41;

const COLUMNS: readonly DataColumn<SubaccountReportRow>[] = [
  {
    id: 'client',
    header: 'Client',
    width: 260,
    cell: (row) => (row.clientId === null ? <span className="muted">No client</span> : <a href={hrefTo(`/clients/${row.clientId}`)}>{row.clientName}</a>),
    sortValue: (row) => row.clientName ?? '',
  },
  { id: 'subaccount', header: 'Sub account', rowHeader: true, width: 200, cell: (row) => row.username, sortValue: (row) => row.username },
  { id: 'package', header: 'Package', width: 180, cell: (row) => row.packageName ?? <span className="muted">—</span>, sortValue: (row) => row.packageName ?? '' },
  {
    id: 'dids',
    header: 'DIDs',
    width: 320,
    cell: (row) =>
      row.dids.length === 0 ? (
        <span className="muted">—</span>
      ) : (
        <span className="report-dids">
          {row.dids.map((did) => (
            <PhoneNumber key={did} digits={did} />
          ))}
        </span>
      ),
    sortValue: (row) => row.dids.length,
  },
];

/** Sub accounts report (guide): each sub account with its client, package and DIDs. */
export function SubaccountsTab() {
  const report = useSubaccountsReport();
  const [search, setSearch] = useState('');
  const rows = (report.data ?? []).filter((row) => matchesSearch(search, row.username, row.clientName, row.packageName, row.description, ...row.dids));
  const exportRows = () =>
    downloadCsv(
      'subaccounts.csv',
      ['Client', 'Sub account', 'Description', 'Package', 'DIDs'],
      rows.map((row) => [row.clientName ?? '', row.username, row.description, row.packageName ?? '', row.dids.join(' ')]),
    );
  return (
    <div className="report">
      <div className="toolbar report__filters" role="search" aria-label="Find sub accounts">
        <SearchField id="subaccounts-search" hint="Client, sub account, package or DID." value={search} onChange={setSearch} />
        <button type="button" className="button button--secondary report__export" onClick={exportRows} disabled={rows.length === 0}>
          Export CSV
        </button>
      </div>
      {report.status === 'error' && report.error ? <ErrorBanner error={report.error} title="Could not read the sub accounts" /> : null}
      {report.status === 'loading' ? <Loading label="Reading the sub accounts…" /> : null}
      {report.data && report.data.length === 0 ? (
        <EmptyState icon="subaccounts" title="No sub accounts yet">
          Create a sub account for a client: it shows here with its package and DIDs.
        </EmptyState>
      ) : null}
      {report.data && report.data.length > 0 ? (
        <Card title="Sub accounts">
          <p className="muted report__note" role="status">
            {rows.length === report.data.length ? `${rows.length.toLocaleString('en-US')} sub accounts` : `${rows.length.toLocaleString('en-US')} of ${report.data.length.toLocaleString('en-US')} sub accounts`}
          </p>
          <DataTable<SubaccountReportRow>
            columns={COLUMNS}
            rows={rows}
            rowKey={(row) => String(row.subaccountId)}
            className="report-table"
            wrapClassName="report-table__scroll"
            initialSort={{ id: 'client', desc: false }}
            virtual={{ rowCount: rows.length, rowHeight: ROW_HEIGHT, label: 'Sub accounts report' }}
          />
        </Card>
      ) : null}
    </div>
  );
}
