import type { ReactNode } from 'react';
import { Card } from '../../components/Card';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { Money } from '../../components/Money';
import { SignedMoney } from '../../components/SignedMoney';
import { ProgressBar } from '../../components/ProgressBar';
import { CDR_PAGE_SIZE, filterInput, useCallKeysetList, useCallTotals, type PagePlace } from '../../queries/callList';
import type { CallClientChoice } from '../../queries/calls';
import { useChannel } from '../../queries/channel';
import { useCallExport } from '../../stores/callExport';
import { isFiltered, type CallFilter, type CdrView } from '../../stores/callFilter';
import { CALL_COLUMNS, SIMPLE_CALL_COLUMNS } from './callColumns';
import { formatCount } from './callLabels';
import { CallsFilters } from './CallsFilters';
import { CallsTable } from './CallsTable';
import { TryAgain } from './TryAgain';

interface CallRecordsProps {
  title: string;
  filter: CallFilter;
  onFilter(change: Partial<CallFilter>): void;
  view: CdrView;
  onView(view: CdrView): void;
  /** The clients to filter by (Global CDR); absent on a client's own CDR. */
  clients?: readonly CallClientChoice[];
  /** Shown instead of the table when there are no calls at all (no filter). */
  empty?: ReactNode;
}

const callsText = (count: number): string => (count === 1 ? '1 call' : `${formatCount(count)} calls`);

/** "Calls 201–400 of 1,500": where the page sits, counted from the end it was reached from. */
function placeText(place: PagePlace, shown: number, total: number | undefined): string {
  if (shown === 0) return 'No calls';
  if (total === undefined) return `Page ${place.index + 1}${place.from === 'end' ? ' from the end' : ''}`;
  const first = place.from === 'start' ? place.index * CDR_PAGE_SIZE + 1 : Math.max(1, total - place.index * CDR_PAGE_SIZE - shown + 1);
  return `Calls ${formatCount(first)}–${formatCount(first + shown - 1)} of ${formatCount(total)}`;
}

function ExportStatus() {
  const { progress, problem, cancel } = useCallExport();
  if (problem) return <ErrorBanner error={{ code: 'internal', message: problem }} title="Could not export the calls" />;
  if (progress === null) return null;
  if (progress.status === 'running') {
    const percent = progress.total === 0 ? 100 : (progress.rows * 100) / progress.total;
    return (
      <div className="cdr-export" data-testid="export-progress">
        <ProgressBar label="Export progress" percent={percent} valueText={`${formatCount(progress.rows)} of ${formatCount(progress.total)} calls written`} />
        <span className="muted">
          {formatCount(progress.rows)} of {formatCount(progress.total)} calls written
        </span>
        <button type="button" className="button button--ghost" onClick={() => void cancel()}>
          Cancel export
        </button>
      </div>
    );
  }
  const text =
    progress.status === 'done'
      ? progress.downloadUrl
        ? `Exported ${callsText(progress.rows)}: ${progress.fileName} downloaded.`
        : `Exported ${callsText(progress.rows)}. Saved to ${progress.shownAs ?? progress.fileName}`
      : progress.status === 'cancelled'
        ? 'Export cancelled; no file was kept.'
        : `The export failed: ${progress.message ?? ''}`;
  return (
    <p className="cdr-export muted" role="status" data-testid="export-outcome">
      {text}
    </p>
  );
}

/** The Global CDR and a client's CDR: filters, the whole filter's totals, a page by keyset, first/previous/next/last, CSV export. */
export function CallRecords({ title, filter, onFilter, view, onView, clients, empty }: CallRecordsProps) {
  const list = useCallKeysetList(filter);
  const totals = useCallTotals(filter);
  const subaccounts = useChannel('subaccounts.list', filter.clientId === null ? undefined : { clientId: filter.clientId }, { enabled: filter.clientId !== null });
  const exporting = useCallExport();
  const total = totals.data?.calls;
  const rows = list.page?.rows ?? [];
  const label = filter.order === 'newest' ? 'Calls, newest first' : 'Calls, oldest first';

  if (empty && total === 0 && !isFiltered(filter)) return <>{empty}</>;
  return (
    <Card title={title} aside={<span className="muted" role="status">{total === undefined ? 'Counting…' : callsText(total)}</span>}>
      <div className="toolbar cdr-controls">
        <div className="segmented" role="group" aria-label="View">
          {(['standard', 'simple'] as const).map((choice) => (
            <button key={choice} type="button" className="button button--ghost" aria-pressed={view === choice} onClick={() => onView(choice)}>
              {choice === 'standard' ? 'Standard view' : 'Simple view'}
            </button>
          ))}
        </div>
        <div className="segmented" role="group" aria-label="Order">
          {(['newest', 'oldest'] as const).map((choice) => (
            <button key={choice} type="button" className="button button--ghost" aria-pressed={filter.order === choice} onClick={() => onFilter({ order: choice })}>
              {choice === 'newest' ? 'Newest first' : 'Oldest first'}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="button cdr-controls__export"
          disabled={exporting.starting || exporting.progress?.status === 'running' || total === 0}
          onClick={() => void exporting.start({ ...filterInput(filter), order: filter.order })}
        >
          Export CSV
        </button>
      </div>
      <CallsFilters filter={filter} {...(clients ? { clients } : {})} subaccounts={subaccounts.data ?? []} view={view} onChange={onFilter} />
      <ExportStatus />
      {totals.error ? <ErrorBanner error={totals.error} title="Could not add up the calls" action={<TryAgain reload={totals.reload} />} /> : null}
      <dl className="cdr-totals" aria-label="Totals of the filter">
        <div>
          <dt>Calls</dt>
          <dd data-testid="total-calls">{totals.data ? formatCount(totals.data.calls) : '…'}</dd>
        </div>
        <div>
          <dt>Minutes</dt>
          <dd data-testid="total-minutes">{totals.data ? formatCount(Number(totals.data.minutes)) : '…'}</dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd data-testid="total-cost">{totals.data ? <Money value={totals.data.cost} /> : '…'}</dd>
        </div>
        <div>
          <dt>Sell</dt>
          <dd data-testid="total-sell">{totals.data ? <Money value={totals.data.sell} /> : '…'}</dd>
        </div>
        <div>
          <dt>Net profit</dt>
          <dd data-testid="total-profit">{totals.data ? <SignedMoney value={totals.data.profit} /> : '…'}</dd>
        </div>
      </dl>
      {list.status === 'error' && list.error ? <ErrorBanner error={list.error} title="Could not load the calls" action={<TryAgain reload={list.reload} />} /> : null}
      {list.status === 'loading' ? <Loading label="Loading calls…" /> : null}
      {list.status === 'ready' && rows.length === 0 ? <p className="muted">No call matches these filters.</p> : null}
      {/* Keyed by the page's first call: another page starts at its top, not where the last one was scrolled to. */}
      {rows.length > 0 ? <CallsTable key={rows[0]!.id} columns={view === 'simple' ? SIMPLE_CALL_COLUMNS : CALL_COLUMNS} rows={rows} busy={list.refreshing} label={label} highlightUnrated /> : null}
      <nav className="cdr-pager" aria-label="Pages of calls">
        <button type="button" className="button button--ghost" onClick={list.first} disabled={!list.page?.previous}>
          First page
        </button>
        <button type="button" className="button button--ghost" onClick={list.previous} disabled={!list.page?.previous}>
          Previous page
        </button>
        <span className="cdr-pager__place" data-testid="page-place">
          {placeText(list.place, rows.length, total)}
        </span>
        <button type="button" className="button button--ghost" onClick={list.next} disabled={!list.page?.next}>
          Next page
        </button>
        <button type="button" className="button button--ghost" onClick={list.last} disabled={!list.page?.next}>
          Last page
        </button>
      </nav>
    </Card>
  );
}
