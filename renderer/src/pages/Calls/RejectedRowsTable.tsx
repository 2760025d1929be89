import { useId } from 'react';
import type { ImportJobView } from '../../../../preload/schemas/calls';
import { formatCount } from './callLabels';

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
      <div className="table-wrap rejected-rows__wrap">
        <table className="table" aria-labelledby={titleId}>
          <thead>
            <tr>
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {rejects.map((reject) => (
              <tr key={reject.line}>
                <th scope="row" className="num rejected-rows__line">
                  {formatCount(reject.line)}
                </th>
                <td>{reject.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
