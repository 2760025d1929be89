import type { CostImportResult } from '../../../../../preload/schemas/pricing';
import { Card } from '../../../components/Card';
import { ROUTE_LABELS as ROUTE_NAMES } from '../../../../../preload/common/catalog';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { Icon } from '../../../components/Icon';

type RefusedLine = CostImportResult['rejected'][number];

const COLUMNS: readonly DataColumn<RefusedLine>[] = [
  { id: 'line', header: 'Line', numeric: true, className: 'rejected__line', sortValue: (line) => line.line, cell: (line) => line.line },
  { id: 'reason', header: 'Reason', sortValue: (line) => line.reason, cell: (line) => line.reason },
];

/** What the last import took in, and each refused line with its number in the file and why; one that took nothing in failed. */
export function CostImportReport({ result }: { result: CostImportResult }) {
  const refused = result.rejected.length;
  return (
    <Card title="Last import" aside={<span className="muted">{ROUTE_NAMES[result.route]} route</span>}>
      {result.failure !== null ? (
        <div className="banner banner--error" role="alert" data-testid="cost-import-failure">
          <Icon name="alert" />
          <div className="banner__body">
            <p className="banner__title">The import failed</p>
            <p className="banner__message">
              {result.failure} The {ROUTE_NAMES[result.route]} deck is as it was.
            </p>
          </div>
        </div>
      ) : null}
      <p role="status" data-testid="cost-import-summary">
        <strong>{result.imported}</strong> of {result.total} lines imported
        {refused > 0 ? `; ${refused} ${refused === 1 ? 'line was' : 'lines were'} refused.` : '.'}
      </p>
      {refused > 0 ? (
        <DataTable columns={COLUMNS} rows={result.rejected} rowKey={(line) => String(line.line)} caption="Refused lines" className="cost-rejected" />
      ) : null}
    </Card>
  );
}
