import { useState } from 'react';
import { Field } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import type { FieldErrors } from '../../lib/issues';
import type { ApiError } from '../../../../preload/result';
import { unplacedMessage } from '../../queries/outcome';
import { useAddCharge, useAddPayment } from '../../queries/clientActions';

export type MovementKind = 'payment' | 'charge';

const TEXT: Record<MovementKind, { title: string; description: string; submit: string }> = {
  payment: {
    title: 'Add a payment',
    description: 'Money the client paid you. It is added to the balance; a HARD client above zero is active again.',
    submit: 'Add payment',
  },
  charge: {
    title: 'Add a charge',
    description: 'An amount the client owes you, taken from the balance. A HARD client at zero or below is suspended.',
    submit: 'Add charge',
  },
};

interface MoneyMovementDialogProps {
  clientId: number;
  kind: MovementKind | null;
  onClose(): void;
}

/** Guide: the Payment and Charge buttons "under the Balance panel". */
export function MoneyMovementDialog({ clientId, kind, onClose }: MoneyMovementDialogProps) {
  const addPayment = useAddPayment();
  const addCharge = useAddCharge();
  const [amount, setAmount] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: ApiError; fieldErrors: FieldErrors } | null>(null);

  const close = (): void => {
    setAmount('');
    setDescription('');
    setFailure(null);
    onClose();
  };
  const submit = async (): Promise<void> => {
    if (!kind) return;
    setBusy(true);
    const move = kind === 'payment' ? addPayment : addCharge;
    const outcome = await move({ clientId, amount: amount.trim(), description });
    setBusy(false);
    if (outcome.ok) close();
    else setFailure(outcome);
  };

  const text = TEXT[kind ?? 'payment'];
  const fieldErrors = failure?.fieldErrors ?? {};
  return (
    <FormDialog
      open={kind !== null}
      onOpenChange={(open) => (open ? undefined : close())}
      title={text.title}
      description={text.description}
      submitLabel={text.submit}
      busy={busy}
      message={unplacedMessage(failure?.error ?? null, fieldErrors, ['amount', 'description'])}
      onSubmit={() => void submit()}
    >
      <Field id="movement-amount" label="Amount" hint="In your account currency, with a dot for decimals, e.g. 12.50." error={fieldErrors.amount}>
        {(control) => (
          <input
            {...control}
            className="input input--number"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
          />
        )}
      </Field>
      <Field id="movement-description" label="Description" hint="Optional. Shown in the ledger and on the invoice." error={fieldErrors.description}>
        {(control) => (
          <input {...control} className="input" type="text" autoComplete="off" maxLength={200} value={description} onChange={(event) => setDescription(event.target.value)} />
        )}
      </Field>
    </FormDialog>
  );
}
