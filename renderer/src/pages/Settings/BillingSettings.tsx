import { useId, useState, type FormEvent } from 'react';
import type { BillingRunResult } from '../../../../preload/schemas/clients';
import { ActionConfirmDialog, type PendingConfirmation } from '../../components/ActionConfirmDialog';
import { Card } from '../../components/Card';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { DetailList } from '../../components/DetailList';
import { Field } from '../../components/Field';
import { Money } from '../../components/Money';
import { useChannelAction } from '../../queries/channel';
import type { SuccessMessage } from '../../queries/outcome';
import { formatDay, todayIso } from '../../../../preload/common/dates';
import { plural } from '../../../../preload/common/plural';
import { hrefTo } from '../../lib/router';

type SkippedPackage = BillingRunResult['skipped'][number];

const SKIPPED_COLUMNS: readonly DataColumn<SkippedPackage>[] = [
  {
    id: 'client',
    header: 'Client',
    rowHeader: true,
    sortValue: (skip) => skip.clientName,
    cell: (skip) => <a href={hrefTo(`/clients/${skip.clientId}`)}>{skip.clientName}</a>,
  },
  { id: 'reason', header: 'Why', sortValue: (skip) => skip.message, cell: (skip) => skip.message },
];

/** "3 billing cycles closed." or "3 billing cycles closed, 1 skipped: Alice Martin." */
function runSummary(value: BillingRunResult): string {
  const closed = `${plural(value.cyclesClosed, 'billing cycle', 'billing cycles')} closed`;
  if (value.skipped.length === 0) return `${closed}.`;
  const names = [...new Set(value.skipped.map((skip) => skip.clientName))].join(', ');
  return `${closed}, ${value.skipped.length.toLocaleString('en-US')} skipped: ${names}.`;
}

/**
 * The client packages the ledger door refused to charge (issue 9: a fee that would take a
 * balance past its limit): still due, billed by a later run once the balance is corrected.
 */
function SkippedPackages({ skipped }: { skipped: BillingRunResult['skipped'] }) {
  const titleId = useId();
  return (
    <div className="billing-skipped" data-testid="billing-skipped">
      <h4 className="billing-result__title" id={titleId}>
        {plural(skipped.length, 'client package', 'client packages')} skipped
      </h4>
      <p className="muted">Not billed: the charge was refused. They stay due and are billed by the next run once the balance is corrected (a payment or a reversal).</p>
      <DataTable columns={SKIPPED_COLUMNS} rows={skipped} rowKey={(skip) => String(skip.clientPackageId)} labelledBy={titleId} />
    </div>
  );
}

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
    return { title: 'Billing run finished', description: runSummary(value) };
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
        Billing runs by itself every time the app starts, for every cycle that came due while it was closed, and while it runs at
        local midnight and after the computer wakes (a notice says what it billed). Run it here to bill a
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
              {
                term: 'Invoices issued',
                value: result.invoicesIssued > 0 ? <a href={hrefTo('/invoices')} data-testid="billing-invoices">{result.invoicesIssued}</a> : <span data-testid="billing-invoices">0</span>,
              },
              { term: 'Entries written', value: <span data-testid="billing-entries">{result.entriesWritten}</span> },
              { term: 'Amount charged', value: <Money value={result.charged} /> },
              { term: 'Clients billed', value: result.clients },
              { term: 'Skipped', value: <span data-testid="billing-skipped-count">{result.skipped.length}</span> },
            ]}
          />
          {result.skipped.length > 0 ? <SkippedPackages skipped={result.skipped} /> : null}
        </div>
      ) : null}
      <ActionConfirmDialog pending={confirmation} onClose={() => setConfirmation(null)} />
    </Card>
  );
}
