import { useId, useState } from 'react';
import type { ClientManageView } from '../../../../preload/schemas/clients';
import { plural } from '../../../../preload/common/plural';
import { Card } from '../../components/Card';
import { DataTable } from '../../components/DataTable';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/Loading';
import { hrefTo } from '../../lib/router';
import { useClientInvoices } from '../../queries/invoices';
import { CLIENT_INVOICE_COLUMNS } from '../Invoices/invoiceColumns';
import { IssueInvoiceDialog } from '../Invoices/IssueInvoiceDialog';

/** Issue 11: the client's invoices and credit notes, newest first, and an invoice on demand. */
export function ClientInvoicesCard({ view }: { view: ClientManageView }) {
  const { client } = view;
  const { invoices, total, status, error } = useClientInvoices(client.id);
  const [issuing, setIssuing] = useState(false);
  const captionId = useId();
  const closed = client.status === 'closed';

  let body;
  if (status === 'error' && error) body = <ErrorBanner error={error} title="Could not load the invoices" />;
  else if (status === 'loading') body = <Loading label="Loading the invoices…" />;
  else if (invoices.length === 0) body = <p className="empty-line">No invoices yet.</p>;
  else {
    body = (
      <>
        <span id={captionId} className="visually-hidden">
          Invoices of {client.name}
        </span>
        <DataTable columns={CLIENT_INVOICE_COLUMNS} rows={invoices} rowKey={(invoice) => String(invoice.id)} labelledBy={captionId} />
        {total > invoices.length ? (
          <p className="muted table-note">
            The newest {invoices.length} of {plural(total, 'invoice', 'invoices')}. <a href={hrefTo('/invoices')}>All invoices</a>
          </p>
        ) : null}
      </>
    );
  }

  return (
    <Card
      title="Invoices"
      className="client-invoices"
      aside={
        closed ? null : (
          <button type="button" className="button button--secondary button--small" onClick={() => setIssuing(true)}>
            <Icon name="plus" size={14} />
            Issue invoice
          </button>
        )
      }
    >
      {body}
      {issuing ? <IssueInvoiceDialog open clientId={client.id} clientName={client.name} onClose={() => setIssuing(false)} /> : null}
    </Card>
  );
}
