import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { hrefTo } from '../../lib/router';
import { useCallKeysetList, useCallTotals } from '../../queries/callList';
import { useRerateUnrated } from '../../queries/calls';
import { NO_CALL_FILTER, type CallFilter } from '../../stores/callFilter';
import { UNRATED_COLUMNS } from './callColumns';
import { formatCount } from './callLabels';
import { CallsSubnav } from './CallsSubnav';
import { CallsTable } from './CallsTable';
import { TryAgain } from './TryAgain';

const backLink = (
  <a className="back-link" href={hrefTo('/calls')}>
    <Icon name="arrowLeft" size={14} />
    Calls
  </a>
);

const calls = (count: number): string => (count === 1 ? '1 call' : `${formatCount(count)} calls`);

function RerateCard() {
  // The outcome is this card's: it is gone when the reseller comes back.
  const { busy, outcome, error, rerate } = useRerateUnrated();

  return (
    <Card title="After you fixed the cause">
      <p className="rerate-help">
        A call stays unrated when its sub account is not known here, or had no package at the time of the call. Create the sub account on its client’s
        page in <a href={hrefTo('/clients')}>Clients</a> with the right package, then re-rate: the calls are priced with the package they now find.
      </p>
      <div className="card__actions rerate-actions">
        <button type="button" className="button button--primary" onClick={() => void rerate()} disabled={busy} aria-busy={busy}>
          {busy ? 'Re-rating…' : 'Re-rate unrated calls'}
        </button>
        <p className="rerate-outcome" role="status" data-testid="rerate-outcome">
          {outcome ? `${calls(outcome.rated)} rated, ${formatCount(outcome.stillUnrated)} still unrated.` : ''}
        </p>
      </div>
      {error ? <ErrorBanner error={error} title="Could not re-rate the calls" /> : null}
    </Card>
  );
}

/** Calls kept as unrated with their reason (DESIGN.md rating rule 8: never dropped). */
const UNRATED: CallFilter = { ...NO_CALL_FILTER, status: 'unrated' };

/** Calls that could not be priced, with the reason, until the reseller fixes the cause. */
export function UnratedCallsPage() {
  const list = useCallKeysetList(UNRATED);
  const totals = useCallTotals(UNRATED);
  const total = totals.data?.calls ?? 0;
  const { error, reload } = list;
  const status = list.status === 'ready' && totals.status !== 'ready' ? totals.status : list.status;
  const rows = list.page?.rows ?? [];

  return (
    <>
      <PageHeader
        title="Unrated calls"
        back={backLink}
        description="Calls that could not be priced are kept here with the reason, never dropped. They cost your clients nothing until they are rated."
      />
      <CallsSubnav />
      <RerateCard />
      {status === 'error' && error ? (
        <ErrorBanner
          error={error}
          title="Could not load the unrated calls"
          action={<TryAgain reload={reload} />}
        />
      ) : null}
      {status === 'loading' ? <Loading label="Loading unrated calls…" /> : null}
      {status === 'ready' && total === 0 ? (
        <Card>
          <EmptyState icon="check" title="No unrated calls">
            <p>Every imported call found its client and package.</p>
          </EmptyState>
        </Card>
      ) : null}
      {status === 'ready' && total > 0 ? (
        <Card title="Calls waiting to be rated" aside={<span className="muted">{calls(total)}</span>}>
          {error ? <ErrorBanner error={error} title="Some calls could not be loaded" action={<TryAgain reload={reload} />} /> : null}
          <CallsTable columns={UNRATED_COLUMNS} rows={rows} busy={list.refreshing} label="Unrated calls, newest first" />
          {list.page?.next || list.page?.previous ? (
            <nav className="cdr-pager" aria-label="Pages of calls">
              <button type="button" className="button button--ghost" onClick={list.previous} disabled={!list.page.previous}>
                Previous page
              </button>
              <button type="button" className="button button--ghost" onClick={list.next} disabled={!list.page.next}>
                Next page
              </button>
            </nav>
          ) : null}
        </Card>
      ) : null}
    </>
  );
}
