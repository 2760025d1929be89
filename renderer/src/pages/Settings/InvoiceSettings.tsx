import { useEffect, useRef, useState, type FormEvent } from 'react';
import { PAPER_SIZES } from '../../../../preload/common/invoiceLimits';
import type { InvoiceSettingsView } from '../../../../preload/schemas/invoices';
import { Card } from '../../components/Card';
import { CheckboxField } from '../../components/CheckboxField';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import type { FieldErrors } from '../../lib/issues';
import { useUnsavedChangesGuard } from '../../lib/router';
import { useFormSave } from '../../queries/formSave';
import { useInvoiceSettings } from '../../queries/invoices';
import { LogoField } from './LogoField';
import { TaxesEditor } from './TaxesEditor';
import {
  nextNumberHint,
  SETTINGS_FIELD_IDS as IDS,
  SETTINGS_FIELD_LABELS as LABELS,
  settingsFingerprint,
  settingsSummaryItems,
  settingsValuesOf,
  toSettingsInput,
  type InvoiceSettingsValues,
} from './invoiceSettingsForm';

const PAPER_CHOICES = PAPER_SIZES.map((paper) => ({ value: paper, label: paper === 'A4' ? 'A4 (210 × 297 mm)' : 'Letter (8.5 × 11 in)' }));

type TextName = 'companyName' | 'companyEmail' | 'companyPhone' | 'taxNumber' | 'numberPrefix';

interface FormProps {
  saved: InvoiceSettingsView;
}

/** Settings → Invoices: what every invoice prints (company block, logo), how it is numbered, and its taxes. */
function InvoiceSettingsForm({ saved }: FormProps) {
  const [baseline, setBaseline] = useState(() => settingsValuesOf(saved));
  const [values, setValues] = useState<InvoiceSettingsValues>(baseline);
  const [minNextNumber, setMinNextNumber] = useState(saved.minNextNumber);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const { save, saving, saveError, fieldErrors: mainErrors } = useFormSave('invoices.saveSettings');
  const fieldErrors: FieldErrors = { ...mainErrors, ...localErrors };
  const summaryRef = useRef<HTMLDivElement>(null);
  const failed = saveError !== null || Object.keys(localErrors).length > 0;

  // Issue 10: unsaved edits are never lost silently on navigation.
  useUnsavedChangesGuard(settingsFingerprint(values) !== settingsFingerprint(baseline), 'the invoice settings');
  useEffect(() => {
    if (failed) summaryRef.current?.focus();
  }, [failed, saveError, localErrors]);

  const change = <K extends keyof InvoiceSettingsValues>(name: K, value: InvoiceSettingsValues[K]): void => setValues((current) => ({ ...current, [name]: value }));

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const outcome = toSettingsInput(values, minNextNumber);
    if (!outcome.ok) {
      setLocalErrors(outcome.fieldErrors);
      return;
    }
    setLocalErrors({});
    const result = await save(outcome.input, () => ({ title: 'Invoice settings saved', description: 'New invoices use them; invoices already issued keep what they printed.' }));
    if (!result) return;
    const next = settingsValuesOf(result);
    setBaseline(next);
    setValues(next);
    setMinNextNumber(result.minNextNumber);
  };

  const textField = (name: TextName, options: { type?: 'text' | 'email' | 'tel'; hint?: string; autoComplete?: string; className?: string } = {}) => (
    <Field id={IDS[name]} label={LABELS[name]} hint={options.hint} error={fieldErrors[name]}>
      {(control) => (
        <input
          {...control}
          className={options.className ?? 'input'}
          type={options.type ?? 'text'}
          autoComplete={options.autoComplete ?? 'off'}
          value={values[name]}
          onChange={(event) => change(name, event.target.value)}
        />
      )}
    </Field>
  );
  const items = settingsSummaryItems(fieldErrors);

  return (
    <form className="form invoice-settings" onSubmit={(event) => void submit(event)} noValidate aria-busy={saving} aria-label="Invoice settings">
      {failed ? (
        <ErrorSummary
          ref={summaryRef}
          title={items.length > 0 ? 'The invoice settings were not saved. Please correct:' : 'The invoice settings were not saved'}
          items={items}
          message={items.length > 0 ? undefined : saveError?.message}
        />
      ) : null}
      <Card title="Company block">
        <p className="muted">Printed at the top of every invoice. An invoice keeps the block it was issued with.</p>
        <div className="invoice-settings__company">
          <div className="form__main">
            {textField('companyName', { autoComplete: 'organization' })}
            <Field id={IDS.companyAddress} label={LABELS.companyAddress} hint="One line each: street, city, country." error={fieldErrors.companyAddress}>
              {(control) => (
                <textarea {...control} className="input textarea" rows={3} value={values.companyAddress} onChange={(event) => change('companyAddress', event.target.value)} />
              )}
            </Field>
            <div className="form__row">
              {textField('companyEmail', { type: 'email', autoComplete: 'email' })}
              {textField('companyPhone', { type: 'tel', autoComplete: 'tel' })}
            </div>
            {textField('taxNumber', { hint: 'Your GST/HST, VAT or other registration number, printed under your address.' })}
          </div>
          <LogoField id={IDS.logo} value={values.logo} error={fieldErrors.logo} onChange={(logo) => change('logo', logo)} />
        </div>
      </Card>
      <Card title="Numbering and paper">
        <div className="form__row">
          {textField('numberPrefix', { hint: 'Before every number, e.g. INV-. Optional.', className: 'input input--short' })}
          <Field
            id={IDS.nextNumber}
            label={LABELS.nextNumber}
            hint={nextNumberHint(minNextNumber)}
            error={fieldErrors.nextNumber}
          >
            {(control) => (
              <input
                {...control}
                className="input input--number"
                type="text"
                inputMode="numeric"
                autoComplete="off"
                value={values.nextNumber}
                onChange={(event) => change('nextNumber', event.target.value)}
              />
            )}
          </Field>
          <Field id={IDS.paper} label={LABELS.paper} hint="The size of the PDFs." error={fieldErrors.paper}>
            {(control) => (
              <ChoiceSelect
                {...control}
                value={values.paper}
                choices={PAPER_CHOICES}
                onChange={(paper) => {
                  if (paper === 'A4' || paper === 'Letter') change('paper', paper);
                }}
              />
            )}
          </Field>
        </div>
        <CheckboxField
          id={IDS.issueOnCycleClose}
          label={LABELS.issueOnCycleClose}
          hint="When a client package's billing date closes its cycle, the invoice for that period is issued at once. Off: issue them from the Invoices page."
          error={fieldErrors.issueOnCycleClose}
          checked={values.issueOnCycleClose}
          onChange={(checked) => change('issueOnCycleClose', checked)}
        />
      </Card>
      <Card title="Taxes and payment">
        <TaxesEditor
          idPrefix="invoice"
          legend="Default taxes"
          hint="Applied to the charges of every client without taxes of its own (set on the client's page), e.g. GST 5 % and QST 9.975 %."
          rows={values.defaultTaxes}
          onChange={(rows) => change('defaultTaxes', rows)}
          fieldErrors={fieldErrors}
          path="defaultTaxes"
        />
        <Field id={IDS.paymentInstructions} label={LABELS.paymentInstructions} hint="Printed at the bottom: how to pay you (bank transfer details, PayPal address…)." error={fieldErrors.paymentInstructions}>
          {(control) => (
            <textarea {...control} className="input textarea" rows={3} value={values.paymentInstructions} onChange={(event) => change('paymentInstructions', event.target.value)} />
          )}
        </Field>
      </Card>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save invoice settings'}
        </button>
        <button type="button" className="button button--secondary" disabled={saving} onClick={() => { setValues(baseline); setLocalErrors({}); }}>
          Discard changes
        </button>
      </div>
    </form>
  );
}

export function InvoiceSettings() {
  const { settings, status, error } = useInvoiceSettings();
  if (!settings) {
    return status === 'error' && error ? <ErrorBanner error={error} title="Could not load the invoice settings" /> : <Loading label="Loading the invoice settings…" />;
  }
  return <InvoiceSettingsForm saved={settings} />;
}
