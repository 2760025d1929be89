import { useState } from 'react';
import type { ClientManageView } from '../../../../preload/schemas/clients';
import { ActionConfirmDialog, type PendingConfirmation } from '../../components/ActionConfirmDialog';
import { Card } from '../../components/Card';
import { ClientStatusBadge } from '../../components/ClientStatusBadge';
import { DetailList } from '../../components/DetailList';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/Loading';
import { NoticeList } from '../../components/NoticeList';
import { PageHeader } from '../../components/PageHeader';
import { hrefTo, navigate } from '../../lib/router';
import { useDeleteClient } from '../../queries/clientActions';
import { useClientManage } from '../../queries/clients';
import { BalancePanel } from './BalancePanel';
import { ClientDidsCard } from './ClientDidsCard';
import { ClientInvoicesCard } from './ClientInvoicesCard';
import { ClientPackagesCard } from './ClientPackagesCard';
import { ClientSubaccountsCard } from './ClientSubaccountsCard';
import { ClientTaxesCard } from './ClientTaxesCard';
import { LedgerCard } from './LedgerCard';

const backLink = (
  <a className="back-link" href={hrefTo('/clients')}>
    <Icon name="arrowLeft" size={14} />
    Clients
  </a>
);

const deleteConfirmation = (view: ClientManageView, deleteClient: ReturnType<typeof useDeleteClient>): PendingConfirmation => ({
  title: `Delete ${view.client.name}?`,
  description:
    'The client is closed: it leaves your client list, but its ledger, calls and invoices are kept. Every package, DID and sub account must be unconnected first.',
  confirmLabel: 'Delete client',
  destructive: true,
  run: () => deleteClient(view.client.id, view.client.name),
  onDone: () => navigate('/clients', { withToasts: true }),
});

function addressOf({ client }: ClientManageView): string {
  const cityLine = [client.city, client.state, client.postalCode].filter(Boolean).join(', ');
  return [client.street, cityLine, client.country].filter(Boolean).join(' · ');
}

/** Guide: "Manage Client" — balance, packages, DIDs, sub accounts and the full history. */
export function ClientManagePage({ clientId }: { clientId: number }) {
  const { view, status, error } = useClientManage(clientId);
  const deleteClient = useDeleteClient();
  const [confirmation, setConfirmation] = useState<PendingConfirmation | null>(null);

  if (!view || view.client.id !== clientId) {
    return (
      <>
        <PageHeader title="Client" back={backLink} />
        {status === 'error' && error ? <ErrorBanner error={error} title="Could not load the client" /> : <Loading label="Loading the client…" />}
      </>
    );
  }

  const { client } = view;
  const closed = client.status === 'closed';
  // A closed client keeps its call history: its CDR stays reachable.
  const callsLink = (
    <a className="button button--secondary" href={hrefTo(`/clients/${client.id}/calls`)}>
      <Icon name="calls" size={16} />
      Calls (CDR)
    </a>
  );
  const actions = closed ? (
    callsLink
  ) : (
    <>
      {callsLink}
      <a className="button button--secondary" href={hrefTo(`/clients/${client.id}/edit`)}>
        <Icon name="edit" size={16} />
        Edit client
      </a>
      <button type="button" className="button button--ghost-danger" onClick={() => setConfirmation(deleteConfirmation(view, deleteClient))}>
        <Icon name="trash" size={16} />
        Delete client
      </button>
    </>
  );

  return (
    <>
      <PageHeader
        title={client.name}
        back={backLink}
        description={
          <span className="client-heading">
            <ClientStatusBadge status={client.status} />
            <span>{client.email}</span>
            {client.phone ? <span>{client.phone}</span> : null}
          </span>
        }
        actions={actions}
      />
      {closed ? <p className="banner banner--info">This client was deleted (closed). Its history is kept for your records; nothing can be added.</p> : null}
      <BalancePanel view={view} />
      <ClientPackagesCard view={view} onConfirm={setConfirmation} />
      <ClientDidsCard view={view} onConfirm={setConfirmation} />
      <ClientSubaccountsCard view={view} onConfirm={setConfirmation} />
      <LedgerCard view={view} />
      <ClientInvoicesCard view={view} />
      <ClientTaxesCard view={view} />
      <div className="grid grid--2">
        <Card title="Notices">
          {view.notices.length === 0 ? <p className="empty-line">No notices for this client.</p> : <NoticeList notices={view.notices} />}
        </Card>
        <Card title="Client details">
          <DetailList
            details={[
              { term: 'Company', value: client.company || '—' },
              { term: 'Address', value: addressOf(view) || '—' },
              { term: 'Notes', value: client.notes || '—' },
            ]}
          />
        </Card>
      </div>
      <ActionConfirmDialog pending={confirmation} onClose={() => setConfirmation(null)} />
    </>
  );
}
