import { useState, type FormEvent } from 'react';
import { Card } from '../../components/Card';
import { CheckboxField } from '../../components/CheckboxField';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { usePricePreview } from '../../queries/pricing';
import { DecimalInput } from './DecimalInput';
import { PricePreviewResult } from './PricePreviewResult';

const IDS = {
  destination: 'preview-destination',
  seconds: 'preview-seconds',
  costRate: 'preview-cost-rate',
  inbound: 'preview-inbound',
  didRate: 'preview-did-rate',
} as const;

interface PricePreviewPanelProps {
  packageId: number;
  /** The form has unsaved changes: the preview prices the saved package. */
  unsavedChanges: boolean;
}

/** "What would this call cost my client, and why?" — `pricing.preview` on the saved package; saving it prices the call again. */
export function PricePreviewPanel({ packageId, unsavedChanges }: PricePreviewPanelProps) {
  const { preview, previewing, error: previewError, fieldErrors: previewFieldErrors, run: runPreview } = usePricePreview();
  const [destination, setDestination] = useState('');
  const [seconds, setSeconds] = useState('60');
  const [costRate, setCostRate] = useState('');
  const [inbound, setInbound] = useState(false);
  const [didRate, setDidRate] = useState('');

  const handleSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    runPreview({
      packageId,
      destination,
      seconds: seconds.trim(),
      inbound,
      ...(costRate.trim() === '' ? {} : { costRate: costRate.trim() }),
      ...(inbound && didRate.trim() !== '' ? { didRate: didRate.trim() } : {}),
    });
  };

  const hasFieldErrors = Object.keys(previewFieldErrors).length > 0;
  return (
    <Card title="Price a call" className="preview">
      <p className="muted">What one call would cost your client with this package, and why.</p>
      {unsavedChanges ? <p className="preview__note">Prices use the saved package: save your changes to include them.</p> : null}
      <form className="preview__form" onSubmit={handleSubmit} noValidate aria-busy={previewing}>
        <Field id={IDS.destination} label="Number to call" hint="E.g. +44 7700 900123 or 514 555 0123." error={previewFieldErrors.destination}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="tel"
              autoComplete="off"
              value={destination}
              onChange={(event) => setDestination(event.target.value)}
            />
          )}
        </Field>
        <Field id={IDS.seconds} label="Duration" error={previewFieldErrors.seconds} suffix="seconds">
          {(control) => <DecimalInput {...control} whole value={seconds} onChange={setSeconds} />}
        </Field>
        <Field
          id={IDS.costRate}
          label="Cost per minute (optional)"
          hint="Empty: the cost deck of the package’s route."
          error={previewFieldErrors.costRate}
          suffix="/min"
        >
          {(control) => <DecimalInput {...control} value={costRate} onChange={setCostRate} />}
        </Field>
        <CheckboxField id={IDS.inbound} label="Inbound call on a DID" checked={inbound} onChange={setInbound} />
        {inbound ? (
          <Field id={IDS.didRate} label="DID rate per minute" error={previewFieldErrors.didRate} suffix="/min">
            {(control) => <DecimalInput {...control} value={didRate} onChange={setDidRate} />}
          </Field>
        ) : null}
        <button type="submit" className="button button--primary" disabled={previewing}>
          {previewing ? 'Pricing…' : 'Price this call'}
        </button>
      </form>
      {previewError && !hasFieldErrors ? <ErrorBanner error={previewError} title="Could not price the call" /> : null}
      <div aria-live="polite">{preview ? <PricePreviewResult preview={preview} /> : null}</div>
    </Card>
  );
}
