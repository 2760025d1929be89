import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useDids } from '../../queries/dids';
import { AddDidCard } from './AddDidCard';
import { DidInventoryTable } from './DidInventoryTable';
import { ImportDidsCard } from './ImportDidsCard';

/** The reseller's phone numbers: add them here, then assign them from a client's Manage page. */
export function DidsPage() {
  const { dids, status, error, load } = useDids();

  const free = dids.filter((did) => did.assignedTo === null).length;
  return (
    <>
      <PageHeader
        title="DIDs"
        description="Phone numbers you ordered from the provider. Assign them to a client’s package from the client’s page, with a per-minute rate and a monthly fee."
      />
      <div className="grid grid--2">
        <AddDidCard />
        <ImportDidsCard />
      </div>
      {status === 'error' && error ? (
        <ErrorBanner
          error={error}
          title="Could not load the DID inventory"
          action={
            <button type="button" className="button button--secondary" onClick={() => void load()}>
              Try again
            </button>
          }
        />
      ) : null}
      {status === 'idle' || status === 'loading' ? <Loading label="Loading DIDs…" /> : null}
      {status === 'ready' && dids.length === 0 ? (
        <Card>
          <EmptyState icon="phone" title="No DIDs yet">
            <p>Add the numbers you ordered from the provider, one by one or as a pasted list.</p>
          </EmptyState>
        </Card>
      ) : null}
      {status === 'ready' && dids.length > 0 ? (
        <Card title="Inventory" aside={<span className="muted">{`${dids.length} numbers, ${free} available`}</span>}>
          <DidInventoryTable dids={dids} />
        </Card>
      ) : null}
    </>
  );
}
