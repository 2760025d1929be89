import { useState } from 'react';
import type { InvoiceView } from '../../../../preload/schemas/invoices';
import { formatDateTime } from '../../../../preload/common/format';
import { plural } from '../../../../preload/common/plural';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { hrefTo } from '../../lib/router';
import { toApiError } from '../../queries/channel';
import { useInvoice, useInvoiceCsv, useInvoicePdf } from '../../queries/invoices';
import { showToast } from '../../stores/toasts';
import { downloadBase64File, downloadTextFile } from '../Packages/downloadFile';
import { EmailInvoiceDialog } from './EmailInvoiceDialog';
import { CreditNoteDialog, VoidInvoiceDialog } from './InvoiceDialogs';
import { InvoiceEmails } from './InvoiceEmails';
import { InvoiceDocument } from './InvoiceDocument';
import { InvoiceStatusBadge } from './InvoiceStatusBadge';
import { documentTitle, invoiceActions } from './invoiceLabels';

const backLink = (
  <a className="back-link" href={hrefTo('/invoices')}>
    <Icon name="arrowLeft" size={14} />
    Invoices
  </a>
);

function DownloadPdfButton({ invoice }: { invoice: InvoiceView }) {
  const { fetchPdf, fetching } = useInvoicePdf();
  const download = async (): Promise<void> => {
    try {
      const file = await fetchPdf({ id: invoice.id });
      downloadBase64File(file.fileName, file.base64);
      showToast({ tone: 'success', title: 'PDF downloaded', description: `${file.fileName}: ${plural(file.pages, 'page', 'pages')}.` });
    } catch (error) {
      showToast({ tone: 'error', title: 'No PDF made', description: toApiError(error).message });
    }
  };
  return (
    <button type="button" className="button button--primary" disabled={fetching} onClick={() => void download()}>
      <Icon name="download" size={16} />
      {fetching ? 'Making the PDF…' : 'Download PDF'}
    </button>
  );
}

function DownloadCsvButton({ invoice }: { invoice: InvoiceView }) {
  const { fetchCsv, fetching } = useInvoiceCsv();
  const download = async (): Promise<void> => {
    try {
      const file = await fetchCsv({ id: invoice.id });
      downloadTextFile(file.fileName, file.csv);
      showToast({ tone: 'success', title: 'CSV downloaded', description: `${file.fileName}: ${plural(file.rows, 'row', 'rows')}.` });
    } catch (error) {
      showToast({ tone: 'error', title: 'No CSV made', description: toApiError(error).message });
    }
  };
  return (
    <button type="button" className="button button--secondary" disabled={fetching} onClick={() => void download()}>
      {fetching ? 'Making the CSV…' : 'Download CSV'}
    </button>
  );
}

/** One invoice or credit note as issued, with what can still be done to it (void, credit note, PDF). */
export function InvoicePage({ invoiceId }: { invoiceId: number }) {
  const { invoice, status, error } = useInvoice(invoiceId);
  const [dialog, setDialog] = useState<'void' | 'credit' | 'email' | null>(null);

  if (!invoice || invoice.id !== invoiceId) {
    return (
      <>
        <PageHeader title="Invoice" back={backLink} />
        {status === 'error' && error ? <ErrorBanner error={error} title="Could not load the invoice" /> : <Loading label="Loading the invoice…" />}
      </>
    );
  }

  const { canVoid, canCredit } = invoiceActions(invoice);
  const actions = (
    <>
      {canCredit ? (
        <button type="button" className="button button--secondary" onClick={() => setDialog('credit')}>
          Credit note
        </button>
      ) : null}
      {canVoid ? (
        <button type="button" className="button button--ghost-danger" onClick={() => setDialog('void')}>
          Void
        </button>
      ) : null}
      <button type="button" className="button button--secondary" onClick={() => setDialog('email')}>
        E-mail invoice
      </button>
      <DownloadCsvButton invoice={invoice} />
      <DownloadPdfButton invoice={invoice} />
    </>
  );

  return (
    <>
      <PageHeader
        title={documentTitle(invoice)}
        back={backLink}
        description={
          <span className="client-heading">
            <InvoiceStatusBadge invoice={invoice} />
            <a href={hrefTo(`/clients/${invoice.clientId}`)}>{invoice.clientName}</a>
          </span>
        }
        actions={actions}
      />
      {invoice.status === 'void' ? (
        <div className="banner banner--warning" role="note" data-testid="void-banner">
          <Icon name="alert" />
          <div className="banner__body">
            <p className="banner__title">Void{invoice.voidedAt ? ` since ${formatDateTime(invoice.voidedAt)}` : ''}</p>
            <p className="banner__message">
              {invoice.voidReason ? `Reason: ${invoice.voidReason}. ` : ''}The number {invoice.number} stays taken: it is never reused.
            </p>
          </div>
        </div>
      ) : null}
      <InvoiceEmails invoiceId={invoice.id} />
      <InvoiceDocument invoice={invoice} />
      <VoidInvoiceDialog invoice={invoice} open={dialog === 'void'} onClose={() => setDialog(null)} />
      <CreditNoteDialog invoice={invoice} open={dialog === 'credit'} onClose={() => setDialog(null)} />
      <EmailInvoiceDialog invoice={invoice} open={dialog === 'email'} onClose={() => setDialog(null)} />
    </>
  );
}
