import { useState } from 'react';
import type { ClientManageView, LedgerEntryView } from '../../../../preload/schemas/clients';
import { Card } from '../../components/Card';
import { SignedMoney } from '../../components/SignedMoney';
import { formatDay } from '../../../../preload/common/dates';
import { ReverseEntryDialog } from './ReverseEntryDialog';

/** Every money movement of the client, newest first, with the balance after each. */
export function LedgerCard({ view }: { view: ClientManageView }) {
  const [toReverse, setToReverse] = useState<LedgerEntryView | null>(null);
  const closed = view.client.status === 'closed';
  return (
    <Card title="Ledger" aside={<span className="muted">{view.ledger.length === 1 ? '1 entry' : `${view.ledger.length} entries`}</span>}>
      {view.ledger.length === 0 ? (
        <p className="empty-line">No money has moved yet. Payments, charges and fees appear here.</p>
      ) : (
        <div className="table-wrap">
          <table className="table ledger-table">
            <caption className="visually-hidden">Ledger, newest entry first</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Kind</th>
                <th scope="col">Description</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col" className="num">
                  Balance
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {view.ledger.map((entry) => (
                <tr key={entry.id} data-entry-id={entry.id}>
                  <td className="table__nowrap">{formatDay(entry.occurredOn)}</td>
                  <td className="table__nowrap">{entry.kind}</td>
                  <td>
                    {entry.description}
                    {entry.reversedBy !== null ? <span className="table__subtext">Reversed by entry #{entry.reversedBy}</span> : null}
                  </td>
                  <td className="num">
                    <SignedMoney value={entry.amount} showPlus />
                  </td>
                  <td className="num">
                    <SignedMoney value={entry.runningBalance} />
                  </td>
                  <td className="table__actions">
                    {entry.reversible && !closed ? (
                      <button
                        type="button"
                        className="button button--ghost button--small"
                        aria-label={`Reverse entry #${entry.id}`}
                        onClick={() => setToReverse(entry)}
                      >
                        Reverse
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ReverseEntryDialog entry={toReverse} onClose={() => setToReverse(null)} />
    </Card>
  );
}
