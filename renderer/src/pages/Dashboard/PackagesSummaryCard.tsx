import { Card } from '../../components/Card';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/Loading';
import { hrefTo } from '../../lib/router';
import { usePackages } from '../../queries/packages';

export function PackagesSummaryCard() {
  const { packages, status, error } = usePackages();

  return (
    <Card title="Packages">
      {status === 'error' && error ? <ErrorBanner error={error} title="Could not load packages" /> : null}
      {status === 'idle' || status === 'loading' ? <Loading label="Counting packages…" /> : null}
      {status === 'ready' ? (
        <>
          <p className="stat">
            <span className="stat__value" data-testid="package-count">
              {packages.length}
            </span>
            <span className="stat__label">{packages.length === 1 ? 'package' : 'packages'}</span>
          </p>
          <p className="muted">
            A package sets the markup and billing pulse your clients’ calls are rated with.
          </p>
        </>
      ) : null}
      <div className="card__actions">
        <a className="button button--primary" href={hrefTo('/packages/new')}>
          <Icon name="plus" size={16} />
          New package
        </a>
        <a className="button button--secondary" href={hrefTo('/packages')}>
          View packages
        </a>
      </div>
    </Card>
  );
}
