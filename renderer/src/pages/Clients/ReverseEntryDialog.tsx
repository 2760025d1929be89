import { useState } from 'react';
import type { ApiError } from '../../../../preload/result';
import type { LedgerEntryView } from '../../../../preload/schemas/clients';
import { Field } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { formatMoney } from '../../../../preload/common/format';
import type { FieldErrors } from '../../lib/issues';
import { unplacedMessage } from '../../queries/outcome';
import { useReverseEntry } from '../../queries/clientActions';
import { formatDay } from '../../../../preload/common/dates';

interface ReverseEntryDialogProps {
  entry: LedgerEntryView | null;
  onClose(): void;
}

/** The ledger is append-only: a mistake is undone by an opposite entry, after confirmation. */
export function ReverseEntryDialog({ entry, onClose }: ReverseEntryDialogProps) {
  const reverseEntry = useReverseEntry();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: ApiError; fieldErrors: FieldErrors } | null>(null);

  const close = (): void => {
    setReason('');
    setFailure(null);
    onClose();
  };
  const submit = async (): Promise<void> => {
    if (!entry) return;
    setBusy(true);
    const outcome = await reverseEntry(entry.id, reason);
    setBusy(false);
    if (outcome.ok) close();
    else setFailure(outcome);
  };

  const fieldErrors = failure?.fieldErrors ?? {};
  const what = entry ? `${entry.kind.toLowerCase()} of ${formatMoney(entry.amount)} from ${formatDay(entry.occurredOn)}` : '';
  return (
    <FormDialog
      open={entry !== null}
      onOpenChange={(open) => (open ? undefined : close())}
      title={`Reverse entry #${entry?.id ?? ''}?`}
      description={`A new entry cancels the ${what}; the original stays in the history. This cannot be undone.`}
      submitLabel="Reverse entry"
      busy={busy}
      message={unplacedMessage(failure?.error ?? null, fieldErrors, ['reason'])}
      onSubmit={() => void submit()}
    >
      <Field id="reverse-reason" label="Reason" hint="Optional, e.g. “typed 100 instead of 10”." error={fieldErrors.reason}>
        {(control) => <input {...control} className="input" type="text" autoComplete="off" maxLength={200} value={reason} onChange={(event) => setReason(event.target.value)} />}
      </Field>
    </FormDialog>
  );
}
