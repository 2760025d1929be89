import type { ClientManageView, SubaccountSummary } from '../../../../preload/schemas/clients';
import type { PendingConfirmation } from '../../components/ActionConfirmDialog';
import { Card } from '../../components/Card';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { Icon } from '../../components/Icon';
import { useMemo } from 'react';
import { hrefTo, navigate } from '../../lib/router';
import { useDeleteSubaccount } from '../../queries/clientActions';

interface ClientSubaccountsCardProps {
  view: ClientManageView;
  onConfirm(confirmation: PendingConfirmation): void;
}

const deleteConfirmation = (subaccount: SubaccountSummary, deleteSubaccount: ReturnType<typeof useDeleteSubaccount>): PendingConfirmation => ({
  title: `Delete sub account ${subaccount.username}?`,
  description: `Devices using ${subaccount.account} can no longer register. Its call history is kept, and the username becomes free again.`,
  confirmLabel: 'Delete sub account',
  destructive: true,
  run: () => deleteSubaccount(subaccount.id, subaccount.username),
});

function subaccountColumns(
  onConfirm: (confirmation: PendingConfirmation) => void,
  deleteSubaccount: ReturnType<typeof useDeleteSubaccount>,
): readonly DataColumn<SubaccountSummary>[] {
  return [
    {
      id: 'username',
      header: 'Sub account',
      rowHeader: true,
      sortValue: (subaccount) => subaccount.username,
      cell: (subaccount) => (
        <>
          {subaccount.username}
          <span className="table__subtext">
            <code>{subaccount.account}</code>
          </span>
        </>
      ),
    },
    { id: 'description', header: 'Description', cell: (subaccount) => subaccount.description || <span className="muted">—</span> },
    {
      id: 'package',
      header: 'Package',
      sortValue: (subaccount) => subaccount.packageName ?? '',
      cell: (subaccount) => subaccount.packageName ?? <span className="muted">No package</span>,
    },
    {
      id: 'actions',
      header: 'Actions',
      hideHeader: true,
      className: 'table__actions',
      cell: (subaccount) => (
        <>
          <a className="button button--ghost button--small" href={hrefTo(`/subaccounts/${subaccount.id}`)} aria-label={`Edit ${subaccount.username}`}>
            <Icon name="edit" size={15} />
            Edit
          </a>
          <button type="button" className="button button--ghost-danger button--small" aria-label={`Delete ${subaccount.username}`} onClick={() => onConfirm(deleteConfirmation(subaccount, deleteSubaccount))}>
            <Icon name="trash" size={15} />
            Delete
          </button>
        </>
      ),
    },
  ];
}

/** Guide: "Once the client account has been created, you will need to create a sub account for it". */
export function ClientSubaccountsCard({ view, onConfirm }: ClientSubaccountsCardProps) {
  const closed = view.client.status === 'closed';
  const deleteSubaccount = useDeleteSubaccount();
  const columns = useMemo(() => subaccountColumns(onConfirm, deleteSubaccount), [onConfirm, deleteSubaccount]);
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
        <DataTable
          columns={columns}
          rows={view.subaccounts}
          rowKey={(subaccount) => String(subaccount.id)}
          caption="Sub accounts of this client"
          onRowActivate={(subaccount) => navigate(`/subaccounts/${subaccount.id}`)}
        />
      )}
    </Card>
  );
}
