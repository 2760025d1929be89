import { useEffect } from 'react';
import { Card } from '../../components/Card';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../../../preload/common/format';
import { hrefTo } from '../../lib/router';
import { useCosts } from '../../stores/costs';
import { ROUTE_LABELS as ROUTE_NAMES } from '../../../../preload/common/catalog';
import { CostImportForm } from './costs/CostImportForm';
import { CostImportReport } from './costs/CostImportReport';

const backLink = (
  <a className="back-link" href={hrefTo('/packages')}>
    <Icon name="arrowLeft" size={14} />
    Packages
  </a>
);

/** The provider's termination rates per route: the cost side of previews and price lists. */
export function CostDeckPage() {
  const { summary, status, error, lastImport, load, clearErrors } = useCosts();

  useEffect(() => {
    clearErrors();
    void load();
  }, [load, clearErrors]);

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
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Imported prefixes per route</caption>
              <thead>
                <tr>
                  <th scope="col">Route</th>
                  <th scope="col" className="num">
                    Prefixes
                  </th>
                  <th scope="col">Last import</th>
                </tr>
              </thead>
              <tbody>
                {summary.map((deck) => (
                  <tr key={deck.route}>
                    <th scope="row" className="table__name">
                      {ROUTE_NAMES[deck.route]}
                    </th>
                    <td className="num">{deck.prefixes.toLocaleString('en-US')}</td>
                    <td>{deck.importedAt ? formatDateTime(deck.importedAt) : <span className="muted">Never imported</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Card>
      <CostImportForm />
      {lastImport ? <CostImportReport result={lastImport} /> : null}
    </>
  );
}
