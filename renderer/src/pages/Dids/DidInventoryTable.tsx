import type { DidInventoryView } from '../../../../preload/schemas/telephony';
import { PhoneNumber } from '../../components/PhoneNumber';
import { hrefTo } from '../../lib/router';

const SOURCE_LABELS: Record<string, string> = { manual: 'Added by hand', import: 'Imported', sync: 'From the provider' };

/** Every number of the inventory and who, if anyone, it rings for. */
export function DidInventoryTable({ dids }: { dids: readonly DidInventoryView[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">DID inventory, by number</caption>
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Description</th>
            <th scope="col">Assigned to</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {dids.map((did) => (
            <tr key={did.id}>
              <th scope="row" className="table__name">
                <PhoneNumber digits={did.number} />
              </th>
              <td>{did.description || <span className="muted">—</span>}</td>
              <td>
                {did.assignedTo ? (
                  <a href={hrefTo(`/clients/${did.assignedTo.clientId}`)}>{did.assignedTo.clientName}</a>
                ) : (
                  <span className="badge badge--success">Available</span>
                )}
              </td>
              <td className="muted">{SOURCE_LABELS[did.source] ?? did.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
