import { useState, type FormEvent } from 'react';
import type { DatabaseKind, DatabaseTest, DatabaseView } from '../../../../preload/schemas/database';
import { Card } from '../../components/Card';
import { ChoiceField } from '../../components/ChoiceField';
import { DetailList } from '../../components/DetailList';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/Loading';
import { useUnsavedChangesGuard } from '../../lib/router';
import { useDatabaseSettings, useDatabaseTest } from '../../queries/database';
import { useFormSave } from '../../queries/formSave';
import { PasswordInput } from '../Subaccounts/PasswordInput';

const CHOICES = [
  { value: 'file', label: 'This computer', description: 'A database file in the app’s data folder: one desk, works offline.' },
  {
    value: 'server',
    label: 'Team server (PostgreSQL)',
    description: 'Several people and computers on one database: sales, accounting and the owner see the same clients, payments and calls.',
  },
] as const;

interface Values {
  kind: DatabaseKind;
  url: string;
  password: string;
  teamKey: string;
}

const valuesOf = (saved: DatabaseView): Values => ({ kind: saved.saved.kind, url: saved.saved.kind === 'server' ? saved.saved.url : '', password: '', teamKey: '' });

function passwordHint(view: DatabaseView, url: string): string {
  if (!view.canSavePassword) return 'Not saved on this computer: it has no keychain to encrypt it. Start the app with PGPASSWORD instead.';
  const samePlace = view.saved.kind === 'server' && view.saved.url === url.trim();
  return samePlace && view.saved.kind === 'server' && view.saved.passwordSaved
    ? 'Saved, encrypted on this computer. Leave blank to keep it.'
    : 'Kept encrypted on this computer; never shown again.';
}

/** Issue 16: the team's key is never shown again, only whether one is there. */
/** Only where the host takes it from the window (the desktop app); the headless host's team key is RESELLER_CONSOLE_KEY or its key file. */
function teamKeyHint(view: DatabaseView): string {
  const team = 'Every computer of the team enters the same key: passwords saved on one computer (the provider’s API password, SIP and portal passwords) then open on the others. A passphrase of at least 16 characters, or 32 bytes in hex or base64.';
  if (!view.teamKey) return team;
  if (view.teamKey.source === 'environment') return `${team} RESELLER_CONSOLE_KEY is set on this computer and is used instead.`;
  if (!view.teamKey.canSave) return `${team} Not saved on this computer: it has no keychain to encrypt it. Start the app with RESELLER_CONSOLE_KEY instead.`;
  return view.teamKey.source === 'saved' ? `${team} A team key is saved, encrypted on this computer. Leave blank to keep it.` : `${team} Kept encrypted on this computer; never shown again.`;
}

function WhereNow({ view }: { view: DatabaseView }) {
  return (
    <Card title="Where your data lives now">
      <DetailList
        details={[
          { term: 'Database', value: view.current.kind === 'server' ? 'Team server (PostgreSQL)' : 'This computer (a database file)' },
          { term: view.current.kind === 'server' ? 'Server' : 'File', value: <code data-testid="database-location">{view.current.location}</code> },
          {
            term: 'At the next start',
            value: (
              <span data-testid="database-next">
                {view.saved.kind === 'server' ? <code>{view.saved.url}</code> : 'This computer’s database file'}
              </span>
            ),
          },
        ]}
      />
    </Card>
  );
}

function TestResult({ result }: { result: DatabaseTest }) {
  return (
    <div role={result.ok ? 'status' : 'alert'} className={result.ok ? 'banner banner--success' : 'banner banner--error'} data-testid="database-test-result">
      <Icon name={result.ok ? 'check' : 'alert'} />
      <div className="banner__body">
        <p className="banner__title">{result.ok ? `The server answered${result.server ? `: ${result.server}` : ''}` : 'The server refused the connection'}</p>
        <p className="banner__message">{result.message}</p>
      </div>
    </div>
  );
}

function DatabaseChoiceForm({ saved }: { saved: DatabaseView }) {
  const [current, setCurrent] = useState(saved);
  const [baseline, setBaseline] = useState(() => valuesOf(saved));
  const [values, setValues] = useState<Values>(baseline);
  const { save, saving, saveError, fieldErrors } = useFormSave('database.choose');
  const connection = useDatabaseTest();
  const dirty = values.kind !== baseline.kind || (values.kind === 'server' && (values.url !== baseline.url || values.password !== '' || values.teamKey !== ''));
  useUnsavedChangesGuard(dirty, 'the database choice');

  const change = (name: keyof Values, value: string): void => {
    setValues((before) => ({ ...before, [name]: value }));
    connection.reset();
  };
  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const input = values.kind === 'file' ? { kind: 'file' as const } : { kind: 'server' as const, url: values.url, ...(values.password ? { password: values.password } : {}), ...(values.teamKey ? { teamKey: values.teamKey } : {}) };
    const result = await save(input, () => ({ title: 'Database choice saved', description: 'It takes effect when you start the app again.' }));
    if (!result) return;
    const next = valuesOf(result);
    setCurrent(result);
    setBaseline(next);
    setValues(next);
  };
  const unnamedError = saveError && Object.keys(fieldErrors).every((name) => name === '_form' || name === 'kind') ? saveError : null;

  return (
    <Card title="Choose where your data lives">
      <div className="banner banner--info" role="note">
        <Icon name="settings" />
        <div className="banner__body">
          <p className="banner__title">Takes effect at the next start</p>
          <p className="banner__message">
            The app keeps working on the database open now; after saving, quit and start it again to switch. Nothing is copied: to move your
            data to a server, use <code>npm run cli -- db copy --from reseller.db --to postgres://…</code> first. A <code>--db</code> option or{' '}
            <code>RESELLER_CONSOLE_DB</code> given at start wins over this choice.
          </p>
        </div>
      </div>
      <form className="form database-settings" onSubmit={(event) => void submit(event)} noValidate aria-busy={saving} aria-label="Database choice">
        {unnamedError ? <ErrorBanner error={unnamedError} title="The database choice was not saved" /> : null}
        <ChoiceField id="database-kind" legend="Database" value={values.kind} choices={CHOICES} onChange={(kind) => change('kind', kind)} />
        {values.kind === 'server' ? (
          <>
            <Field
              id="database-url"
              label="Server address"
              hint={
                <>
                  A PostgreSQL URL: <code>postgres://user@host:5432/database</code>; add <code>?sslmode=require</code> (encrypted) or{' '}
                  <code>?sslmode=verify-full</code> (encrypted, the certificate checked) across a network.
                </>
              }
              error={fieldErrors.url}
            >
              {(control) => (
                <input
                  {...control}
                  className="input"
                  type="text"
                  spellCheck={false}
                  autoComplete="off"
                  placeholder="postgres://user@host/database"
                  value={values.url}
                  onChange={(event) => change('url', event.target.value)}
                />
              )}
            </Field>
            <Field id="database-password" label="Password" hint={passwordHint(current, values.url)} error={fieldErrors.password}>
              {(control) => <PasswordInput {...control} value={values.password} onChange={(value) => change('password', value)} />}
            </Field>
            {current.teamKey ? (
              <Field id="database-team-key" label="Team key (optional)" hint={teamKeyHint(current)} error={fieldErrors.teamKey}>
                {(control) => <PasswordInput {...control} value={values.teamKey} onChange={(value) => change('teamKey', value)} />}
              </Field>
            ) : null}
          </>
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save for the next start'}
          </button>
          {values.kind === 'server' ? (
            <button
              type="button"
              className="button button--secondary"
              disabled={connection.testing || values.url.trim() === ''}
              onClick={() => connection.test({ url: values.url, ...(values.password ? { password: values.password } : {}) })}
            >
              {connection.testing ? 'Testing…' : 'Test connection'}
            </button>
          ) : null}
          <button type="button" className="button button--secondary" disabled={saving || !dirty} onClick={() => setValues(baseline)}>
            Discard changes
          </button>
        </div>
        <div aria-live="polite">
          {connection.result ? <TestResult result={connection.result} /> : null}
          {connection.error ? <ErrorBanner error={connection.error} title="The test could not run" /> : null}
        </div>
      </form>
    </Card>
  );
}

/** Settings → Database (issue 16): this computer's file or a team server (PostgreSQL), chosen for the next start. */
export function DatabaseSettings() {
  const { settings, status, error } = useDatabaseSettings();
  if (!settings) {
    return status === 'error' && error ? <ErrorBanner error={error} title="Could not load the database settings" /> : <Loading label="Loading the database settings…" />;
  }
  return (
    <div className="provider-settings__stack">
      <WhereNow view={settings} />
      <DatabaseChoiceForm saved={settings} />
    </div>
  );
}
