import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ApiError } from '../../../../preload/result';
import { Card } from '../../components/Card';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import type { FieldErrors } from '../../lib/issues';
import { hrefTo, useUnsavedChangesGuard } from '../../lib/router';
import type { ClientCreateInput } from '../../queries/clients';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatMoney } from '../../../../preload/common/format';
import { BalanceModeField } from './BalanceModeField';
import {
  CLIENT_FIELD_IDS,
  CLIENT_FIELD_LABELS,
  isClientField,
  suspendsOnSave,
  toClientInput,
  type ClientField,
  type ClientFormValues,
} from './clientForm';

interface ClientFormProps {
  initialValues: ClientFormValues;
  /** The balance of the client being edited; none for a new client (which may take an opening payment). */
  currentBalance?: string;
  submitLabel: string;
  cancelPath: string;
  saving: boolean;
  error: ApiError | null;
  fieldErrors: FieldErrors;
  onSubmit(input: ClientCreateInput): void;
}

function summaryItems(fieldErrors: FieldErrors): SummaryItem[] {
  return Object.entries(fieldErrors).map(([field, message]) => {
    if (!isClientField(field)) return { text: message };
    const label = CLIENT_FIELD_LABELS[field];
    // main's messages usually name the field already ("Last name is required").
    const text = message.toLowerCase().startsWith(label.toLowerCase()) ? message : `${label}: ${message}`;
    return { fieldId: CLIENT_FIELD_IDS[field], text };
  });
}

type TextFieldName = Exclude<ClientField, 'balanceMode' | 'notes'>;

interface TextFieldProps {
  name: TextFieldName;
  values: ClientFormValues;
  fieldErrors: FieldErrors;
  onChange(name: TextFieldName, value: string): void;
  type?: 'text' | 'email' | 'tel';
  autoComplete?: string;
  hint?: ReactNode;
  suffix?: ReactNode;
  className?: string;
}

function TextField({ name, values, fieldErrors, onChange, type = 'text', autoComplete = 'off', hint, suffix, className = 'input' }: TextFieldProps) {
  return (
    <Field id={CLIENT_FIELD_IDS[name]} label={CLIENT_FIELD_LABELS[name]} hint={hint} suffix={suffix} error={fieldErrors[name]}>
      {(control) => (
        <input
          {...control}
          className={className}
          type={type}
          autoComplete={autoComplete}
          value={values[name]}
          onChange={(event) => onChange(name, event.target.value)}
        />
      )}
    </Field>
  );
}

/** "New client" and "Edit client": the guide's client form plus the balance rules. */
export function ClientForm({ initialValues, currentBalance, submitLabel, cancelPath, saving, error, fieldErrors, onSubmit }: ClientFormProps) {
  const [values, setValues] = useState(initialValues);
  const [confirmingSuspension, setConfirmingSuspension] = useState(false);
  const suspends = suspendsOnSave(initialValues.balanceMode, values, currentBalance);
  // Issue 10: unsaved edits are never lost silently on navigation.
  useUnsavedChangesGuard(JSON.stringify(values) !== JSON.stringify(initialValues), currentBalance === undefined ? 'this new client' : 'this client');
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) summaryRef.current?.focus();
  }, [error]);

  const change = (name: ClientField, value: string): void => setValues((current) => ({ ...current, [name]: value }));
  const shared = { values, fieldErrors, onChange: change };
  const items = summaryItems(fieldErrors);
  const handleSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (suspends) setConfirmingSuspension(true);
    else onSubmit(toClientInput(values));
  };

  return (
    <form className="form client-form" onSubmit={handleSubmit} noValidate aria-busy={saving}>
      {error ? (
        <ErrorSummary
          ref={summaryRef}
          title={items.length > 0 ? 'The client was not saved. Please correct:' : 'The client was not saved'}
          items={items}
          message={items.length > 0 ? undefined : error.message}
        />
      ) : null}
      <Card title="Contact">
        <div className="form__row">
          <TextField name="firstName" autoComplete="given-name" {...shared} />
          <TextField name="lastName" autoComplete="family-name" {...shared} />
        </div>
        <TextField name="company" autoComplete="organization" hint="Optional. Shown after the name, e.g. “Alice Martin (Acme)”." {...shared} />
        <div className="form__row">
          <TextField name="email" type="email" autoComplete="email" hint="One client per e-mail address." {...shared} />
          <TextField name="phone" type="tel" autoComplete="tel" hint="Optional." {...shared} />
        </div>
      </Card>
      <Card title="Address">
        <TextField name="street" autoComplete="street-address" {...shared} />
        <div className="form__row">
          <TextField name="city" autoComplete="address-level2" {...shared} />
          <TextField name="state" autoComplete="address-level1" {...shared} />
        </div>
        <div className="form__row">
          <TextField name="country" autoComplete="country-name" {...shared} />
          <TextField name="postalCode" autoComplete="postal-code" {...shared} />
        </div>
      </Card>
      <Card title="Balance">
        <BalanceModeField value={values.balanceMode} error={fieldErrors.balanceMode} onChange={(mode) => change('balanceMode', mode)} />
        {suspends ? (
          <div className="banner banner--warning" role="note" data-testid="suspend-warning">
            <p className="banner__body banner__message">
              The balance is {formatMoney(currentBalance ?? '0')}: as a HARD client it is suspended as soon as you save, until a payment brings the balance above zero.
            </p>
          </div>
        ) : null}
        {currentBalance === undefined ? (
          <TextField
            name="openingPayment"
            className="input input--number"
            hint="Optional: a payment received with the sign-up, e.g. 50.00. A HARD client needs one to start active."
            {...shared}
          />
        ) : null}
        <div className="form__row">
          <TextField
            name="lowBalanceThreshold"
            className="input input--number"
            hint="Warn when the balance falls below this amount, e.g. 10.00. Leave empty for no warning."
            {...shared}
          />
          <TextField name="lowBalanceEmail" type="email" hint="Who is told when the balance runs low." {...shared} />
        </div>
      </Card>
      <Card title="Internal notes">
        <Field id={CLIENT_FIELD_IDS.notes} label="Notes" hint="Only you see these." error={fieldErrors.notes}>
          {(control) => (
            <textarea {...control} className="input textarea" rows={3} value={values.notes} onChange={(event) => change('notes', event.target.value)} />
          )}
        </Field>
      </Card>
      <ConfirmDialog
        open={confirmingSuspension}
        onOpenChange={setConfirmingSuspension}
        title="Suspend this client now?"
        description={`Switching to HARD with a balance of ${formatMoney(currentBalance ?? '0')} suspends the client as soon as the change is saved: calls stop until a payment brings the balance above zero.`}
        confirmLabel="Save and suspend"
        destructive
        onConfirm={() => {
          setConfirmingSuspension(false);
          onSubmit(toClientInput(values));
        }}
      />
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
