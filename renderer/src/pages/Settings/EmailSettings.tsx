import { useEffect, useRef, useState, type FormEvent } from 'react';
import { SMTP_SECURITY, SMTP_SECURITY_LABELS, type SmtpSecurity } from '../../../../preload/common/email';
import type { EmailSettingsView } from '../../../../preload/schemas/email';
import { Card } from '../../components/Card';
import { CheckboxField } from '../../components/CheckboxField';
import { ChoiceField } from '../../components/ChoiceField';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { hrefTo, useUnsavedChangesGuard } from '../../lib/router';
import { useEmailSettings } from '../../queries/email';
import { useFormSave } from '../../queries/formSave';
import { PasswordInput } from '../Subaccounts/PasswordInput';
import { EmailOutbox } from './EmailOutbox';
import {
  EMAIL_FIELD_IDS as IDS,
  EMAIL_FIELD_LABELS as LABELS,
  emailSummaryItems,
  emailValuesOf,
  passwordHint,
  sameEmailValues,
  toEmailSettingsInput,
  type EmailSettingsValues,
} from './emailSettingsForm';
import { TestEmailCard } from './TestEmailCard';

const SECURITY_CHOICES = SMTP_SECURITY.map((value) => ({ value, label: SMTP_SECURITY_LABELS[value] }));

type TextName = 'host' | 'port' | 'user' | 'fromAddress' | 'fromName';

/** What e-mail drives in this console, said once above the form. */
function EmailPurpose() {
  return (
    <div className="email-purpose">
      <p className="muted">The console sends two kinds of e-mail to your clients, through your own mail server (SMTP):</p>
      <ul className="email-purpose__list">
        <li>
          <strong>Low-balance notices</strong> — once each time a client&apos;s balance crosses below its threshold (not again until a payment lifts it back
          above), with the template of <a href={hrefTo('/branding')}>Branding → Text and messages</a>.
        </li>
        <li>
          <strong>Invoices</strong> — from an invoice&apos;s page, &quot;E-mail invoice&quot; sends it to the client with its PDF attached.
        </li>
      </ul>
      <p className="muted">Each e-mail waits in the outbox below and is tried again when the server cannot be reached. Off: nothing is sent or queued; low-balance notices stay in the console.</p>
    </div>
  );
}

function EmailSettingsForm({ saved }: { saved: EmailSettingsView }) {
  const [baseline, setBaseline] = useState(() => emailValuesOf(saved));
  const [values, setValues] = useState<EmailSettingsValues>(baseline);
  const [current, setCurrent] = useState(saved);
  const { save, saving, saveError, fieldErrors } = useFormSave('email.saveSettings');
  const summaryRef = useRef<HTMLDivElement>(null);
  const dirty = !sameEmailValues(values, baseline);
  useUnsavedChangesGuard(dirty, 'the e-mail settings');
  useEffect(() => {
    if (saveError) summaryRef.current?.focus();
  }, [saveError]);

  const change = <K extends keyof EmailSettingsValues>(name: K, value: EmailSettingsValues[K]): void => setValues((before) => ({ ...before, [name]: value }));
  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const result = await save(toEmailSettingsInput(values), (view) => ({
      title: 'E-mail settings saved',
      description: view.enabled ? 'Send a test e-mail to check them.' : 'E-mail is off: nothing is sent or queued.',
    }));
    if (!result) return;
    const next = emailValuesOf(result);
    setCurrent(result);
    setBaseline(next);
    setValues(next);
  };

  const textField = (name: TextName, options: { type?: 'text' | 'email'; hint?: string; autoComplete?: string; className?: string; inputMode?: 'numeric' } = {}) => (
    <Field id={IDS[name]} label={LABELS[name]} hint={options.hint} error={fieldErrors[name]}>
      {(control) => (
        <input
          {...control}
          className={options.className ?? 'input'}
          type={options.type ?? 'text'}
          inputMode={options.inputMode}
          autoComplete={options.autoComplete ?? 'off'}
          spellCheck={false}
          value={values[name]}
          onChange={(event) => change(name, event.target.value)}
        />
      )}
    </Field>
  );
  const items = emailSummaryItems(fieldErrors, values);

  return (
    <Card title="Mail server">
      <EmailPurpose />
      <form className="form email-settings" onSubmit={(event) => void submit(event)} noValidate aria-busy={saving} aria-label="E-mail settings">
        {saveError ? (
          <ErrorSummary
            ref={summaryRef}
            title={items.length > 0 ? 'The e-mail settings were not saved. Please correct:' : 'The e-mail settings were not saved'}
            items={items}
            message={items.length > 0 ? undefined : saveError.message}
          />
        ) : null}
        <CheckboxField
          id={IDS.enabled}
          label={LABELS.enabled}
          hint="Needs the SMTP server and the from address below."
          error={fieldErrors.enabled}
          checked={values.enabled}
          onChange={(checked) => change('enabled', checked)}
        />
        <div className="email-settings__server">
          {textField('host', { hint: 'Host name or IP address, e.g. smtp.example.com.', autoComplete: 'off' })}
          {textField('port', { hint: 'Usually 465 or 587.', className: 'input input--short', inputMode: 'numeric' })}
        </div>
        <ChoiceField<SmtpSecurity>
          id={IDS.security}
          legend={LABELS.security}
          hint="What your provider's instructions call SSL/TLS or STARTTLS."
          error={fieldErrors.security}
          value={values.security}
          choices={SECURITY_CHOICES}
          onChange={(security) => change('security', security)}
        />
        {textField('user', { hint: 'Often your e-mail address. Empty when the server needs no login.', autoComplete: 'username' })}
        <Field id={IDS.password} label={LABELS.password} hint={passwordHint(current, values.clearPassword)} error={fieldErrors.password}>
          {(control) => <PasswordInput {...control} value={values.clearPassword ? '' : values.password} onChange={(password) => change('password', password)} />}
        </Field>
        {current.passwordSaved ? (
          <CheckboxField
            id={IDS.clearPassword}
            label={LABELS.clearPassword}
            hint="For a server that needs no login."
            error={fieldErrors.clearPassword}
            checked={values.clearPassword}
            onChange={(checked) => setValues((before) => ({ ...before, clearPassword: checked, password: '' }))}
          />
        ) : null}
        <div className="email-settings__from">
          {textField('fromAddress', { type: 'email', hint: 'Your clients see it and reply to it, e.g. billing@yourcompany.com.', autoComplete: 'email' })}
          {textField('fromName', { hint: 'Optional, e.g. your company name.', autoComplete: 'organization' })}
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save e-mail settings'}
          </button>
          <button type="button" className="button button--secondary" disabled={saving || !dirty} onClick={() => setValues(baseline)}>
            Discard changes
          </button>
        </div>
      </form>
    </Card>
  );
}

/** Settings → E-mail (issue 15): the SMTP server, a test e-mail, and the outbox. */
export function EmailSettings() {
  const { settings, status, error } = useEmailSettings();
  if (!settings) {
    return status === 'error' && error ? <ErrorBanner error={error} title="Could not load the e-mail settings" /> : <Loading label="Loading the e-mail settings…" />;
  }
  return (
    <div className="email-settings__stack">
      <EmailSettingsForm saved={settings} />
      {/* The saved settings, read again after a save ('email' changed): the test uses those. */}
      <TestEmailCard settings={settings} />
      <EmailOutbox />
    </div>
  );
}
