import { useId } from 'react';
import type { ImportJobView } from '../../../../preload/schemas/calls';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { formatCount } from './callLabels';

type Reject = ImportJobView['rejects'][number];

const COLUMNS: readonly DataColumn<Reject>[] = [
  { id: 'line', header: 'Line', numeric: true, rowHeader: true, className: 'rejected-rows__line', sortValue: (reject) => reject.line, cell: (reject) => formatCount(reject.line) },
  { id: 'reason', header: 'Reason', sortValue: (reject) => reject.reason, cell: (reject) => reject.reason },
];

/** The rows main refused, by line number of the file, so the reseller can fix them in one pass. */
export function RejectedRowsTable({ rejects, total }: { rejects: ImportJobView['rejects']; total: number }) {
  const titleId = useId();
  return (
    <div className="rejected-rows">
      <h3 className="rejected-rows__title" id={titleId}>
        Rejected rows
      </h3>
      {total > rejects.length ? (
        <p className="muted">
          The first {formatCount(rejects.length)} of {formatCount(total)} rejected rows. The same problem is often on every row: fix it and import the file again.
        </p>
      ) : (
        <p className="muted">These rows were not imported. Fix them in the file and import it again: the calls already imported are skipped.</p>
      )}
      <DataTable columns={COLUMNS} rows={rejects} rowKey={(reject) => String(reject.line)} labelledBy={titleId} wrapClassName="rejected-rows__wrap" />
    </div>
  );
}
