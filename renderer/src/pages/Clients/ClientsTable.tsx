import type { ClientSummary } from '../../../../preload/schemas/clients';
import { BALANCE_MODE_LABELS, ClientStatusBadge } from '../../components/ClientStatusBadge';
import { Icon } from '../../components/Icon';
import { SignedMoney } from '../../components/SignedMoney';
import { formatDate, formatDateTime } from '../../../../preload/common/format';
import { hrefTo } from '../../lib/router';
import type { ClientListQuery, ClientSort } from '../../stores/clients';

interface ClientsTableProps {
  clients: readonly ClientSummary[];
  query: ClientListQuery;
  onSort(sort: ClientSort): void;
}

const SORT_NAMES: Record<ClientSort, string> = { name: 'name', balance: 'balance', created: 'date created' };

function SortableHeader({ label, sort, query, onSort, numeric = false }: { label: string; sort: ClientSort; numeric?: boolean } & Omit<ClientsTableProps, 'clients'>) {
  const active = query.sort === sort;
  const ariaSort = active ? (query.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th scope="col" aria-sort={ariaSort} className={numeric ? 'num' : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(sort)}>
        {label}
        <span className={active ? 'sort-button__arrow sort-button__arrow--active' : 'sort-button__arrow'} aria-hidden="true">
          <Icon name={active && query.direction === 'desc' ? 'chevronDown' : 'chevronUp'} size={14} />
        </span>
      </button>
    </th>
  );
}

export function ClientsTable({ clients, query, onSort }: ClientsTableProps) {
  const sortedBy = `${SORT_NAMES[query.sort]}, ${query.direction === 'asc' ? 'ascending' : 'descending'}`;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Clients, sorted by {sortedBy}</caption>
        <thead>
          <tr>
            <SortableHeader label="Client" sort="name" query={query} onSort={onSort} />
            <th scope="col">Status</th>
            <th scope="col">Mode</th>
            <SortableHeader label="Balance" sort="balance" query={query} onSort={onSort} numeric />
            <SortableHeader label="Created" sort="created" query={query} onSort={onSort} />
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {clients.map((client) => (
            <tr key={client.id}>
              <th scope="row" className="table__name">
                <a href={hrefTo(`/clients/${client.id}`)}>{client.name}</a>
                <span className="table__subtext">{client.email}</span>
              </th>
              <td>
                <ClientStatusBadge status={client.status} />
              </td>
              <td>{BALANCE_MODE_LABELS[client.balanceMode]}</td>
              <td className="num">
                <SignedMoney value={client.balance} />
                {client.belowThreshold ? <span className="badge badge--warning table__flag">Low</span> : null}
              </td>
              <td className="table__nowrap">
                <time dateTime={client.createdAt} title={formatDateTime(client.createdAt)}>
                  {formatDate(client.createdAt)}
                </time>
              </td>
              <td className="table__actions">
                <a className="button button--ghost button--small" href={hrefTo(`/clients/${client.id}`)} aria-label={`Manage ${client.name}`}>
                  Manage
                </a>
                {client.status === 'closed' ? null : (
                  <a className="button button--ghost button--small" href={hrefTo(`/clients/${client.id}/edit`)} aria-label={`Edit ${client.name}`}>
                    <Icon name="edit" size={15} />
                    Edit
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
