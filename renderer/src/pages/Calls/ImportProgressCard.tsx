import type { ImportJobView } from '../../../../preload/schemas/calls';
import { Card } from '../../components/Card';
import { ProgressBar } from '../../components/ProgressBar';
import { hrefTo } from '../../lib/router';
import { formatCount } from './callLabels';
import { RejectedRowsTable } from './RejectedRowsTable';

const TITLES: Record<ImportJobView['status'], string> = {
  running: 'Importing',
  done: 'Import finished',
  cancelled: 'Import cancelled',
  failed: 'Import failed',
};

/** 0.34 → "0.3 s", 75 → "1 min 15 s". */
function formatDuration(seconds: number): string {
  if (seconds < 10) return `${Math.max(0, seconds).toLocaleString('en-US', { maximumFractionDigits: 1 })} s`;
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  return whole % 60 === 0 ? `${minutes} min` : `${minutes} min ${whole % 60} s`;
}

/** How far the import is: the bytes main has parsed, as the window's slices arrive. */
function percentDone(job: ImportJobView): number | null {
  if (job.status === 'done') return 100;
  if (!job.totalBytes) return null;
  return (job.bytesRead / job.totalBytes) * 100;
}

function timeLeft(job: ImportJobView): string {
  if (job.status !== 'running') return '—';
  return job.etaSeconds === null ? 'Estimating…' : formatDuration(job.etaSeconds);
}

function Stat({ label, value, testId, tone }: { label: string; value: string; testId: string; tone?: 'danger' | 'warning' }) {
  return (
    <div className={tone ? `import-stats__item import-stats__item--${tone}` : 'import-stats__item'}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

interface ImportProgressCardProps {
  job: ImportJobView;
  /** Lines of the file, when this window read it. */
  cancelling: boolean;
  onCancel(): void;
  onImportAnother(): void;
}

/** A running import's progress, then its summary and the rows that were refused. */
export function ImportProgressCard({ job, cancelling, onCancel, onImportAnother }: ImportProgressCardProps) {
  const running = job.status === 'running';
  const percent = percentDone(job);
  const shown = percent === null ? null : Math.round(percent);
  const statusLine = running
    ? `${shown === null ? 'Reading' : `${shown}% of the file imported`}, ${formatCount(job.callsPerSecond)} calls per second.`
    : job.status === 'done'
      ? `${formatCount(job.added)} new calls, ${formatCount(job.duplicates)} already there, ${formatCount(job.rejected)} rejected.`
      : job.status === 'cancelled'
        ? 'Cancelled: the calls read before are kept, the rest of the file was not imported. Importing it again skips what is already there.'
        : (job.message ?? 'The import stopped with an error.');

  return (
    <Card title={TITLES[job.status]} aside={<span className="muted import-file">{job.fileName}</span>} className="import-card">
      <div className="import-progress">
        <ProgressBar label="Import progress" percent={percent} valueText={shown === null ? undefined : `${shown}% of the file imported`} />
        <span className="import-progress__percent" aria-hidden="true">
          {shown === null ? '' : `${shown}%`}
        </span>
      </div>
      <p className={job.status === 'failed' ? 'field__error' : 'import-status'} data-testid="import-status">
        {statusLine}
      </p>
      {/* A finished import may still have something to say (call charges set aside at a balance limit). */}
      {!running && job.status !== 'failed' && job.message ? (
        <div className="banner banner--warning" role="note" data-testid="import-message">
          <p className="banner__body banner__message">{job.message}</p>
        </div>
      ) : null}
      {/* Announced once at the end, not at every poll. */}
      <p className="visually-hidden" role="status">
        {running ? '' : `${TITLES[job.status]}. ${statusLine}`}
      </p>
      <dl className="import-stats" aria-label="Import counts">
        <Stat label="Lines read" value={formatCount(job.linesRead)} testId="import-lines" />
        <Stat label="Rated" value={formatCount(job.rated)} testId="import-rated" />
        <Stat label="Unrated" value={formatCount(job.unrated)} testId="import-unrated" tone={job.unrated > 0 ? 'warning' : undefined} />
        <Stat label="Rejected" value={formatCount(job.rejected)} testId="import-rejected" tone={job.rejected > 0 ? 'danger' : undefined} />
        <Stat label="Already there" value={formatCount(job.duplicates)} testId="import-already-there" />
        <Stat label="Calls per second" value={formatCount(job.callsPerSecond)} testId="import-speed" />
        <Stat label={running ? 'Time left' : 'Took'} value={running ? timeLeft(job) : formatDuration(job.elapsedMs / 1000)} testId="import-time" />
      </dl>
      {!running && job.rerated > 0 ? (
        <p className="muted">
          {formatCount(job.rerated)} calls already in open billing cycles were re-rated, because late calls change how free minutes are shared out.
        </p>
      ) : null}
      {job.rejects.length > 0 ? <RejectedRowsTable rejects={job.rejects} total={job.rejected} /> : null}
      <div className="card__actions">
        {running ? (
          <button type="button" className="button button--secondary" onClick={onCancel} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel import'}
          </button>
        ) : (
          <>
            <button type="button" className="button button--primary" onClick={onImportAnother}>
              Import another file
            </button>
            {job.unrated > 0 ? (
              <a className="button button--secondary" href={hrefTo('/calls/unrated')}>
                See unrated calls
              </a>
            ) : null}
            <a className="button button--ghost" href={hrefTo('/calls')}>
              See the call list
            </a>
          </>
        )}
      </div>
    </Card>
  );
}
