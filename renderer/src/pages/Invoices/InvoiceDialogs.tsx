import { useState } from 'react';
import type { InvoiceView } from '../../../../preload/schemas/invoices';
import { formatMoney } from '../../../../preload/common/format';
import type { ApiError } from '../../../../preload/result';
import { Field } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import type { FieldErrors } from '../../lib/issues';
import { useChannelAction } from '../../queries/channel';
import { unplacedMessage } from '../../queries/outcome';
import { documentTitle } from './invoiceLabels';

type Failure = { error: ApiError; fieldErrors: FieldErrors } | null;

interface InvoiceDialogProps {
  invoice: InvoiceView;
  open: boolean;
  onClose(): void;
}

function ReasonField({ id, value, error, hint, onChange }: { id: string; value: string; error: string | undefined; hint: string; onChange(value: string): void }) {
  return (
    <Field id={id} label="Reason" hint={hint} error={error}>
      {(control) => <textarea {...control} className="input textarea" rows={2} maxLength={200} value={value} onChange={(event) => onChange(event.target.value)} />}
    </Field>
  );
}

/**
 * Issue 11: voiding keeps the number (no gap, never reused) and the invoice stays in the
 * records, marked void with the reason; nothing of it is deleted.
 */
export function VoidInvoiceDialog({ invoice, open, onClose }: InvoiceDialogProps) {
  const voiding = useChannelAction('invoices.void');
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<Failure>(null);
  const close = (): void => {
    setReason('');
    setFailure(null);
    onClose();
  };
  const submit = async (): Promise<void> => {
    const outcome = await voiding.run({ id: invoice.id, reason: reason.trim() }, (view) => ({
      title: `${documentTitle(view)} voided`,
      description: `The number ${view.number} is kept and never reused.`,
    }));
    if (outcome.ok) close();
    else setFailure(outcome);
  };
  const fieldErrors = failure?.fieldErrors ?? {};
  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => (next ? undefined : close())}
      title={`Void ${documentTitle(invoice)}?`}
      description={`The number ${invoice.number} is kept — it is never reused or given to another invoice — and the invoice stays in your records, marked void with your reason. This cannot be undone.`}
      submitLabel="Void invoice"
      busy={voiding.pending}
      message={unplacedMessage(failure?.error ?? null, fieldErrors, ['reason'])}
      onSubmit={() => void submit()}
    >
      <ReasonField id="void-reason" value={reason} error={fieldErrors.reason} hint="Required. Printed on the voided invoice, e.g. “Issued for the wrong period”." onChange={setReason} />
    </FormDialog>
  );
}

/** Issue 11: an issued invoice is never changed; a correction is a credit note referencing it. */
export function CreditNoteDialog({ invoice, open, onClose }: InvoiceDialogProps) {
  const crediting = useChannelAction('invoices.creditNote');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<Failure>(null);
  const close = (): void => {
    setAmount('');
    setReason('');
    setFailure(null);
    onClose();
  };
  const submit = async (): Promise<void> => {
    const outcome = await crediting.run({ invoiceId: invoice.id, amount: amount.trim(), reason: reason.trim() }, (note) => ({
      title: `${documentTitle(note)} issued`,
      description: `${formatMoney(note.totalDue)} credited against ${invoice.number}.`,
    }));
    if (outcome.ok) close();
    else setFailure(outcome);
  };
  const fieldErrors = failure?.fieldErrors ?? {};
  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => (next ? undefined : close())}
      title={`Credit note for ${invoice.number}`}
      description="A credit note gives the client back part of what this invoice charged. It gets its own number and credits the client's balance; the invoice itself stays as issued."
      submitLabel="Issue credit note"
      busy={crediting.pending}
      message={unplacedMessage(failure?.error ?? null, fieldErrors, ['amount', 'reason'])}
      onSubmit={() => void submit()}
    >
      <Field id="credit-amount" label="Amount" hint={`In your account currency, with a dot for decimals, e.g. 12.50; at most what the invoice charged (${formatMoney(invoice.subtotal)} before taxes).`} error={fieldErrors.amount}>
        {(control) => (
          <input {...control} className="input input--number" type="text" inputMode="decimal" autoComplete="off" value={amount} onChange={(event) => setAmount(event.target.value)} />
        )}
      </Field>
      <ReasonField id="credit-reason" value={reason} error={fieldErrors.reason} hint="Required. Printed on the credit note." onChange={setReason} />
    </FormDialog>
  );
}
