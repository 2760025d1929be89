import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../../../preload/result';
import { Card } from '../../components/Card';
import { Field } from '../../components/Field';
import type { FieldErrors } from '../../lib/issues';
import { unplacedMessage } from '../../queries/outcome';
import { useDids } from '../../queries/dids';

/** Guide: "you need to order a DID and have it on your account before you can assign it". */
export function AddDidCard() {
  const { add } = useDids();
  const [number, setNumber] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: ApiError; fieldErrors: FieldErrors } | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const outcome = await add({ number, description });
    setBusy(false);
    if (!outcome.ok) {
      setFailure(outcome);
      return;
    }
    setFailure(null);
    setNumber('');
    setDescription('');
  };

  const fieldErrors = failure?.fieldErrors ?? {};
  const message = unplacedMessage(failure?.error ?? null, fieldErrors, ['number', 'description']);
  return (
    <Card title="Add a number">
      <form className="stacked-form" onSubmit={(event) => void submit(event)} noValidate aria-busy={busy}>
        <p className="muted">A number you already ordered from the provider.</p>
        {message ? (
          <p className="field__error" role="alert">
            {message}
          </p>
        ) : null}
        <Field id="did-number" label="Phone number" hint="E.164 or 10 digits, e.g. +1 514 555 0123." error={fieldErrors.number}>
          {(control) => <input {...control} className="input" type="text" inputMode="tel" autoComplete="off" value={number} onChange={(event) => setNumber(event.target.value)} />}
        </Field>
        <Field id="did-description" label="Description" hint="Optional, e.g. “Montreal main line”." error={fieldErrors.description}>
          {(control) => (
            <input {...control} className="input" type="text" autoComplete="off" maxLength={120} value={description} onChange={(event) => setDescription(event.target.value)} />
          )}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Adding…' : 'Add number'}
          </button>
        </div>
      </form>
    </Card>
  );
}
