import { useState } from 'react';
import type { ClientManageView } from '../../../../preload/schemas/clients';
import { Card } from '../../components/Card';
import { ClientStatusBadge } from '../../components/ClientStatusBadge';
import { Money } from '../../components/Money';
import { SignedMoney } from '../../components/SignedMoney';
import { MoneyMovementDialog, type MovementKind } from './MoneyMovementDialog';

const MODE_EXPLANATIONS = {
  soft: 'SOFT balance: never suspended.',
  hard: 'HARD balance: suspended at zero or below.',
} as const;

/** Guide: the Balance panel of "Manage Client", with its Payment and Charge buttons. */
export function BalancePanel({ view }: { view: ClientManageView }) {
  const [movement, setMovement] = useState<MovementKind | null>(null);
  const { client } = view;
  const closed = client.status === 'closed';
  return (
    <Card title="Balance" className="balance-panel">
      <dl className="stat-grid">
        <div className="stat-grid__item">
          <dt>Current balance</dt>
          <dd className="stat-grid__value" data-testid="client-balance">
            <SignedMoney value={client.balance} />
          </dd>
          {client.belowThreshold ? <dd className="badge badge--warning">Low balance</dd> : null}
        </div>
        <div className="stat-grid__item">
          <dt>Spent this month</dt>
          <dd className="stat-grid__value" data-testid="client-spent-this-month">
            <Money value={view.thisMonthSpend} />
          </dd>
          <dd className="muted">Fees, charges and calls since the 1st; a reversed entry counts for nothing.</dd>
        </div>
        <div className="stat-grid__item">
          <dt>Status</dt>
          <dd className="stat-grid__value" data-testid="client-status">
            <ClientStatusBadge status={client.status} />
          </dd>
          <dd className="muted">{MODE_EXPLANATIONS[client.balanceMode]}</dd>
        </div>
        <div className="stat-grid__item">
          <dt>Low-balance warning</dt>
          <dd className="stat-grid__value">{client.lowBalanceThreshold === '' ? <span className="muted">None</span> : <Money value={client.lowBalanceThreshold} />}</dd>
          {client.lowBalanceEmail ? <dd className="muted">To {client.lowBalanceEmail}</dd> : null}
        </div>
      </dl>
      <div className="card__actions">
        <button type="button" className="button button--primary" disabled={closed} onClick={() => setMovement('payment')}>
          Payment
        </button>
        <button type="button" className="button button--secondary" disabled={closed} onClick={() => setMovement('charge')}>
          Charge
        </button>
      </div>
      <MoneyMovementDialog clientId={client.id} kind={movement} onClose={() => setMovement(null)} />
    </Card>
  );
}
