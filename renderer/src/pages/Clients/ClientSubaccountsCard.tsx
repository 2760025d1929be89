import type { ClientManageView, SubaccountSummary } from '../../../../preload/schemas/clients';
import type { PendingConfirmation } from '../../components/ActionConfirmDialog';
import { Card } from '../../components/Card';
import { Icon } from '../../components/Icon';
import { hrefTo } from '../../lib/router';
import { deleteSubaccount } from '../../stores/clientsManage';

interface ClientSubaccountsCardProps {
  view: ClientManageView;
  onConfirm(confirmation: PendingConfirmation): void;
}

const deleteConfirmation = (subaccount: SubaccountSummary): PendingConfirmation => ({
  title: `Delete sub account ${subaccount.username}?`,
  description: `Devices using ${subaccount.account} can no longer register. Its call history is kept, and the username becomes free again.`,
  confirmLabel: 'Delete sub account',
  destructive: true,
  run: () => deleteSubaccount(subaccount.id, subaccount.username),
});

/** Guide: "Once the client account has been created, you will need to create a sub account for it". */
export function ClientSubaccountsCard({ view, onConfirm }: ClientSubaccountsCardProps) {
  const closed = view.client.status === 'closed';
  return (
    <Card
      title="Sub accounts"
      aside={
        closed ? null : (
          <a className="button button--secondary button--small" href={hrefTo(`/clients/${view.client.id}/subaccounts/new`)}>
            <Icon name="plus" size={15} />
            New sub account
          </a>
        )
      }
    >
      {view.subaccounts.length === 0 ? (
        <p className="empty-line">No sub account yet. A sub account is what the client’s phone or PBX registers with.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Sub accounts of this client</caption>
            <thead>
              <tr>
                <th scope="col">Sub account</th>
                <th scope="col">Description</th>
                <th scope="col">Package</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {view.subaccounts.map((subaccount) => (
                <tr key={subaccount.id}>
                  <th scope="row" className="table__name">
                    {subaccount.username}
                    <span className="table__subtext">
                      <code>{subaccount.account}</code>
                    </span>
                  </th>
                  <td>{subaccount.description || <span className="muted">—</span>}</td>
                  <td>{subaccount.packageName ?? <span className="muted">No package</span>}</td>
                  <td className="table__actions">
                    <a className="button button--ghost button--small" href={hrefTo(`/subaccounts/${subaccount.id}`)} aria-label={`Edit ${subaccount.username}`}>
                      <Icon name="edit" size={15} />
                      Edit
                    </a>
                    <button
                      type="button"
                      className="button button--ghost-danger button--small"
                      aria-label={`Delete ${subaccount.username}`}
                      onClick={() => onConfirm(deleteConfirmation(subaccount))}
                    >
                      <Icon name="trash" size={15} />
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
