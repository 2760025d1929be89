import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { hrefTo } from '../../lib/router';
import { useCallPages } from '../../queries/callList';
import { useCallClients } from '../../queries/calls';
import { isFiltered, useCallFilter } from '../../stores/callFilter';
import { CALL_COLUMNS } from './callColumns';
import { formatCount } from './callLabels';
import { CallsFilters } from './CallsFilters';
import { CallsSubnav } from './CallsSubnav';
import { CallsTable } from './CallsTable';
import { TryAgain } from './TryAgain';

const importLink = (
  <a className="button button--primary" href={hrefTo('/calls/import')}>
    Import calls
  </a>
);

/** The Global CDR: every call the provider reported, with what each client pays for it. */
export function CallsPage() {
  const { filter, setFilter } = useCallFilter();
  const calls = useCallPages(filter);
  const { total, status, error, reload } = calls;
  const { clients } = useCallClients();
  const filtered = isFiltered(filter);

  return (
    <>
      <PageHeader
        title="Calls"
        description="Every call record from the provider, newest first, with the client’s price and your profit. Charges and costs show 4 decimals."
        actions={importLink}
      />
      <CallsSubnav />
      {status === 'error' && error ? (
        <ErrorBanner
          error={error}
          title="Could not load the calls"
          action={<TryAgain reload={reload} />}
        />
      ) : null}
      {status === 'loading' ? <Loading label="Loading calls…" /> : null}
      {status === 'ready' && total === 0 && !filtered ? (
        <Card>
          <EmptyState icon="calls" title="No calls yet" action={importLink}>
            <p>Import the CDR file you exported from the provider’s portal (CSV) or its API (JSON). Calls are rated with each client’s package as they arrive.</p>
          </EmptyState>
        </Card>
      ) : null}
      {status === 'ready' && (total > 0 || filtered) ? (
        <Card title="Global CDR" aside={<span className="muted" role="status">{total === 1 ? '1 call' : `${formatCount(total)} calls`}</span>}>
          <CallsFilters filter={filter} clients={clients} onChange={setFilter} />
          {error ? <ErrorBanner error={error} title="Some calls could not be loaded" action={<TryAgain reload={reload} />} /> : null}
          {total > 0 ? (
            <CallsTable columns={CALL_COLUMNS} calls={calls} label="Calls, newest first" highlightUnrated />
          ) : (
            <p className="muted">No call matches these filters.</p>
          )}
        </Card>
      ) : null}
    </>
  );
}
