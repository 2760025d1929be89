import { useState, type FormEvent } from 'react';
import type { ConnectionTest, ProviderSettingsView } from '../../../../preload/schemas/sync';
import { Card } from '../../components/Card';
import { DetailList } from '../../components/DetailList';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/Loading';
import { Money } from '../../components/Money';
import { useUnsavedChangesGuard } from '../../lib/router';
import { useFormSave } from '../../queries/formSave';
import { useConnectionTest, useProviderSettings } from '../../queries/providerSettings';
import { PasswordInput } from '../Subaccounts/PasswordInput';

const DEFAULT_URL_HINT = 'The provider\'s REST/JSON API (https://voip.ms/api/v1/rest.php); change it only to try the sync against an emulator.';

function passwordHint(saved: ProviderSettingsView): string {
  if (!saved.canSavePassword) return 'Not saved on this computer: it has no keychain to encrypt it.';
  return saved.passwordSaved ? 'Saved, encrypted by your operating system. Leave blank to keep it.' : 'Kept encrypted by your operating system; never shown again.';
}

interface Values {
  apiUsername: string;
  apiPassword: string;
  baseUrl: string;
}

const valuesOf = (saved: ProviderSettingsView): Values => ({ apiUsername: saved.apiUsername, apiPassword: '', baseUrl: saved.baseUrl });

/** The credentials come from RESELLER_API_USERNAME / RESELLER_API_PASSWORD (the command line, the headless host): shown, not edited. */
function EnvironmentCredentials({ saved }: { saved: ProviderSettingsView }) {
  return (
    <Card title="VoIP.ms API">
      <div className="banner banner--info" role="note">
        <Icon name="settings" />
        <div className="banner__body">
          <p className="banner__title">Set by the environment</p>
          <p className="banner__message">
            This app was started with <code>RESELLER_API_USERNAME</code> and <code>RESELLER_API_PASSWORD</code> (and{' '}
            <code>RESELLER_API_URL</code> for another address) in its environment: change them there and start it again.
          </p>
        </div>
      </div>
      <DetailList
        details={[
          { term: 'API e-mail', value: <span data-testid="provider-username">{saved.apiUsername}</span> },
          { term: 'API password', value: 'Set' },
          { term: 'API address', value: <code data-testid="provider-url">{saved.baseUrl}</code> },
        ]}
      />
    </Card>
  );
}

function ProviderSettingsForm({ saved }: { saved: ProviderSettingsView }) {
  const [baseline, setBaseline] = useState(() => valuesOf(saved));
  const [current, setCurrent] = useState(saved);
  const [values, setValues] = useState<Values>(baseline);
  const { save, saving, saveError, fieldErrors } = useFormSave('sync.saveSettings');
  const dirty = values.apiUsername !== baseline.apiUsername || values.baseUrl !== baseline.baseUrl || values.apiPassword !== '';
  useUnsavedChangesGuard(dirty, 'the provider settings');

  const change = (name: keyof Values, value: string): void => setValues((before) => ({ ...before, [name]: value }));
  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const result = await save(
      { apiUsername: values.apiUsername, baseUrl: values.baseUrl, ...(values.apiPassword ? { apiPassword: values.apiPassword } : {}) },
      () => ({ title: 'Provider settings saved', description: 'Test the connection to check them.' }),
    );
    if (!result) return;
    const next = valuesOf(result);
    setCurrent(result);
    setBaseline(next);
    setValues(next);
  };
  // A refusal not about one field (the environment's credentials, a form-level issue) shows above the form.
  const unnamedError = saveError && Object.keys(fieldErrors).every((name) => name === '_form') ? saveError : null;

  return (
    <Card title="VoIP.ms API">
      <p className="muted">
        The sync sends your changes to the provider and reads its calls with the API e-mail (your account&apos;s e-mail) and the API
        password set on the provider&apos;s API page — not your portal password. The provider must also allow this computer&apos;s IP
        address: &quot;Test connection&quot; tells you which one.
      </p>
      {!current.canSavePassword ? (
        <div className="banner banner--warning" role="note">
          <Icon name="alert" />
          <div className="banner__body">
            <p className="banner__title">The password cannot be saved on this computer</p>
            <p className="banner__message">
              There is no keychain here to keep it encrypted, so it is never written down. Start the app with <code>RESELLER_API_PASSWORD</code> (and{' '}
              <code>RESELLER_API_USERNAME</code>) in its environment instead.
            </p>
          </div>
        </div>
      ) : null}
      <form className="form provider-settings" onSubmit={(event) => void submit(event)} noValidate aria-busy={saving} aria-label="Provider settings">
        {unnamedError ? <ErrorBanner error={unnamedError} title="The provider settings were not saved" /> : null}
        <Field id="provider-username" label="API e-mail" hint="The e-mail of your provider account." error={fieldErrors.apiUsername}>
          {(control) => (
            <input {...control} className="input" type="email" autoComplete="username" spellCheck={false} value={values.apiUsername} onChange={(event) => change('apiUsername', event.target.value)} />
          )}
        </Field>
        <Field
          id="provider-password"
          label="API password"
          hint={passwordHint(current)}
          error={fieldErrors.apiPassword}
        >
          {(control) => <PasswordInput {...control} value={values.apiPassword} onChange={(value) => change('apiPassword', value)} />}
        </Field>
        <Field id="provider-url" label="API address" hint={DEFAULT_URL_HINT} error={fieldErrors.baseUrl}>
          {(control) => <input {...control} className="input" type="url" spellCheck={false} value={values.baseUrl} onChange={(event) => change('baseUrl', event.target.value)} />}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save provider settings'}
          </button>
          <button type="button" className="button button--secondary" disabled={saving || !dirty} onClick={() => setValues(baseline)}>
            Discard changes
          </button>
        </div>
      </form>
    </Card>
  );
}

function TestResult({ result }: { result: ConnectionTest }) {
  if (result.ok) {
    return (
      <div role="status" className="banner banner--success" data-testid="connection-result">
        <Icon name="check" />
        <div className="banner__body">
          <p className="banner__title">Connected to the provider</p>
          <p className="banner__message">{result.message}</p>
          <DetailList
            details={[
              { term: 'This computer\'s IP', value: <code data-testid="connection-ip">{result.ip ?? 'unknown'}</code> },
              { term: 'Your balance at the provider', value: result.balance === null ? '—' : <Money value={result.balance} /> },
            ]}
          />
        </div>
      </div>
    );
  }
  return (
    <div role="alert" className="banner banner--error" data-testid="connection-result">
      <Icon name="alert" />
      <div className="banner__body">
        <p className="banner__title">{result.status === 'not_configured' ? 'Nothing to test yet' : `The connection failed${result.status ? ` (${result.status})` : ''}`}</p>
        <p className="banner__message">{result.message}</p>
      </div>
    </div>
  );
}

/** "Test connection": getIP, then getBalance, with the provider's answer — or what to do about it. */
function ConnectionCard({ editable }: { editable: boolean }) {
  const connection = useConnectionTest();
  return (
    <Card title="Connection">
      <p className="muted">
        Asks the provider which IP it sees for this computer, then reads your balance there.{editable ? ' Save your changes first: the test uses the saved settings.' : ''}
      </p>
      <div className="form__actions">
        <button type="button" className="button button--primary" disabled={connection.testing} onClick={() => connection.test()}>
          {connection.testing ? 'Testing…' : 'Test connection'}
        </button>
      </div>
      <div aria-live="polite">
        {connection.result ? <TestResult result={connection.result} /> : null}
        {connection.error ? <ErrorBanner error={connection.error} title="The test could not run" /> : null}
      </div>
    </Card>
  );
}

/** Settings → Provider (issue 12): the API's credentials and address, and a test of the connection. */
export function ProviderSettings() {
  const { settings, status, error } = useProviderSettings();
  if (!settings) {
    return status === 'error' && error ? <ErrorBanner error={error} title="Could not load the provider settings" /> : <Loading label="Loading the provider settings…" />;
  }
  return (
    <div className="provider-settings__stack">
      {settings.fromEnvironment ? <EnvironmentCredentials saved={settings} /> : <ProviderSettingsForm saved={settings} />}
      <ConnectionCard editable={!settings.fromEnvironment} />
    </div>
  );
}
