import { useMemo, useState } from 'react';
import type { ClientManageView, LedgerEntryView, LedgerKindFilter } from '../../../../preload/schemas/clients';
import { formatDay } from '../../../../preload/common/dates';
import { plural } from '../../../../preload/common/plural';
import { Card } from '../../components/Card';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { SignedMoney } from '../../components/SignedMoney';
import { toApiError } from '../../queries/channel';
import { isLedgerFiltered, isPeriodBackwards, ledgerExportInput, NO_LEDGER_FILTER, useLedgerExport, useLedgerPages, type LedgerFilter } from '../../queries/ledger';
import { showToast } from '../../stores/toasts';
import { downloadTextFile } from '../Packages/downloadFile';
import { ReverseEntryDialog } from './ReverseEntryDialog';

/** One line of text, a second for "Reversed by…": the estimate keeps the scroll bar right before rows are measured. */
const LEDGER_ROW_HEIGHT = 41;

const KIND_CHOICES: { value: LedgerKindFilter; label: string }[] = [
  { value: 'all', label: 'All kinds' },
  { value: 'payment', label: 'Payments' },
  { value: 'charge', label: 'Charges' },
  { value: 'fee', label: 'Fees' },
  { value: 'calls', label: 'Calls' },
  { value: 'reversal', label: 'Reversals' },
  { value: 'tax', label: 'Taxes' },
  { value: 'credit', label: 'Credits' },
];

const isKindFilter = (value: string): value is LedgerKindFilter => KIND_CHOICES.some((choice) => choice.value === value);

function ledgerColumns(closed: boolean, reverse: (entry: LedgerEntryView) => void): readonly DataColumn<LedgerEntryView>[] {
  return [
    { id: 'date', header: 'Date', width: 120, className: 'table__nowrap', cell: (entry) => formatDay(entry.occurredOn) },
    { id: 'kind', header: 'Kind', width: 130, className: 'table__nowrap', cell: (entry) => entry.kind },
    {
      id: 'description',
      header: 'Description',
      width: 300,
      cell: (entry) => (
        <>
          {entry.description}
          {entry.reversedBy !== null ? <span className="table__subtext">Reversed by entry #{entry.reversedBy}</span> : null}
        </>
      ),
    },
    { id: 'amount', header: 'Amount', width: 120, numeric: true, cell: (entry) => <SignedMoney value={entry.amount} showPlus /> },
    { id: 'balance', header: 'Balance', width: 120, numeric: true, cell: (entry) => <SignedMoney value={entry.runningBalance} /> },
    {
      id: 'actions',
      header: 'Actions',
      hideHeader: true,
      width: 96,
      className: 'table__actions',
      cell: (entry) =>
        entry.reversible && !closed ? (
          <button type="button" className="button button--ghost button--small" aria-label={`Reverse entry #${entry.id}`} onClick={() => reverse(entry)}>
            Reverse
          </button>
        ) : null,
    },
  ];
}

interface LedgerFiltersProps {
  filter: LedgerFilter;
  onChange(change: Partial<LedgerFilter>): void;
}

/** Kind and period above the ledger; main filters, and keeps every row's balance as in the whole ledger. */
function LedgerFilters({ filter, onChange }: LedgerFiltersProps) {
  const backwards = isPeriodBackwards(filter);
  return (
    <div className="toolbar ledger-filters" role="search" aria-label="Filter the ledger">
      <Field id="ledger-kind" label="Kind">
        {(control) => (
          <ChoiceSelect
            {...control}
            value={filter.kind}
            choices={KIND_CHOICES}
            onChange={(value) => {
              if (isKindFilter(value)) onChange({ kind: value });
            }}
          />
        )}
      </Field>
      <Field id="ledger-from" label="From" error={backwards ? 'After “To”' : undefined}>
        {(control) => <input {...control} className="input input--date" type="date" value={filter.from} max={filter.to || undefined} onChange={(event) => onChange({ from: event.target.value })} />}
      </Field>
      <Field id="ledger-to" label="To">
        {(control) => <input {...control} className="input input--date" type="date" value={filter.to} min={filter.from || undefined} onChange={(event) => onChange({ to: event.target.value })} />}
      </Field>
      {isLedgerFiltered(filter) ? (
        <button type="button" className="button button--ghost ledger-filters__clear" onClick={() => onChange(NO_LEDGER_FILTER)}>
          Clear filters
        </button>
      ) : null}
    </div>
  );
}

function ExportLedgerButton({ clientId, filter, disabled }: { clientId: number; filter: LedgerFilter; disabled: boolean }) {
  const { exportLedger, exporting } = useLedgerExport();
  const handleExport = async (): Promise<void> => {
    try {
      const file = await exportLedger(ledgerExportInput(clientId, filter));
      downloadTextFile(file.fileName, file.csv);
      showToast({ tone: 'success', title: 'Ledger exported', description: `${file.fileName}: ${plural(file.rows, 'entry', 'entries')}.` });
    } catch (error) {
      showToast({ tone: 'error', title: 'No ledger exported', description: toApiError(error).message });
    }
  };
  return (
    <button type="button" className="button button--secondary button--small" disabled={disabled || exporting} onClick={() => void handleExport()}>
      {exporting ? 'Exporting…' : 'Export CSV'}
    </button>
  );
}

/**
 * Every money movement of the client as a statement: by the date the money applies to, then
 * entry, newest first, with the balance after each in that order (issue 10). Long histories
 * are read a page at a time and rendered a screenful at a time.
 */
export function LedgerCard({ view }: { view: ClientManageView }) {
  const clientId = view.client.id;
  const [toReverse, setToReverse] = useState<LedgerEntryView | null>(null);
  const [filter, setFilter] = useState<LedgerFilter>(NO_LEDGER_FILTER);
  const ledger = useLedgerPages(clientId, filter);
  const closed = view.client.status === 'closed';
  const columns = useMemo(() => ledgerColumns(closed, setToReverse), [closed]);
  const filtered = isLedgerFiltered(filter);
  const backwards = isPeriodBackwards(filter);
  const label = 'Ledger, by date, newest first';
  const count = ledger.status === 'ready' ? <span className="muted" role="status">{plural(ledger.total, 'entry', 'entries')}</span> : null;

  return (
    <Card
      title="Ledger"
      aside={
        <span className="card__aside-group">
          {count}
          <ExportLedgerButton clientId={clientId} filter={filter} disabled={backwards || ledger.status !== 'ready' || ledger.total === 0} />
        </span>
      }
    >
      {ledger.status === 'ready' && ledger.total === 0 && !filtered ? (
        <p className="empty-line">No money has moved yet. Payments, charges and fees appear here.</p>
      ) : (
        <LedgerFilters filter={filter} onChange={(change) => setFilter((current) => ({ ...current, ...change }))} />
      )}
      {ledger.error ? <ErrorBanner error={ledger.error} title="Could not load the ledger" /> : null}
      {ledger.status === 'loading' && !backwards ? <Loading label="Loading the ledger…" /> : null}
      {ledger.status === 'ready' && ledger.total === 0 && filtered ? <p className="empty-line">No entries match these filters.</p> : null}
      {ledger.status === 'ready' && ledger.total > 0 ? (
        <DataTable
          columns={columns}
          rows={ledger.rows}
          rowKey={(entry) => String(entry.id)}
          caption={label}
          className="ledger-table"
          wrapClassName="ledger-table__scroll"
          rowAttributes={(entry) => ({ 'data-entry-id': entry.id })}
          virtual={{ rowCount: ledger.total, offset: ledger.offset, rowHeight: LEDGER_ROW_HEIGHT, label, busy: ledger.refreshing, onRowsShown: ledger.showRows }}
        />
      ) : null}
      <ReverseEntryDialog entry={toReverse} onClose={() => setToReverse(null)} />
    </Card>
  );
}
