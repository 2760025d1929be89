import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ApiError } from '../../../../preload/result';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import type { FieldErrors } from '../../lib/issues';
import { hrefTo } from '../../lib/router';
import { CodecOrderField } from './CodecOrderField';
import { CallsCard, DeviceCard, IdentityCard } from './SubaccountSettingsCards';
import { fieldIdOf, type SubaccountFormValues } from './subaccountForm';

/** What the page's reseller section gets from the form (the section differs on create and edit). */
export interface ResellerSlot {
  values: SubaccountFormValues;
  fieldErrors: FieldErrors;
  onChange(change: Partial<SubaccountFormValues>): void;
}

interface SubaccountFormProps {
  mode: 'create' | 'edit';
  initialValues: SubaccountFormValues;
  /** The guide's reseller section: the client's package on create; client and package on edit. */
  reseller?: (slot: ResellerSlot) => ReactNode;
  passwordReveal?: ReactNode;
  submitLabel: string;
  cancelPath: string;
  saving: boolean;
  error: ApiError | null;
  fieldErrors: FieldErrors;
  onSubmit(values: SubaccountFormValues): void;
}

const summaryItems = (fieldErrors: FieldErrors, where: Parameters<typeof fieldIdOf>[1]): SummaryItem[] =>
  Object.entries(fieldErrors).map(([path, text]) => {
    const fieldId = fieldIdOf(path, where);
    return fieldId ? { fieldId, text } : { text };
  });

/** Every setting the guide lists for a sub account, and its reseller section. */
export function SubaccountForm(props: SubaccountFormProps) {
  const { mode, initialValues, reseller, passwordReveal, submitLabel, cancelPath, saving, error, fieldErrors, onSubmit } = props;
  const [values, setValues] = useState(initialValues);
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) summaryRef.current?.focus();
  }, [error]);

  const change = (update: Partial<SubaccountFormValues>): void => setValues((current) => ({ ...current, ...update }));
  const cards = { mode, values, fieldErrors, onChange: change };
  const items = summaryItems(fieldErrors, { mode, connection: values.connection });
  const handleSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    onSubmit(values);
  };

  return (
    <form className="form subaccount-form" onSubmit={handleSubmit} noValidate aria-busy={saving}>
      {error ? (
        <ErrorSummary
          ref={summaryRef}
          title={items.length > 0 ? 'The sub account was not saved. Please correct:' : 'The sub account was not saved'}
          items={items}
          message={items.length > 0 ? undefined : error.message}
        />
      ) : null}
      <IdentityCard {...cards} passwordReveal={passwordReveal} />
      <DeviceCard {...cards} />
      <CallsCard {...cards}>
        <CodecOrderField codecs={values.codecs} error={fieldErrors.allowedCodecs} onChange={(codecs) => change({ codecs })} />
      </CallsCard>
      {reseller?.({ values, fieldErrors, onChange: change })}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? 'Saving…' : submitLabel}
        </button>
        <a className="button button--secondary" href={hrefTo(cancelPath)}>
          Cancel
        </a>
      </div>
    </form>
  );
}
