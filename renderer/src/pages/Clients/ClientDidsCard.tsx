import { useState } from 'react';
import type { ClientManageView, DidAssignmentView } from '../../../../preload/schemas/clients';
import type { PendingConfirmation } from '../../components/ActionConfirmDialog';
import { Card } from '../../components/Card';
import { Icon } from '../../components/Icon';
import { Money, Rate } from '../../components/Money';
import { PhoneNumber, formatDid } from '../../components/PhoneNumber';
import { hrefTo } from '../../lib/router';
import { unassignDid } from '../../stores/clientsManage';
import { AssignDidDialog } from './AssignDidDialog';

interface ClientDidsCardProps {
  view: ClientManageView;
  onConfirm(confirmation: PendingConfirmation): void;
}

const unassignConfirmation = (did: DidAssignmentView): PendingConfirmation => ({
  title: `Unassign ${formatDid(did.number)}?`,
  description: 'The number goes back to your DID inventory and its monthly fee stops. Calls already rated keep their price.',
  confirmLabel: 'Unassign DID',
  destructive: true,
  run: () => unassignDid(did.id, formatDid(did.number)),
});

/** The client's phone numbers, each under one of its packages with its own rates. */
export function ClientDidsCard({ view, onConfirm }: ClientDidsCardProps) {
  const [assigning, setAssigning] = useState(false);
  const closed = view.client.status === 'closed';
  const noPackage = view.packages.length === 0;
  return (
    <Card
      title="DIDs"
      aside={
        <button type="button" className="button button--secondary button--small" disabled={closed || noPackage} onClick={() => setAssigning(true)}>
          <Icon name="plus" size={15} />
          Assign DID
        </button>
      }
    >
      {view.dids.length === 0 ? (
        <p className="empty-line">
          {noPackage ? 'Connect a package first: a DID is assigned under one of the client’s packages.' : 'No DID is assigned.'}{' '}
          Numbers come from your <a href={hrefTo('/dids')}>DID inventory</a>.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Assigned DIDs</caption>
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Package</th>
                <th scope="col" className="num">
                  Per minute
                </th>
                <th scope="col" className="num">
                  Monthly fee
                </th>
                <th scope="col" className="num">
                  Setup fee
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {view.dids.map((did) => (
                <tr key={did.id}>
                  <th scope="row" className="table__name">
                    <PhoneNumber digits={did.number} />
                  </th>
                  <td>{did.packageName}</td>
                  <td className="num">
                    <Rate value={did.minuteRate} perMinute />
                  </td>
                  <td className="num">
                    <Money value={did.monthlyFee} />
                  </td>
                  <td className="num">
                    <Money value={did.setupFee} />
                  </td>
                  <td className="table__actions">
                    <button
                      type="button"
                      className="button button--ghost-danger button--small"
                      aria-label={`Unassign ${formatDid(did.number)}`}
                      disabled={closed}
                      onClick={() => onConfirm(unassignConfirmation(did))}
                    >
                      Unassign
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AssignDidDialog connections={view.packages} open={assigning} onClose={() => setAssigning(false)} />
    </Card>
  );
}
