import { DataTable, type DataColumn } from '../../components/DataTable';
import { Money } from '../../components/Money';
import { hrefTo } from '../../lib/router';
import { rerateTotals, type ClientDifference, type RerateTotals } from '../../queries/rerate';
import { signedMoney } from './rerateWords';

type Figures = Pick<RerateTotals, 'calls' | 'before' | 'after' | 'difference'>;

const FIGURE_COLUMNS: readonly DataColumn<Figures>[] = [
  { id: 'calls', header: 'Calls', numeric: true, cell: (figures) => figures.calls.toLocaleString('en-US') },
  { id: 'before', header: 'Before', numeric: true, cell: (figures) => <Money value={figures.before} kind="perCall" /> },
  { id: 'after', header: 'After', numeric: true, cell: (figures) => <Money value={figures.after} kind="perCall" /> },
  { id: 'difference', header: 'Difference', numeric: true, className: 'rerate-table__difference', cell: (figures) => signedMoney(figures.difference) },
];

/** The total, laid out as one more client: "Total" on a row of its own, then the figures. */
function TotalRows({ totals }: { totals: Figures }) {
  return (
    <>
      <tr className="rerate-table__client">
        <th scope="rowgroup" colSpan={FIGURE_COLUMNS.length}>
          Total
        </th>
      </tr>
      <tr className="rerate-table__figures">
        {FIGURE_COLUMNS.map((column) => (
          <td key={column.id} className={['num', column.className].filter(Boolean).join(' ')}>
            {column.cell(totals)}
          </td>
        ))}
      </tr>
    </>
  );
}

/**
 * One group per client: its name on a row of its own, then the calls of its open cycles,
 * their charges before and after, and the difference. Stacked so that four figure
 * columns fit the editor's narrow side column without scrolling.
 */
export function RerateTable({ differences }: { differences: readonly ClientDifference[] }) {
  return (
    <DataTable<ClientDifference>
      columns={FIGURE_COLUMNS}
      rows={differences}
      rowKey={(row) => String(row.clientId)}
      caption="Difference per client"
      className="rerate-table"
      rowAttributes={(row) => ({ className: 'rerate-table__figures', 'data-client-id': row.clientId })}
      rowGroupHeading={(row) => <a href={hrefTo(`/clients/${row.clientId}`)}>{row.clientName}</a>}
      footer={<TotalRows totals={rerateTotals(differences)} />}
    />
  );
}
