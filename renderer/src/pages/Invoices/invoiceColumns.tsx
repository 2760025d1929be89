import type { InvoiceSummary } from '../../../../preload/schemas/invoices';
import { formatDay } from '../../../../preload/common/dates';
import type { DataColumn } from '../../components/DataTable';
import { Money } from '../../components/Money';
import { hrefTo } from '../../lib/router';
import { InvoiceStatusBadge } from './InvoiceStatusBadge';
import { periodText } from './invoiceLabels';

const numberColumn: DataColumn<InvoiceSummary> = {
  id: 'number',
  header: 'Number',
  rowHeader: true,
  className: 'table__nowrap',
  // Numbers sort by their order of issue, not as text ("INV-10" after "INV-9").
  sortValue: (invoice) => invoice.id,
  cell: (invoice) => <a href={hrefTo(`/invoices/${invoice.id}`)}>{invoice.number}</a>,
};

const clientColumn: DataColumn<InvoiceSummary> = {
  id: 'client',
  header: 'Client',
  sortValue: (invoice) => invoice.clientName.toLowerCase(),
  cell: (invoice) => <a href={hrefTo(`/clients/${invoice.clientId}`)}>{invoice.clientName}</a>,
};

const sharedColumns: readonly DataColumn<InvoiceSummary>[] = [
  { id: 'issued', header: 'Issue date', className: 'table__nowrap', sortValue: (invoice) => invoice.issueDate, cell: (invoice) => formatDay(invoice.issueDate) },
  { id: 'period', header: 'Period', sortValue: (invoice) => invoice.periodStart, cell: (invoice) => periodText(invoice) },
  // Decimal text of micros: exact as a number for sorting (well inside 2^53 micros).
  { id: 'total', header: 'Total due', numeric: true, sortValue: (invoice) => Number(invoice.totalDue), cell: (invoice) => <Money value={invoice.totalDue} /> },
  { id: 'status', header: 'Status', sortValue: (invoice) => `${invoice.status}-${invoice.kind}`, cell: (invoice) => <InvoiceStatusBadge invoice={invoice} /> },
];

/** The Invoices page's table: number, client, issue date, period, total due, status. */
export const INVOICE_COLUMNS: readonly DataColumn<InvoiceSummary>[] = [numberColumn, clientColumn, ...sharedColumns];

/** A client's own invoices (its page): the client column would only repeat the page's name. */
export const CLIENT_INVOICE_COLUMNS: readonly DataColumn<InvoiceSummary>[] = [numberColumn, ...sharedColumns];
