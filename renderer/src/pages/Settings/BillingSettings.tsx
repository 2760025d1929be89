import { useState, type FormEvent } from 'react';
import type { BillingRunResult } from '../../../../preload/schemas/clients';
import { ActionConfirmDialog, type PendingConfirmation } from '../../components/ActionConfirmDialog';
import { Card } from '../../components/Card';
import { DetailList } from '../../components/DetailList';
import { Field } from '../../components/Field';
import { Money } from '../../components/Money';
import { useChannelAction } from '../../queries/channel';
import type { SuccessMessage } from '../../queries/outcome';
import { formatDay, todayIso } from '../../../../preload/common/dates';
import { plural } from '../../../../preload/common/plural';

/**
 * DESIGN.md "Balances, billing cycle": on a client package's billing date, charge its
 * monthly fee and DID fees and close the period. The app does this for due cycles when
 * it starts; this runs it by hand for a chosen day (safe to repeat: nothing is charged twice).
 */
export function BillingSettings() {
  const [date, setDate] = useState(todayIso);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [result, setResult] = useState<BillingRunResult | null>(null);
  const [confirmation, setConfirmation] = useState<PendingConfirmation | null>(null);
  const billing = useChannelAction('billing.run');

  const finished = (value: BillingRunResult): SuccessMessage => {
    setProblem(undefined);
    setResult(value);
    return { title: 'Billing run finished', description: `${plural(value.cyclesClosed, 'billing cycle', 'billing cycles')} closed.` };
  };

  const run = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const outcome = await billing.run({ date }, finished);
    if (outcome.ok) return;
    setResult(null);
    if (outcome.error.code === 'conflict') {
      // Main counted more missed cycles than a run closes unasked: say how many and ask.
      setProblem(undefined);
      setConfirmation({
        title: 'Bill every missed cycle?',
        description: outcome.error.message,
        confirmLabel: 'Bill every missed cycle',
        run: () => billing.run({ date, confirmManyCycles: true }, finished),
      });
      return;
    }
    setProblem(outcome.fieldErrors.date ?? outcome.error.message);
  };
  const busy = billing.pending;

  return (
    <Card title="Billing">
      <p className="muted">
        Billing runs by itself every time the app starts, for every cycle that came due while it was closed. Run it here to bill a
        given day now. Each package is billed for whole months on its billing date — no proration — and running twice never
        charges twice.
      </p>
      <form className="billing-run" onSubmit={(event) => void run(event)} noValidate aria-busy={busy}>
        <Field id="billing-date" label="Bill cycles due on or before" hint="Usually today; up to a week ahead bills those cycles early." error={problem}>
          {(control) => <input {...control} className="input input--date" type="date" value={date} onChange={(event) => setDate(event.target.value)} />}
        </Field>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Running…' : 'Run billing'}
        </button>
      </form>
      {result ? (
        <div role="status" className="billing-result">
          <h3 className="billing-result__title">Billed up to {formatDay(result.date)}</h3>
          <DetailList
            details={[
              { term: 'Cycles closed', value: <span data-testid="billing-cycles">{result.cyclesClosed}</span> },
              { term: 'Entries written', value: <span data-testid="billing-entries">{result.entriesWritten}</span> },
              { term: 'Amount charged', value: <Money value={result.charged} /> },
              { term: 'Clients billed', value: result.clients },
            ]}
          />
        </div>
      ) : null}
      <ActionConfirmDialog pending={confirmation} onClose={() => setConfirmation(null)} />
    </Card>
  );
}
