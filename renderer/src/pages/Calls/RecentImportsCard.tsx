import type { ImportRecordView, ImportStatus } from '../../../../preload/schemas/calls';
import { formatDateTime } from '../../../../preload/common/format';
import { plural } from '../../../../preload/common/plural';
import { Card } from '../../components/Card';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/Loading';
import { useRecentImports } from '../../queries/calls';
import { formatCount } from './callLabels';

const STATUS_BADGES: Record<ImportStatus, { label: string; tone: string }> = {
  running: { label: 'Running', tone: 'badge' },
  done: { label: 'Finished', tone: 'badge badge--success' },
  cancelled: { label: 'Cancelled', tone: 'badge' },
  failed: { label: 'Failed', tone: 'badge badge--danger' },
  interrupted: { label: 'Interrupted', tone: 'badge badge--warning' },
};

function StatusCell({ record }: { record: ImportRecordView }) {
  const badge = STATUS_BADGES[record.status];
  return (
    <span className="recent-imports__status">
      <span className={badge.tone}>{badge.label}</span>
      {record.message ? <span className="recent-imports__message">{record.message}</span> : null}
    </span>
  );
}

const COLUMNS: readonly DataColumn<ImportRecordView>[] = [
  {
    id: 'file',
    header: 'File',
    rowHeader: true,
    sortValue: (record) => record.source,
    cell: (record) => <span className="import-file">{record.source}</span>,
  },
  { id: 'started', header: 'Started', className: 'recent-imports__time', sortValue: (record) => record.startedAt, cell: (record) => formatDateTime(record.startedAt) },
  { id: 'status', header: 'Status', sortValue: (record) => record.status, cell: (record) => <StatusCell record={record} />, className: 'recent-imports__status-cell' },
  { id: 'added', header: 'New calls', numeric: true, sortValue: (record) => record.added, cell: (record) => formatCount(record.added) },
  { id: 'duplicates', header: 'Already there', numeric: true, sortValue: (record) => record.duplicates, cell: (record) => formatCount(record.duplicates) },
  { id: 'rejected', header: 'Rejected', numeric: true, sortValue: (record) => record.rejected, cell: (record) => formatCount(record.rejected) },
];

/**
 * The imports main recorded, newest first. One whose process was killed (the app closed or
 * crashed meanwhile) reads "Interrupted" with what to do: import the file again (issue 9).
 */
export function RecentImportsCard() {
  const { imports, status, error } = useRecentImports();
  const interrupted = imports.filter((record) => record.status === 'interrupted');
  return (
    <Card title="Recent imports" className="recent-imports">
      {status === 'error' && error ? <ErrorBanner error={error} title="Could not load the recent imports" /> : null}
      {status === 'loading' ? <Loading label="Loading recent imports…" /> : null}
      {status === 'ready' && imports.length === 0 ? <p className="muted">No imports yet. The files you import are listed here, newest first.</p> : null}
      {interrupted.length > 0 ? (
        <div className="banner banner--warning" data-testid="interrupted-imports">
          <Icon name="alert" />
          <div className="banner__body">
            <p className="banner__title">{plural(interrupted.length, 'import was interrupted', 'imports were interrupted')}</p>
            <p className="banner__message">
              The app or command stopped while {interrupted.length === 1 ? 'it' : 'they'} ran. The calls saved before that are kept: import{' '}
              {interrupted.map((record) => record.source).join(', ')} again to finish (calls already there are skipped).
            </p>
          </div>
        </div>
      ) : null}
      {imports.length > 0 ? (
        <DataTable
          columns={COLUMNS}
          rows={imports}
          rowKey={(record) => String(record.importId)}
          caption="Recent imports, newest first"
          rowAttributes={(record) => ({ 'data-import-id': record.importId, 'data-status': record.status })}
        />
      ) : null}
    </Card>
  );
}
