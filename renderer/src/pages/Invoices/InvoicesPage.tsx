import { useState } from 'react';
import { plural } from '../../../../preload/common/plural';
import { Card } from '../../components/Card';
import { ChoiceSelect, type Choice } from '../../components/ChoiceSelect';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { hrefTo } from '../../lib/router';
import { useCallClients } from '../../queries/calls';
import { isInvoiceFiltered, NO_INVOICE_FILTER, useInvoiceList, type InvoiceFilter } from '../../queries/invoices';
import { ExportMonthCard } from './ExportMonthCard';
import { INVOICE_COLUMNS } from './invoiceColumns';
import { IssueInvoiceDialog } from './IssueInvoiceDialog';

const ALL = 'all';

const STATUS_CHOICES: { value: InvoiceFilter['status']; label: string }[] = [
  { value: 'all', label: 'Issued and void' },
  { value: 'issued', label: 'Issued' },
  { value: 'void', label: 'Void' },
];

const isStatus = (value: string): value is InvoiceFilter['status'] => STATUS_CHOICES.some((choice) => choice.value === value);

function InvoiceFilters({ filter, onChange }: { filter: InvoiceFilter; onChange(change: Partial<InvoiceFilter>): void }) {
  const { clients } = useCallClients();
  const clientChoices: Choice[] = [
    { value: ALL, label: 'All clients' },
    ...clients.map((client) => ({ value: String(client.id), label: client.closed ? `${client.name} (closed)` : client.name })),
  ];
  return (
    <div className="toolbar invoice-filters" role="search" aria-label="Filter invoices">
      <Field id="invoices-client" label="Client">
        {(control) => (
          <ChoiceSelect
            {...control}
            value={filter.clientId === null ? ALL : String(filter.clientId)}
            choices={clientChoices}
            onChange={(value) => onChange({ clientId: value === ALL ? null : Number(value) })}
          />
        )}
      </Field>
      <Field id="invoices-month" label="Issued in">
        {(control) => <input {...control} className="input input--month" type="month" value={filter.month} onChange={(event) => onChange({ month: event.target.value })} />}
      </Field>
      <Field id="invoices-status" label="Status">
        {(control) => (
          <ChoiceSelect
            {...control}
            value={filter.status}
            choices={STATUS_CHOICES}
            onChange={(value) => {
              if (isStatus(value)) onChange({ status: value });
            }}
          />
        )}
      </Field>
      {isInvoiceFiltered(filter) ? (
        <button type="button" className="button button--ghost invoice-filters__clear" onClick={() => onChange(NO_INVOICE_FILTER)}>
          Clear filters
        </button>
      ) : null}
    </div>
  );
}

/** Issue 11: every invoice and credit note issued, filtered by client, month and status. */
export function InvoicesPage() {
  const [filter, setFilter] = useState<InvoiceFilter>(NO_INVOICE_FILTER);
  const [issuing, setIssuing] = useState(false);
  const { invoices, total, status, error } = useInvoiceList(filter);
  const filtered = isInvoiceFiltered(filter);

  const actions = (
    <>
      <a className="button button--secondary" href={hrefTo('/settings/invoices')}>
        <Icon name="settings" size={16} />
        Invoice settings
      </a>
      <button type="button" className="button button--primary" onClick={() => setIssuing(true)}>
        <Icon name="plus" size={16} />
        Issue invoice
      </button>
    </>
  );

  let body;
  if (status === 'error' && error) body = <ErrorBanner error={error} title="Could not load the invoices" />;
  else if (status === 'loading') body = <Loading label="Loading the invoices…" />;
  else if (invoices.length === 0) {
    body = filtered ? (
      <p className="empty-line">No invoice matches these filters.</p>
    ) : (
      <EmptyState icon="invoices" title="No invoices yet">
        <p>Invoices are issued when a billing cycle closes (Settings → Invoices), or on demand with “Issue invoice”.</p>
      </EmptyState>
    );
  } else {
    body = (
      <>
        <DataTable columns={INVOICE_COLUMNS} rows={invoices} rowKey={(invoice) => String(invoice.id)} caption={filtered ? 'Invoices (filtered)' : 'Invoices'} className="invoices-table" />
        <p className="muted table-note" aria-live="polite">
          {total > invoices.length
            ? `The first ${plural(invoices.length, 'invoice', 'invoices')} of ${total.toLocaleString('en-US')}: filter by client or month to see the others.`
            : plural(total, 'invoice', 'invoices')}
        </p>
      </>
    );
  }

  return (
    <>
      <PageHeader title="Invoices" description="Issued when a billing cycle closes or on demand; final once issued — a correction is a credit note." actions={actions} />
      <Card title="Invoices and credit notes" className="invoices-list">
        <InvoiceFilters filter={filter} onChange={(change) => setFilter((current) => ({ ...current, ...change }))} />
        {body}
      </Card>
      <ExportMonthCard />
      {issuing ? <IssueInvoiceDialog open onClose={() => setIssuing(false)} /> : null}
    </>
  );
}
