import type { ClientSummary } from '../../../../preload/schemas/clients';
import { BALANCE_MODE_LABELS, ClientStatusBadge } from '../../components/ClientStatusBadge';
import { DataTable, type DataColumn, type ManualSort } from '../../components/DataTable';
import { Icon } from '../../components/Icon';
import { SignedMoney } from '../../components/SignedMoney';
import { formatDate, formatDateTime } from '../../../../preload/common/format';
import { hrefTo, navigate } from '../../lib/router';
import type { ClientListQuery, ClientSort } from '../../queries/clients';

interface ClientsTableProps {
  clients: readonly ClientSummary[];
  query: ClientListQuery;
  onSort(sort: ClientSort): void;
}

const SORT_NAMES: Record<ClientSort, string> = { name: 'name', balance: 'balance', created: 'date created' };
const SORTABLE: readonly ClientSort[] = ['name', 'balance', 'created'];
const isClientSort = (id: string): id is ClientSort => (SORTABLE as readonly string[]).includes(id);

const COLUMNS: readonly DataColumn<ClientSummary>[] = [
  {
    id: 'name',
    header: 'Client',
    rowHeader: true,
    cell: (client) => (
      <>
        <a href={hrefTo(`/clients/${client.id}`)}>{client.name}</a>
        <span className="table__subtext">{client.email}</span>
      </>
    ),
  },
  { id: 'status', header: 'Status', cell: (client) => <ClientStatusBadge status={client.status} /> },
  { id: 'mode', header: 'Mode', cell: (client) => BALANCE_MODE_LABELS[client.balanceMode] },
  {
    id: 'balance',
    header: 'Balance',
    numeric: true,
    cell: (client) => (
      <>
        <SignedMoney value={client.balance} />
        {client.belowThreshold ? <span className="badge badge--warning table__flag">Low</span> : null}
      </>
    ),
  },
  {
    id: 'created',
    header: 'Created',
    className: 'table__nowrap',
    cell: (client) => (
      <time dateTime={client.createdAt} title={formatDateTime(client.createdAt)}>
        {formatDate(client.createdAt)}
      </time>
    ),
  },
  {
    id: 'actions',
    header: 'Actions',
    hideHeader: true,
    className: 'table__actions',
    cell: (client) => (
      <>
        <a className="button button--ghost button--small" href={hrefTo(`/clients/${client.id}`)} aria-label={`Manage ${client.name}`}>
          Manage
        </a>
        {client.status === 'closed' ? null : (
          <a className="button button--ghost button--small" href={hrefTo(`/clients/${client.id}/edit`)} aria-label={`Edit ${client.name}`}>
            <Icon name="edit" size={15} />
            Edit
          </a>
        )}
      </>
    ),
  },
];

/** Main sorts the clients (the list is paged by the query); the table shows that order and asks for another. */
export function ClientsTable({ clients, query, onSort }: ClientsTableProps) {
  const sortedBy = `${SORT_NAMES[query.sort]}, ${query.direction === 'asc' ? 'ascending' : 'descending'}`;
  const manualSort: ManualSort = {
    sort: { id: query.sort, desc: query.direction === 'desc' },
    sortable: SORTABLE,
    onSort: (id) => {
      if (isClientSort(id)) onSort(id);
    },
  };
  return (
    <DataTable
      columns={COLUMNS}
      rows={clients}
      rowKey={(client) => String(client.id)}
      caption={`Clients, sorted by ${sortedBy}`}
      manualSort={manualSort}
      onRowActivate={(client) => navigate(`/clients/${client.id}`)}
    />
  );
}
