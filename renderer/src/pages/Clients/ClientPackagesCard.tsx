import { useMemo, useState } from 'react';
import type { ClientManageView, ClientPackageView } from '../../../../preload/schemas/clients';
import type { PendingConfirmation } from '../../components/ActionConfirmDialog';
import { Card } from '../../components/Card';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { Icon } from '../../components/Icon';
import { Money } from '../../components/Money';
import { useDisconnectPackage } from '../../queries/clientActions';
import { formatDay } from '../../../../preload/common/dates';
import { ConnectPackageDialog } from './ConnectPackageDialog';

interface ClientPackagesCardProps {
  view: ClientManageView;
  onConfirm(confirmation: PendingConfirmation): void;
}

const unconnectConfirmation = (connection: ClientPackageView, disconnectPackage: ReturnType<typeof useDisconnectPackage>): PendingConfirmation => ({
  title: `Unconnect “${connection.packageName}”?`,
  description: 'No more monthly fees are charged for it. DIDs and sub accounts that use this package must be unconnected first.',
  confirmLabel: 'Unconnect package',
  destructive: true,
  run: () => disconnectPackage(connection.id, connection.packageName),
});

function connectionColumns(
  closed: boolean,
  onConfirm: (confirmation: PendingConfirmation) => void,
  disconnectPackage: ReturnType<typeof useDisconnectPackage>,
): readonly DataColumn<ClientPackageView>[] {
  return [
    { id: 'package', header: 'Package', rowHeader: true, sortValue: (connection) => connection.packageName, cell: (connection) => connection.packageName },
    { id: 'monthlyFee', header: 'Monthly fee', numeric: true, sortValue: (connection) => Number(connection.monthlyFee), cell: (connection) => <Money value={connection.monthlyFee} /> },
    {
      id: 'nextBillingDate',
      header: 'Next billing date',
      className: 'table__nowrap',
      sortValue: (connection) => connection.nextBillingDate,
      cell: (connection) => formatDay(connection.nextBillingDate),
    },
    {
      id: 'setupFee',
      header: 'Setup fee',
      cell: (connection) => (connection.setupFeePending ? <span className="badge badge--warning">Due on first billing</span> : <span className="muted">None due</span>),
    },
    {
      id: 'actions',
      header: 'Actions',
      hideHeader: true,
      className: 'table__actions',
      cell: (connection) => (
        <button
          type="button"
          className="button button--ghost-danger button--small"
          aria-label={`Unconnect ${connection.packageName}`}
          disabled={closed}
          onClick={() => onConfirm(unconnectConfirmation(connection, disconnectPackage))}
        >
          Unconnect
        </button>
      ),
    },
  ];
}

/** Guide: "Package for this clients" on the Manage page. */
export function ClientPackagesCard({ view, onConfirm }: ClientPackagesCardProps) {
  const [connecting, setConnecting] = useState(false);
  const closed = view.client.status === 'closed';
  const disconnectPackage = useDisconnectPackage();
  const columns = useMemo(() => connectionColumns(closed, onConfirm, disconnectPackage), [closed, onConfirm, disconnectPackage]);
  return (
    <Card
      title="Packages"
      aside={
        <button type="button" className="button button--secondary button--small" disabled={closed} onClick={() => setConnecting(true)}>
          <Icon name="plus" size={15} />
          Connect package
        </button>
      }
    >
      <p className="muted">Fees are charged for whole months; no proration. Each package bills on its next billing date, then monthly.</p>
      {view.packages.length === 0 ? (
        <p className="empty-line">No package is connected. Connect one to rate this client’s calls.</p>
      ) : (
        <DataTable columns={columns} rows={view.packages} rowKey={(connection) => String(connection.id)} caption="Connected packages" />
      )}
      <ConnectPackageDialog clientId={view.client.id} open={connecting} onClose={() => setConnecting(false)} />
    </Card>
  );
}
