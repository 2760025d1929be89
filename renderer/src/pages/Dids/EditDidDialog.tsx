import { useState } from 'react';
import type { DidInventoryView } from '../../../../preload/schemas/telephony';
import { Field } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { formatDid } from '../../components/PhoneNumber';
import type { ApiError } from '../../../../preload/result';
import type { FieldErrors } from '../../lib/issues';
import { unplacedMessage } from '../../queries/outcome';
import { useDids } from '../../queries/dids';

interface EditDidDialogProps {
  did: DidInventoryView | null;
  onClose(): void;
}

/** A number's description, and for an assigned number the rates its client pays. */
export function EditDidDialog({ did, onClose }: EditDidDialogProps) {
  return did ? <EditDidForm key={did.id} did={did} onClose={onClose} /> : null;
}

function EditDidForm({ did, onClose }: { did: DidInventoryView; onClose(): void }) {
  const { update } = useDids();
  const [description, setDescription] = useState(did.description);
  const [minuteRate, setMinuteRate] = useState(did.assignedTo?.minuteRate ?? '');
  const [monthlyFee, setMonthlyFee] = useState(did.assignedTo?.monthlyFee ?? '');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: ApiError; fieldErrors: FieldErrors } | null>(null);
  const number = formatDid(did.number);
  const assigned = did.assignedTo;

  const submit = async (): Promise<void> => {
    setBusy(true);
    const outcome = await update({ id: did.id, description, ...(assigned ? { minuteRate, monthlyFee } : {}) }, number);
    setBusy(false);
    if (outcome.ok) onClose();
    else setFailure(outcome);
  };
  const fieldErrors = failure?.fieldErrors ?? {};
  return (
    <FormDialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={`Edit ${number}`}
      description={
        assigned
          ? `Assigned to ${assigned.clientName} (${assigned.packageName}). A new per-minute rate applies to calls rated from now on; a new monthly fee from the next billing run.`
          : 'Not assigned: its rates are set when you assign it from a client’s page.'
      }
      submitLabel="Save DID"
      busy={busy}
      message={unplacedMessage(failure?.error ?? null, fieldErrors, ['description', 'minuteRate', 'monthlyFee'])}
      onSubmit={() => void submit()}
    >
      <Field id="edit-did-description" label="Description" hint="Optional, e.g. “Montreal main line”." error={fieldErrors.description}>
        {(control) => <input {...control} className="input" type="text" autoComplete="off" maxLength={200} value={description} onChange={(event) => setDescription(event.target.value)} />}
      </Field>
      {assigned ? (
        <>
          <Field id="edit-did-minute-rate" label="Per-minute rate" hint="What the client pays a minute for inbound calls." error={fieldErrors.minuteRate}>
            {(control) => <input {...control} className="input" inputMode="decimal" autoComplete="off" value={minuteRate} onChange={(event) => setMinuteRate(event.target.value)} />}
          </Field>
          <Field id="edit-did-monthly-fee" label="Monthly fee" error={fieldErrors.monthlyFee}>
            {(control) => <input {...control} className="input" inputMode="decimal" autoComplete="off" value={monthlyFee} onChange={(event) => setMonthlyFee(event.target.value)} />}
          </Field>
        </>
      ) : null}
    </FormDialog>
  );
}
