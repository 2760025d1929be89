import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { hrefTo } from '../../lib/router';
import { DEFAULT_CLIENT_QUERY, useClientList, type ClientSort } from '../../queries/clients';
import { useClientListQuery } from '../../stores/clientListQuery';
import { ClientsTable } from './ClientsTable';
import { ClientsToolbar } from './ClientsToolbar';

const newClientLink = (
  <a className="button button--primary" href={hrefTo('/clients/new')}>
    <Icon name="plus" size={16} />
    New client
  </a>
);

export function ClientsPage() {
  const { query, setQuery } = useClientListQuery();
  const { clients, status, error, reload } = useClientList(query);

  const filtered = JSON.stringify(query) !== JSON.stringify({ ...DEFAULT_CLIENT_QUERY, sort: query.sort, direction: query.direction });
  const sortBy = (sort: ClientSort): void => {
    const direction = query.sort === sort && query.direction === 'asc' ? 'desc' : 'asc';
    setQuery({ sort, direction });
  };

  return (
    <>
      <PageHeader
        title="Clients"
        description="The people and companies you resell to, with their balances. Open a client to add payments, packages, DIDs and sub accounts."
        actions={newClientLink}
      />
      {status === 'error' && error ? (
        <ErrorBanner
          error={error}
          title="Could not load clients"
          action={
            <button type="button" className="button button--secondary" onClick={() => void reload()}>
              Try again
            </button>
          }
        />
      ) : null}
      {status === 'idle' || status === 'loading' ? <Loading label="Loading clients…" /> : null}
      {status === 'ready' && clients.length === 0 && !filtered ? (
        <Card>
          <EmptyState icon="clients" title="No clients yet" action={newClientLink}>
            <p>Add a client, then connect a package, assign DIDs and create their sub accounts from the client’s page.</p>
          </EmptyState>
          <p className="empty-line empty-line--centered">
            Looking for a deleted client?{' '}
            <button type="button" className="text-button" onClick={() => setQuery({ status: 'closed' })}>
              Show closed clients
            </button>
          </p>
        </Card>
      ) : null}
      {status === 'ready' && (clients.length > 0 || filtered) ? (
        <Card title="Client list" aside={<span className="muted">{clients.length === 1 ? '1 client' : `${clients.length} clients`}</span>}>
          <ClientsToolbar query={query} onChange={setQuery} />
          {clients.length > 0 ? (
            <ClientsTable clients={clients} query={query} onSort={sortBy} />
          ) : (
            <p className="muted" role="status">
              No client matches these filters.
            </p>
          )}
        </Card>
      ) : null}
    </>
  );
}
