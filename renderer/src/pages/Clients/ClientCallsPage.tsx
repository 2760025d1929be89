import { useMemo, useState } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { hrefTo } from '../../lib/router';
import { readView, useChannel } from '../../queries/channel';
import { NO_CALL_FILTER, type CallFilter, type CdrView } from '../../stores/callFilter';
import { CallRecords } from '../Calls/CallRecords';

/**
 * The guide's View Setting is a package's: a client whose every connected package is in
 * Simple View sees the CDR without call types, so the reseller sees it the same way first.
 */
function useClientView(clientId: number): CdrView | null {
  const manage = readView(useChannel('clients.manage', { id: clientId }));
  const packages = useChannel('packages.list', { includeArchived: true });
  return useMemo(() => {
    if (!manage.data || !packages.data) return null;
    const connected = new Set(manage.data.packages.map((one) => one.packageId));
    const views = packages.data.filter((one) => connected.has(one.id)).map((one) => one.viewSetting);
    return views.length > 0 && views.every((one) => one === 'simple') ? 'simple' : 'standard';
  }, [manage.data, packages.data]);
}

/** A client's own CDR: the Global CDR's view with the client fixed, reached from the client's page. */
export function ClientCallsPage({ clientId }: { clientId: number }) {
  const client = readView(useChannel('clients.get', { id: clientId }));
  const packageView = useClientView(clientId);
  const [filter, setFilter] = useState<CallFilter>({ ...NO_CALL_FILTER, clientId });
  const [chosenView, setChosenView] = useState<CdrView | null>(null);
  const view = chosenView ?? packageView ?? 'standard';
  const name = client.data?.name ?? 'Client';
  const back = (
    <a className="back-link" href={hrefTo(`/clients/${clientId}`)}>
      <Icon name="arrowLeft" size={14} />
      {name}
    </a>
  );
  return (
    <>
      <PageHeader
        title={`Calls of ${name}`}
        back={back}
        description={`Every call of this client, with its price and your profit. Shown in ${view === 'simple' ? 'Simple' : 'Standard'} View${chosenView === null ? ', as the client’s package sets it' : ''}.`}
      />
      {client.status === 'error' && client.error ? <ErrorBanner error={client.error} title="Could not load the client" /> : null}
      {client.status === 'loading' ? <Loading label="Loading the client…" /> : null}
      {client.status === 'ready' ? (
        <CallRecords
          title="Client CDR"
          filter={filter}
          onFilter={(change) => setFilter((current) => ({ ...current, ...change, clientId }))}
          view={view}
          onView={(next) => {
            setChosenView(next);
            if (next === 'simple') setFilter((current) => ({ ...current, disposition: '' }));
          }}
        />
      ) : null}
    </>
  );
}
