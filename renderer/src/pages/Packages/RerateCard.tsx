import { useState } from 'react';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { rerateTotals, useRerate } from '../../queries/rerate';
import { useRateDrafts } from '../../stores/rateDrafts';
import { showToast } from '../../stores/toasts';
import { callCount, clientCount, totalEffect } from './rerateWords';
import { RerateTable } from './RerateTable';

const balancesOf = (clients: number): string => (clients === 1 ? 'the balance of 1 client' : `the balances of ${clientCount(clients)}`);

interface RerateCardProps {
  packageId: number;
  packageName: string;
  /** The saved package's `updatedAt`: saving prices or custom rates makes an earlier preview stale. */
  pricesVersion: string;
  /** The settings form has unsaved changes: re-rating uses the saved package. */
  unsavedChanges: boolean;
}

/**
 * "A package change re-rates open cycles on request": preview the difference per client,
 * then apply it. Closed (billed, invoiced) cycles never change: main re-rates open ones only.
 */
export function RerateCard({ packageId, packageName, pricesVersion, unsavedChanges }: RerateCardProps) {
  const { result: current, busy, error, preview, apply } = useRerate(packageId, pricesVersion);
  const unsavedRates = useRateDrafts((state) => state.packageId === packageId && state.dirty);
  const [confirming, setConfirming] = useState(false);

  const totals = current ? rerateTotals(current.differences) : null;
  const canApply = current !== null && !current.applied && current.calls > 0;

  const confirmApply = async (): Promise<void> => {
    const applied = await apply();
    setConfirming(false);
    if (!applied) return;
    const appliedTotals = rerateTotals(applied.differences);
    showToast({
      tone: 'success',
      title: 'Open cycles re-rated',
      description:
        applied.calls === 0
          ? 'No calls in open cycles use this package.'
          : `${callCount(applied.calls)} of ${clientCount(applied.differences.length)} priced again. ${totalEffect(appliedTotals.difference, 'did')}`,
    });
  };

  return (
    <Card title="Re-rate open cycles" className="rerate-card">
      <p className="muted">
        After a change to this package’s prices or custom rates, preview what its calls would cost now, client by client, then apply the
        difference to their balances. Only open billing cycles change: cycles already closed or invoiced keep their charges.
      </p>
      {unsavedChanges || unsavedRates ? (
        <p className="preview__note">Re-rating uses the saved package: save your changes to include them.</p>
      ) : null}
      {current && totals ? (
        <div className="rerate-card__result" data-testid="rerate-result">
          {current.calls === 0 ? (
            <p className="empty-line" role="status">
              No calls in open cycles use this package.
            </p>
          ) : (
            <>
              <p className={current.applied ? 'rerate-card__summary rerate-card__summary--applied' : 'rerate-card__summary'} role="status">
                {current.applied ? <Icon name="check" size={16} /> : null}
                <span>
                  {current.applied ? 'Applied: ' : ''}
                  {callCount(current.calls)} of {clientCount(current.differences.length)} in open cycles.{' '}
                  {totalEffect(totals.difference, current.applied ? 'did' : 'will')}
                </span>
              </p>
              <RerateTable differences={current.differences} />
            </>
          )}
        </div>
      ) : null}
      {error ? <ErrorBanner error={error} title="Could not re-rate the calls" /> : null}
      <div className="card__actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={busy !== null}
          aria-busy={busy === 'preview'}
          onClick={() => void preview()}
        >
          {busy === 'preview' ? 'Previewing…' : 'Preview'}
        </button>
        {canApply ? (
          <button type="button" className="button button--primary" disabled={busy !== null} onClick={() => setConfirming(true)}>
            Apply
          </button>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Apply the re-rate?"
        description={
          current && totals ? (
            <>
              The {callCount(current.calls)} in open billing cycles are priced again with the saved prices and rates of “{packageName}”, and the
              difference goes to {balancesOf(current.differences.length)}. {totalEffect(totals.difference, 'will')} Closed and invoiced cycles do
              not change.
            </>
          ) : (
            ''
          )
        }
        confirmLabel="Apply re-rate"
        busy={busy === 'apply'}
        onConfirm={() => void confirmApply()}
      />
    </Card>
  );
}
