import { useState } from 'react';
import { foldForSearch } from '../../../../preload/common/search';
import type { SubaccountSummary } from '../../../../preload/schemas/clients';
import { Card } from '../../components/Card';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { PhoneNumber, formatDid } from '../../components/PhoneNumber';
import { hrefTo, navigate } from '../../lib/router';
import { useSubaccountList } from '../../queries/subaccounts';

const none = <span className="muted">—</span>;

function searchTextOf(subaccount: SubaccountSummary): string {
  return foldForSearch(
    [subaccount.account, subaccount.description, subaccount.clientName ?? '', subaccount.packageName ?? '', ...subaccount.dids, ...subaccount.dids.map(formatDid)].join('\n'),
  );
}

const COLUMNS: readonly DataColumn<SubaccountSummary>[] = [
  {
    id: 'account',
    header: 'Sub account',
    rowHeader: true,
    sortValue: (subaccount) => subaccount.username,
    cell: (subaccount) => (
      <>
        <a href={hrefTo(`/subaccounts/${subaccount.id}`)}>{subaccount.username}</a>
        <span className="table__subtext">
          <code>{subaccount.account}</code>
        </span>
      </>
    ),
  },
  { id: 'description', header: 'Description', sortValue: (subaccount) => subaccount.description, cell: (subaccount) => subaccount.description || none },
  {
    id: 'client',
    header: 'Client',
    sortValue: (subaccount) => subaccount.clientName ?? '',
    cell: (subaccount) => (subaccount.clientId !== null ? <a href={hrefTo(`/clients/${subaccount.clientId}`)}>{subaccount.clientName}</a> : none),
  },
  { id: 'package', header: 'Package', sortValue: (subaccount) => subaccount.packageName ?? '', cell: (subaccount) => subaccount.packageName ?? <span className="muted">No package</span> },
  {
    id: 'dids',
    header: 'DIDs',
    sortValue: (subaccount) => subaccount.dids[0] ?? '',
    cell: (subaccount) =>
      subaccount.dids.length === 0 ? (
        none
      ) : (
        <ul className="plain-list">
          {subaccount.dids.map((number) => (
            <li key={number}>
              <PhoneNumber digits={number} />
            </li>
          ))}
        </ul>
      ),
  },
  {
    id: 'actions',
    header: 'Actions',
    hideHeader: true,
    className: 'table__actions',
    cell: (subaccount) => (
      <a className="button button--ghost button--small" href={hrefTo(`/subaccounts/${subaccount.id}`)} aria-label={`Edit ${subaccount.username}`}>
        <Icon name="edit" size={15} />
        Edit
      </a>
    ),
  },
];

/** Guide: the Sub accounts menu — every sub account of every client, found by any of its names or numbers. */
export function SubaccountsPage() {
  const { subaccounts, status, error, reload } = useSubaccountList();
  const [search, setSearch] = useState('');
  const wanted = foldForSearch(search.trim());
  const shown = wanted === '' ? subaccounts : subaccounts.filter((subaccount) => searchTextOf(subaccount).includes(wanted));
  return (
    <>
      <PageHeader title="Sub accounts" description="What your clients’ phones and PBXs register with. A new sub account is made from its client’s page." />
      {status === 'error' && error ? (
        <ErrorBanner
          error={error}
          title="Could not load the sub accounts"
          action={
            <button type="button" className="button button--secondary" onClick={() => void reload()}>
              Try again
            </button>
          }
        />
      ) : null}
      {status === 'idle' || status === 'loading' ? <Loading label="Loading sub accounts…" /> : null}
      {status === 'ready' && subaccounts.length === 0 ? (
        <Card>
          <EmptyState
            icon="subaccounts"
            title="No sub accounts yet"
            action={
              <a className="button button--secondary" href={hrefTo('/clients')}>
                Go to clients
              </a>
            }
          >
            <p>
              Open a client and choose <strong>New sub account</strong>: it is what the client’s phone or PBX registers with.
            </p>
          </EmptyState>
        </Card>
      ) : null}
      {status === 'ready' && subaccounts.length > 0 ? (
        <Card title="All sub accounts" aside={<span className="muted">{`${subaccounts.length} sub accounts`}</span>}>
          <div className="toolbar" role="search" aria-label="Find sub accounts">
            <div className="toolbar__search">
              <Field id="subaccount-search" label="Search" hint="Account, description, client, package or DID.">
                {(control) => <input {...control} className="input" type="search" autoComplete="off" value={search} onChange={(event) => setSearch(event.target.value)} />}
              </Field>
            </div>
          </div>
          {shown.length === 0 ? (
            <p className="muted" role="status">
              No sub account matches “{search}”.
            </p>
          ) : (
            <DataTable
              columns={COLUMNS}
              rows={shown}
              rowKey={(subaccount) => String(subaccount.id)}
              caption="Sub accounts"
              initialSort={{ id: 'account', desc: false }}
              onRowActivate={(subaccount) => navigate(`/subaccounts/${subaccount.id}`)}
            />
          )}
        </Card>
      ) : null}
    </>
  );
}
