import type { InvoiceSummary } from '../../../../preload/schemas/invoices';
import { STATUS_LABELS } from './invoiceLabels';

/** Issued or Void as a word in a pill (a credit note says so too); the colour only repeats the word. */
export function InvoiceStatusBadge({ invoice }: { invoice: Pick<InvoiceSummary, 'status' | 'kind'> }) {
  return (
    <span className="invoice-badges">
      <span className={invoice.status === 'void' ? 'badge badge--danger' : 'badge badge--success'}>{STATUS_LABELS[invoice.status]}</span>
      {invoice.kind === 'credit_note' ? <span className="badge">Credit note</span> : null}
    </span>
  );
}
