import type { AccountImportCounts, PullResult, ReconciliationRowView } from '../../../../preload/schemas/sync';
import { Card } from '../../components/Card';
import { DetailList } from '../../components/DetailList';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { SignedMoney } from '../../components/SignedMoney';
import { hrefTo } from '../../lib/router';
import { usePullStatus, useReconciliation } from '../../queries/syncPull';

const when = (iso: string): string => new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });

function DifferenceCard({ row }: { row: ReconciliationRowView }) {
  return (
    <Card title={row.clientName} aside={<a href={hrefTo(`/clients/${row.clientId}`)}>Open {row.clientName}</a>} className="reconciliation__client">
      <DetailList
        details={[
          { term: 'Balance here', value: <SignedMoney value={row.localBalance} /> },
          { term: 'At the provider', value: <SignedMoney value={row.providerBalance} /> },
          { term: 'Difference (here − provider)', value: <SignedMoney value={row.difference} showPlus /> },
          { term: 'Provider client', value: row.providerId },
        ]}
      />
      {row.days.length === 0 ? (
        <p className="reconciliation__none">
          No call differs from {row.windowFrom} to {row.windowTo}: the difference comes from payments, charges, fees or older calls.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="reconciliation__caption">
              Calls that differ, {row.windowFrom} to {row.windowTo}
            </caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col" className="num">
                  At the provider, not imported here
                </th>
                <th scope="col" className="num">
                  Charged there
                </th>
                <th scope="col" className="num">
                  Here, not at the provider
                </th>
                <th scope="col" className="num">
                  Charged here
                </th>
              </tr>
            </thead>
            <tbody>
              {row.days.map((day) => (
                <tr key={day.day}>
                  <th scope="row">{day.day}</th>
                  <td className="num">{day.onlyAtProvider}</td>
                  <td className="num">
                    <Money value={day.providerTotal} kind="perCall" />
                  </td>
                  <td className="num">{day.onlyHere}</td>
                  <td className="num">
                    <Money value={day.localCharge} kind="perCall" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

const counted = (label: string, counts: AccountImportCounts): string =>
  `${label}: ${counts.matched + counts.linked} matched (${counts.linked} newly), ${counts.created} added`;

/** What the last pull brought, and what the provider refused in the provider's own words. */
function LastPullCard({ pull }: { pull: PullResult }) {
  const lines: string[] = [];
  if (pull.accounts) {
    lines.push(counted('Clients', pull.accounts.clients), counted('Packages', pull.accounts.packages), counted('Sub accounts', pull.accounts.subaccounts), counted('DIDs', pull.accounts.dids));
  }
  if (pull.calls) {
    lines.push(`Calls ${pull.calls.from ?? ''} to ${pull.calls.to}: ${pull.calls.added} added (${pull.calls.rated} rated, ${pull.calls.unrated} unrated), ${pull.calls.duplicates} already here`);
  }
  return (
    <Card title="Last pull from the provider" className="reconciliation__pull">
      <p>
        {when(pull.finishedAt)}, call times in UTC{pull.timezone >= 0 ? '+' : ''}
        {pull.timezone}.
      </p>
      {lines.length > 0 ? (
        <ul className="reconciliation__pull-lines">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {pull.failures.length > 0 ? (
        <div className="banner banner--error" role="alert">
          <Icon name="alert" />
          <div className="banner__body">
            <p className="banner__title">The provider did not answer everything; the next pull reads it again</p>
            <ul className="banner__message">
              {pull.failures.map((failure) => (
                <li key={failure.what}>
                  {failure.what}: {failure.message} ({failure.status})
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
    </Card>
  );
}

/** Issue 12: each client's balance here against the provider's, and the calls that explain a difference. */
export function ReconciliationPage() {
  const { data, status, error, checkAgain, checking } = useReconciliation();
  const lastPull = usePullStatus().data?.lastPull ?? null;
  const header = (
    <PageHeader
      title="Reconciliation"
      description="Each client's balance here against the provider's, with the calls that explain a difference."
      actions={
        <button type="button" className="button button--secondary" onClick={() => void checkAgain()} disabled={checking}>
          {checking ? 'Comparing…' : 'Compare again'}
        </button>
      }
    />
  );
  if (!data) {
    return (
      <>
        {header}
        {status === 'error' && error ? <ErrorBanner error={error} title="Could not load the reconciliation" /> : <Loading label="Loading the reconciliation…" />}
      </>
    );
  }
  if (data.checkedAt === null) {
    return (
      <>
        {header}
        <EmptyState icon="sync" title="Balances not compared yet">
          Pull from the provider (<code>sync pull</code>) or compare now: each client linked to the provider is listed here when its balance differs.
        </EmptyState>
        {lastPull ? <LastPullCard pull={lastPull} /> : null}
      </>
    );
  }
  return (
    <>
      {header}
      <p className="reconciliation__summary" role="status">
        Compared {when(data.checkedAt)}: {data.differences.length === 0 ? 'every balance agrees with the provider' : `${data.differences.length} differ`}
        {data.inStep > 0 ? `, ${data.inStep} agree.` : '.'}
      </p>
      {data.differences.map((row) => (
        <DifferenceCard key={row.clientId} row={row} />
      ))}
      {lastPull ? <LastPullCard pull={lastPull} /> : null}
    </>
  );
}
