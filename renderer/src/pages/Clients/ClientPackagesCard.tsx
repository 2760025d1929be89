import { useState } from 'react';
import type { ClientManageView, ClientPackageView } from '../../../../preload/schemas/clients';
import type { PendingConfirmation } from '../../components/ActionConfirmDialog';
import { Card } from '../../components/Card';
import { Icon } from '../../components/Icon';
import { Money } from '../../components/Money';
import { disconnectPackage } from '../../stores/clientsManage';
import { formatDay } from '../../../../preload/common/dates';
import { ConnectPackageDialog } from './ConnectPackageDialog';

interface ClientPackagesCardProps {
  view: ClientManageView;
  onConfirm(confirmation: PendingConfirmation): void;
}

const unconnectConfirmation = (connection: ClientPackageView): PendingConfirmation => ({
  title: `Unconnect “${connection.packageName}”?`,
  description: 'No more monthly fees are charged for it. DIDs and sub accounts that use this package must be unconnected first.',
  confirmLabel: 'Unconnect package',
  destructive: true,
  run: () => disconnectPackage(connection.id, connection.packageName),
});

/** Guide: "Package for this clients" on the Manage page. */
export function ClientPackagesCard({ view, onConfirm }: ClientPackagesCardProps) {
  const [connecting, setConnecting] = useState(false);
  const closed = view.client.status === 'closed';
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
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Connected packages</caption>
            <thead>
              <tr>
                <th scope="col">Package</th>
                <th scope="col" className="num">
                  Monthly fee
                </th>
                <th scope="col">Next billing date</th>
                <th scope="col">Setup fee</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {view.packages.map((connection) => (
                <tr key={connection.id}>
                  <th scope="row" className="table__name">
                    {connection.packageName}
                  </th>
                  <td className="num">
                    <Money value={connection.monthlyFee} />
                  </td>
                  <td className="table__nowrap">{formatDay(connection.nextBillingDate)}</td>
                  <td>{connection.setupFeePending ? <span className="badge badge--warning">Due on first billing</span> : <span className="muted">None due</span>}</td>
                  <td className="table__actions">
                    <button
                      type="button"
                      className="button button--ghost-danger button--small"
                      aria-label={`Unconnect ${connection.packageName}`}
                      disabled={closed}
                      onClick={() => onConfirm(unconnectConfirmation(connection))}
                    >
                      Unconnect
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConnectPackageDialog clientId={view.client.id} open={connecting} onClose={() => setConnecting(false)} />
    </Card>
  );
}
