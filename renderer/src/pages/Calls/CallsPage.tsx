import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { hrefTo } from '../../lib/router';
import { useCallClients } from '../../queries/calls';
import { useCallFilter } from '../../stores/callFilter';
import { CallRecords } from './CallRecords';
import { CallsSubnav } from './CallsSubnav';

const importLink = (
  <a className="button button--primary" href={hrefTo('/calls/import')}>
    Import calls
  </a>
);

/** The Global CDR: every call of every client, with what each client pays for it and your profit. */
export function CallsPage() {
  const { filter, setFilter, view, setView } = useCallFilter();
  const { clients } = useCallClients();

  return (
    <>
      <PageHeader
        title="Calls"
        description="Every call record from the provider, with the client’s price and your profit. Charges and costs show 4 decimals; totals are for the whole filter."
        actions={importLink}
      />
      <CallsSubnav />
      <CallRecords
        title="Global CDR"
        filter={filter}
        onFilter={setFilter}
        view={view}
        onView={setView}
        clients={clients}
        empty={
          <Card>
            <EmptyState icon="calls" title="No calls yet" action={importLink}>
              <p>Import the CDR file you exported from the provider’s portal (CSV) or its API (JSON). Calls are rated with each client’s package as they arrive.</p>
            </EmptyState>
          </Card>
        }
      />
    </>
  );
}
