import type { CostDeckSummary } from '../../../../preload/schemas/pricing';
import { Card } from '../../components/Card';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../../../preload/common/format';
import { hrefTo } from '../../lib/router';
import { useCostImport, useCostSummary } from '../../queries/costs';
import { ROUTE_LABELS as ROUTE_NAMES } from '../../../../preload/common/catalog';
import { CostImportForm } from './costs/CostImportForm';
import { CostImportReport } from './costs/CostImportReport';

const backLink = (
  <a className="back-link" href={hrefTo('/packages')}>
    <Icon name="arrowLeft" size={14} />
    Packages
  </a>
);

const ROUTE_COLUMNS: readonly DataColumn<CostDeckSummary>[] = [
  { id: 'route', header: 'Route', rowHeader: true, sortValue: (deck) => ROUTE_NAMES[deck.route], cell: (deck) => ROUTE_NAMES[deck.route] },
  { id: 'prefixes', header: 'Prefixes', numeric: true, sortValue: (deck) => deck.prefixes, cell: (deck) => deck.prefixes.toLocaleString('en-US') },
  {
    id: 'importedAt',
    header: 'Last import',
    sortValue: (deck) => deck.importedAt ?? '',
    cell: (deck) => (deck.importedAt ? formatDateTime(deck.importedAt) : <span className="muted">Never imported</span>),
  },
];

/** The provider's termination rates per route: the cost side of previews and price lists. */
export function CostDeckPage() {
  const { summary, status, error } = useCostSummary();
  const costImport = useCostImport();
  const { lastImport } = costImport;

  return (
    <>
      <PageHeader
        title="Cost deck"
        back={backLink}
        description="The provider’s termination rates: what each minute costs you, per route. Price previews without a typed cost and price lists use them."
      />
      <Card title="Routes">
        {status === 'idle' || status === 'loading' ? <Loading label="Reading the cost deck…" /> : null}
        {status === 'error' && error ? <ErrorBanner error={error} title="Could not read the cost deck" /> : null}
        {status === 'ready' ? (
          <DataTable columns={ROUTE_COLUMNS} rows={summary} rowKey={(deck) => deck.route} caption="Imported prefixes per route" />
        ) : null}
      </Card>
      <CostImportForm costImport={costImport} />
      {lastImport ? <CostImportReport result={lastImport} /> : null}
    </>
  );
}
