import { useMemo, useState } from 'react';
import type { ClientManageView, LedgerEntryView } from '../../../../preload/schemas/clients';
import { Card } from '../../components/Card';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { SignedMoney } from '../../components/SignedMoney';
import { formatDay } from '../../../../preload/common/dates';
import { ReverseEntryDialog } from './ReverseEntryDialog';

function ledgerColumns(closed: boolean, reverse: (entry: LedgerEntryView) => void): readonly DataColumn<LedgerEntryView>[] {
  return [
    { id: 'date', header: 'Date', className: 'table__nowrap', sortValue: (entry) => `${entry.occurredOn} ${String(entry.id).padStart(12, '0')}`, cell: (entry) => formatDay(entry.occurredOn) },
    { id: 'kind', header: 'Kind', className: 'table__nowrap', cell: (entry) => entry.kind },
    {
      id: 'description',
      header: 'Description',
      cell: (entry) => (
        <>
          {entry.description}
          {entry.reversedBy !== null ? <span className="table__subtext">Reversed by entry #{entry.reversedBy}</span> : null}
        </>
      ),
    },
    { id: 'amount', header: 'Amount', numeric: true, sortValue: (entry) => Number(entry.amount), cell: (entry) => <SignedMoney value={entry.amount} showPlus /> },
    { id: 'balance', header: 'Balance', numeric: true, cell: (entry) => <SignedMoney value={entry.runningBalance} /> },
    {
      id: 'actions',
      header: 'Actions',
      hideHeader: true,
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

/** Every money movement of the client, newest first, with the balance after each. */
export function LedgerCard({ view }: { view: ClientManageView }) {
  const [toReverse, setToReverse] = useState<LedgerEntryView | null>(null);
  const closed = view.client.status === 'closed';
  const columns = useMemo(() => ledgerColumns(closed, setToReverse), [closed]);
  return (
    <Card title="Ledger" aside={<span className="muted">{view.ledger.length === 1 ? '1 entry' : `${view.ledger.length} entries`}</span>}>
      {view.ledger.length === 0 ? (
        <p className="empty-line">No money has moved yet. Payments, charges and fees appear here.</p>
      ) : (
        <DataTable
          columns={columns}
          rows={view.ledger}
          rowKey={(entry) => String(entry.id)}
          caption="Ledger, newest entry first"
          className="ledger-table"
          rowAttributes={(entry) => ({ 'data-entry-id': entry.id })}
        />
      )}
      <ReverseEntryDialog entry={toReverse} onClose={() => setToReverse(null)} />
    </Card>
  );
}
