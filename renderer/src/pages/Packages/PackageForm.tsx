import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApiError } from '../../../../preload/result';
import { Card } from '../../components/Card';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import type { FieldErrors } from '../../lib/issues';
import { hrefTo } from '../../lib/router';
import type { PackageCreateInput } from '../../stores/packages';
import {
  FIELD_IDS,
  FIELD_LABELS,
  toPackageInput,
  type PackageFormValues,
} from './packageForm';
import { OTHER_PULSE } from './pulse';
import { PulseField } from './PulseField';
import { SellRateExample } from './SellRateExample';

interface PackageFormProps {
  initialValues: PackageFormValues;
  submitLabel: string;
  saving: boolean;
  /** The last failed save, as main reported it. */
  error: ApiError | null;
  fieldErrors: FieldErrors;
  onSubmit(input: PackageCreateInput): void;
}

function summaryItems(fieldErrors: FieldErrors, pulseIsOther: boolean): SummaryItem[] {
  const idOf = (field: string): string | undefined => {
    if (field === 'pulseSeconds') return pulseIsOther ? FIELD_IDS.pulseCustom : FIELD_IDS.pulseChoice;
    return field in FIELD_IDS ? FIELD_IDS[field as keyof typeof FIELD_IDS] : undefined;
  };
  return Object.entries(fieldErrors).flatMap(([field, message]) => {
    const fieldId = idOf(field);
    const label = FIELD_LABELS[field] ?? field;
    // Main's messages usually name the field already ("Fixed markup cannot be negative").
    const text = message.toLowerCase().startsWith(label.toLowerCase()) ? message : `${label}: ${message}`;
    return [fieldId ? { fieldId, text } : { text }];
  });
}

export function PackageForm({ initialValues, submitLabel, saving, error, fieldErrors, onSubmit }: PackageFormProps) {
  const [values, setValues] = useState(initialValues);
  const summaryRef = useRef<HTMLDivElement>(null);
  const set = (field: keyof PackageFormValues) => (value: string) => setValues((current) => ({ ...current, [field]: value }));

  // After a failed save, take the person to the list of problems (it is also a live alert).
  useEffect(() => {
    if (error) summaryRef.current?.focus();
  }, [error]);

  const pulseIsOther = values.pulseChoice === OTHER_PULSE;
  const items = summaryItems(fieldErrors, pulseIsOther);
  const handleSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    onSubmit(toPackageInput(values));
  };

  return (
    <form className="form" onSubmit={handleSubmit} noValidate aria-busy={saving}>
      {error ? (
        <ErrorSummary
          ref={summaryRef}
          title={items.length > 0 ? 'The package was not saved. Please correct:' : 'The package was not saved'}
          items={items}
          message={items.length > 0 ? undefined : error.message}
        />
      ) : null}
      <div className="form__layout">
        <div className="form__main">
          <Card title="Package">
            <Field id={FIELD_IDS.name} label="Name" hint="Shown to you and on client invoices." error={fieldErrors.name}>
              {(control) => (
                <input
                  {...control}
                  className="input"
                  type="text"
                  autoComplete="off"
                  required
                  maxLength={120}
                  value={values.name}
                  onChange={(event) => set('name')(event.target.value)}
                />
              )}
            </Field>
          </Card>
          <Card title="Outbound markup">
            <div className="form__row">
              <Field
                id={FIELD_IDS.markupFixed}
                label="Fixed markup"
                hint="Added to the cost of every minute, e.g. 0.0050."
                error={fieldErrors.markupFixed}
                suffix="per minute"
              >
                {(control) => (
                  <input
                    {...control}
                    className="input input--number"
                    type="text"
                    inputMode="decimal"
                    autoComplete="off"
                    value={values.markupFixed}
                    onChange={(event) => set('markupFixed')(event.target.value)}
                  />
                )}
              </Field>
              <Field
                id={FIELD_IDS.markupPercent}
                label="Percent markup"
                hint="Applied after the fixed markup, e.g. 20."
                error={fieldErrors.markupPercent}
                suffix="%"
              >
                {(control) => (
                  <input
                    {...control}
                    className="input input--number"
                    type="text"
                    inputMode="decimal"
                    autoComplete="off"
                    value={values.markupPercent}
                    onChange={(event) => set('markupPercent')(event.target.value)}
                  />
                )}
              </Field>
            </div>
          </Card>
          <Card title="Billing">
            <PulseField
              choice={values.pulseChoice}
              custom={values.pulseCustom}
              error={fieldErrors.pulseSeconds}
              onChoiceChange={set('pulseChoice')}
              onCustomChange={set('pulseCustom')}
            />
          </Card>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={saving}>
              {saving ? 'Saving…' : submitLabel}
            </button>
            <a className="button button--secondary" href={hrefTo('/packages')}>
              Cancel
            </a>
          </div>
        </div>
        <SellRateExample markupFixed={values.markupFixed} markupPercent={values.markupPercent} />
      </div>
    </form>
  );
}
