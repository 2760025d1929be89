import { Money } from '../../components/Money';
import { hrefTo } from '../../lib/router';
import { rerateTotals, type ClientDifference, type RerateTotals } from '../../stores/rerate';
import { signedMoney } from './rerateWords';

/** The figures of one client, or of all of them. */
function FigureCells({ figures }: { figures: Pick<RerateTotals, 'calls' | 'before' | 'after' | 'difference'> }) {
  return (
    <tr className="rerate-table__figures">
      <td className="num">{figures.calls.toLocaleString('en-US')}</td>
      <td className="num">
        <Money value={figures.before} />
      </td>
      <td className="num">
        <Money value={figures.after} />
      </td>
      <td className="num rerate-table__difference">{signedMoney(figures.difference)}</td>
    </tr>
  );
}

/**
 * One group per client: its name on a row of its own, then the calls of its open cycles,
 * their charges before and after, and the difference. Stacked so that four figure
 * columns fit the editor's narrow side column without scrolling.
 */
export function RerateTable({ differences }: { differences: readonly ClientDifference[] }) {
  return (
    <div className="table-wrap">
      <table className="table rerate-table">
        <caption className="visually-hidden">Difference per client</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Calls
            </th>
            <th scope="col" className="num">
              Before
            </th>
            <th scope="col" className="num">
              After
            </th>
            <th scope="col" className="num">
              Difference
            </th>
          </tr>
        </thead>
        {differences.map((row) => (
          <tbody key={row.clientId} data-client-id={row.clientId}>
            <tr className="rerate-table__client">
              <th scope="rowgroup" colSpan={4}>
                <a href={hrefTo(`/clients/${row.clientId}`)}>{row.clientName}</a>
              </th>
            </tr>
            <FigureCells figures={row} />
          </tbody>
        ))}
        <tfoot>
          <tr className="rerate-table__client">
            <th scope="rowgroup" colSpan={4}>
              Total
            </th>
          </tr>
          <FigureCells figures={rerateTotals(differences)} />
        </tfoot>
      </table>
    </div>
  );
}
