import { useEffect, useState } from 'react';
import type { ApiError } from '../../../../preload/result';
import type { ClientPackageView } from '../../../../preload/schemas/clients';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { Field, type ControlProps } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { formatDid } from '../../components/PhoneNumber';
import type { FieldErrors } from '../../lib/issues';
import { unplacedMessage } from '../../queries/outcome';
import { useAssignDid } from '../../queries/clientActions';
import { useDids } from '../../queries/dids';

interface AssignDidDialogProps {
  connections: readonly ClientPackageView[];
  open: boolean;
  onClose(): void;
}

interface DidFormValues {
  number: string;
  clientPackageId: string;
  minuteRate: string;
  monthlyFee: string;
  setupFee: string;
}

const EMPTY: DidFormValues = { number: '', clientPackageId: '', minuteRate: '', monthlyFee: '', setupFee: '' };
const FIELDS = ['number', 'clientPackageId', 'minuteRate', 'monthlyFee', 'setupFee'] as const;
const FREE_DIDS_LIST = 'assign-did-free-numbers';

/**
 * Guide: "Add phone numbers to your clients … Don't forget to set a Per Minute rate
 * and/or Monthly fee for your number, as incoming calls are charged independently".
 */
export function AssignDidDialog({ connections, open, onClose }: AssignDidDialogProps) {
  const { dids, load } = useDids();
  const assignDid = useAssignDid();
  const [values, setValues] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: ApiError; fieldErrors: FieldErrors } | null>(null);

  useEffect(() => {
    if (open) void load();
  }, [open, load]);

  const onlyConnection = connections.length === 1 ? String(connections[0]!.id) : '';
  const clientPackageId = values.clientPackageId || onlyConnection;
  const set = (field: keyof DidFormValues) => (value: string) => setValues((current) => ({ ...current, [field]: value }));
  const close = (): void => {
    setValues(EMPTY);
    setFailure(null);
    onClose();
  };
  const submit = async (): Promise<void> => {
    if (clientPackageId === '') {
      setFailure({ error: { code: 'invalid_input', message: 'Choose a package' }, fieldErrors: { clientPackageId: 'Choose the client package this DID belongs to' } });
      return;
    }
    setBusy(true);
    const setupFee = values.setupFee.trim();
    const outcome = await assignDid({
      number: values.number,
      clientPackageId: Number(clientPackageId),
      minuteRate: values.minuteRate.trim(),
      monthlyFee: values.monthlyFee.trim(),
      ...(setupFee === '' ? {} : { setupFee }),
    });
    setBusy(false);
    if (outcome.ok) close();
    else setFailure(outcome);
  };

  const fieldErrors = failure?.fieldErrors ?? {};
  const freeDids = dids.filter((did) => did.assignedTo === null);
  const moneyInput = (field: 'minuteRate' | 'monthlyFee' | 'setupFee') => (control: ControlProps) => (
    <input {...control} className="input input--number" type="text" inputMode="decimal" autoComplete="off" value={values[field]} onChange={(event) => set(field)(event.target.value)} />
  );

  return (
    <FormDialog
      open={open}
      onOpenChange={(isOpen) => (isOpen ? undefined : close())}
      title="Assign a DID"
      description="A number from your DID inventory, under one of this client’s packages. Inbound calls are charged at the DID’s own per-minute rate."
      submitLabel="Assign DID"
      busy={busy}
      message={unplacedMessage(failure?.error ?? null, fieldErrors, FIELDS)}
      onSubmit={() => void submit()}
    >
      <Field
        id="assign-did-number"
        label="Phone number"
        hint={freeDids.length > 0 ? `${freeDids.length} free in your inventory; start typing to pick one.` : 'Add numbers to your DID inventory first.'}
        error={fieldErrors.number}
      >
        {(control) => (
          <input {...control} className="input" type="text" inputMode="tel" autoComplete="off" list={FREE_DIDS_LIST} value={values.number} onChange={(event) => set('number')(event.target.value)} />
        )}
      </Field>
      <datalist id={FREE_DIDS_LIST}>
        {freeDids.map((did) => (
          <option key={did.id} value={formatDid(did.number)}>
            {did.description}
          </option>
        ))}
      </datalist>
      <Field id="assign-did-package" label="Client package" error={fieldErrors.clientPackageId}>
        {(control) => (
          <ChoiceSelect
            {...control}
            value={clientPackageId}
            placeholder="Choose a connected package…"
            choices={connections.map((connection) => ({ value: String(connection.id), label: connection.packageName }))}
            onChange={set('clientPackageId')}
          />
        )}
      </Field>
      <div className="form__row">
        <Field id="assign-did-minute-rate" label="Per-minute rate" hint="Inbound, e.g. 0.0100." error={fieldErrors.minuteRate}>
          {moneyInput('minuteRate')}
        </Field>
        <Field id="assign-did-monthly-fee" label="Monthly fee" hint="e.g. 2.50" error={fieldErrors.monthlyFee}>
          {moneyInput('monthlyFee')}
        </Field>
      </div>
      <Field id="assign-did-setup-fee" label="Setup fee" hint="Optional; charged now when set." error={fieldErrors.setupFee}>
        {moneyInput('setupFee')}
      </Field>
    </FormDialog>
  );
}
