import { Card } from '../../components/Card';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { hrefTo } from '../../lib/router';
import { useCallsSummary } from '../../queries/calls';

/** How many calls are in, and how many are waiting for a sub account or a package to be rated. */
export function CallsSummaryCard() {
  const { total, unrated, status, error } = useCallsSummary();

  return (
    <Card title="Calls">
      {status === 'error' && error ? <ErrorBanner error={error} title="Could not count the calls" /> : null}
      {status === 'idle' || status === 'loading' ? <Loading label="Counting calls…" /> : null}
      {status === 'ready' ? (
        <>
          <p className="stat">
            <span className="stat__value" data-testid="call-count">
              {total.toLocaleString('en-US')}
            </span>
            <span className="stat__label">{total === 1 ? 'call' : 'calls'}</span>
          </p>
          <p className="muted">
            {unrated > 0 ? (
              <>
                <a href={hrefTo('/calls/unrated')} data-testid="unrated-count">
                  {unrated === 1 ? '1 call' : `${unrated.toLocaleString('en-US')} calls`} could not be rated
                </a>{' '}
                yet: their sub account is unknown or has no package.
              </>
            ) : (
              'Imported from the provider and rated with each client’s package.'
            )}
          </p>
        </>
      ) : null}
      <div className="card__actions">
        <a className="button button--primary" href={hrefTo('/calls/import')}>
          Import calls
        </a>
        <a className="button button--secondary" href={hrefTo('/calls')}>
          View calls
        </a>
      </div>
    </Card>
  );
}
