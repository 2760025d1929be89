import type { CostImportResult } from '../../../../../preload/schemas/pricing';
import { Card } from '../../../components/Card';
import { ROUTE_LABELS as ROUTE_NAMES } from '../../../../../preload/common/catalog';

/** What the last import took in, and each refused line with its number in the file and why. */
export function CostImportReport({ result }: { result: CostImportResult }) {
  const refused = result.rejected.length;
  return (
    <Card title="Last import" aside={<span className="muted">{ROUTE_NAMES[result.route]} route</span>}>
      <p role="status" data-testid="cost-import-summary">
        <strong>{result.imported}</strong> of {result.total} lines imported
        {refused > 0 ? `; ${refused} ${refused === 1 ? 'line was' : 'lines were'} refused.` : '.'}
      </p>
      {refused > 0 ? (
        <div className="table-wrap">
          <table className="table cost-rejected">
            <caption className="visually-hidden">Refused lines</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Line
                </th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {result.rejected.map((line) => (
                <tr key={line.line}>
                  <td className="num rejected__line">{line.line}</td>
                  <td>{line.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Card>
  );
}
