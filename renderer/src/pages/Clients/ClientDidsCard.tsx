import { useMemo, useState } from 'react';
import type { ClientManageView, DidAssignmentView } from '../../../../preload/schemas/clients';
import type { PendingConfirmation } from '../../components/ActionConfirmDialog';
import { Card } from '../../components/Card';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { Icon } from '../../components/Icon';
import { Money, Rate } from '../../components/Money';
import { PhoneNumber, formatDid } from '../../components/PhoneNumber';
import { hrefTo } from '../../lib/router';
import { useUnassignDid } from '../../queries/clientActions';
import { AssignDidDialog } from './AssignDidDialog';

interface ClientDidsCardProps {
  view: ClientManageView;
  onConfirm(confirmation: PendingConfirmation): void;
}

const unassignConfirmation = (did: DidAssignmentView, unassignDid: ReturnType<typeof useUnassignDid>): PendingConfirmation => ({
  title: `Unassign ${formatDid(did.number)}?`,
  description: 'The number goes back to your DID inventory and its monthly fee stops. Calls already rated keep their price.',
  confirmLabel: 'Unassign DID',
  destructive: true,
  run: () => unassignDid(did.id, formatDid(did.number)),
});

function didColumns(
  closed: boolean,
  onConfirm: (confirmation: PendingConfirmation) => void,
  unassignDid: ReturnType<typeof useUnassignDid>,
): readonly DataColumn<DidAssignmentView>[] {
  return [
    { id: 'number', header: 'Number', rowHeader: true, sortValue: (did) => did.number, cell: (did) => <PhoneNumber digits={did.number} /> },
    { id: 'package', header: 'Package', sortValue: (did) => did.packageName, cell: (did) => did.packageName },
    { id: 'minuteRate', header: 'Per minute', numeric: true, sortValue: (did) => Number(did.minuteRate), cell: (did) => <Rate value={did.minuteRate} kind="ownRate" perMinute /> },
    { id: 'monthlyFee', header: 'Monthly fee', numeric: true, sortValue: (did) => Number(did.monthlyFee), cell: (did) => <Money value={did.monthlyFee} /> },
    { id: 'setupFee', header: 'Setup fee', numeric: true, sortValue: (did) => Number(did.setupFee), cell: (did) => <Money value={did.setupFee} /> },
    {
      id: 'actions',
      header: 'Actions',
      hideHeader: true,
      className: 'table__actions',
      cell: (did) => (
        <button
          type="button"
          className="button button--ghost-danger button--small"
          aria-label={`Unassign ${formatDid(did.number)}`}
          disabled={closed}
          onClick={() => onConfirm(unassignConfirmation(did, unassignDid))}
        >
          Unassign
        </button>
      ),
    },
  ];
}

/** The client's phone numbers, each under one of its packages with its own rates. */
export function ClientDidsCard({ view, onConfirm }: ClientDidsCardProps) {
  const [assigning, setAssigning] = useState(false);
  const closed = view.client.status === 'closed';
  const noPackage = view.packages.length === 0;
  const unassignDid = useUnassignDid();
  const columns = useMemo(() => didColumns(closed, onConfirm, unassignDid), [closed, onConfirm, unassignDid]);
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
        <DataTable columns={columns} rows={view.dids} rowKey={(did) => String(did.id)} caption="Assigned DIDs" />
      )}
      <AssignDidDialog connections={view.packages} open={assigning} onClose={() => setAssigning(false)} />
    </Card>
  );
}
