import { useState, type FormEvent } from 'react';
import type { EmailSettingsView, TestEmailResult } from '../../../../preload/schemas/email';
import { Card } from '../../components/Card';
import { DetailList } from '../../components/DetailList';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { issuesByField } from '../../lib/issues';
import { useTestEmail } from '../../queries/email';

function TestSent({ result }: { result: TestEmailResult }) {
  return (
    <div role="status" className="banner banner--success" data-testid="test-email-result">
      <Icon name="check" />
      <div className="banner__body">
        <p className="banner__title">Test e-mail accepted by the server</p>
        <p className="banner__message">Sent to {result.to}. Check that it arrived (and not in spam).</p>
        <DetailList
          details={[
            { term: 'The server answered', value: <code data-testid="test-email-response">{result.response}</code> },
            { term: 'Message ID', value: <code className="email-message-id">{result.messageId}</code> },
          ]}
        />
      </div>
    </div>
  );
}

/** "Send a test e-mail": sent now with the saved settings (not through the outbox), with the server's answer or its refusal. */
export function TestEmailCard({ settings }: { settings: EmailSettingsView }) {
  const test = useTestEmail();
  // Until the person types another address, the test goes to the from address (the reseller's own).
  const [typed, setTyped] = useState<string | null>(null);
  const to = typed ?? settings.fromAddress;
  const fieldErrors = issuesByField(test.error?.issues);
  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    test.reset();
    test.send({ to: to.trim() });
  };
  // main's refusal of the address shows at the field; anything else (the server's words) above it.
  const problem = test.error && !fieldErrors.to ? test.error : null;
  return (
    <Card title="Test e-mail">
      <p className="muted">
        Sends one e-mail now with the saved settings, and shows what your server answered.
        {settings.enabled ? '' : ' E-mail is off: turn it on and save first.'} Save your changes before testing them.
      </p>
      <form className="form email-test" onSubmit={submit} noValidate aria-busy={test.sending} aria-label="Test e-mail">
        <Field id="email-test-to" label="Send to" hint="Your own address, to see it arrive." error={fieldErrors.to}>
          {(control) => <input {...control} className="input" type="email" autoComplete="email" spellCheck={false} value={to} onChange={(event) => setTyped(event.target.value)} />}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={test.sending}>
            {test.sending ? 'Sending…' : 'Send test e-mail'}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {test.result ? <TestSent result={test.result} /> : null}
        {problem ? (
          <div data-testid="test-email-result">
            <ErrorBanner error={problem} title="The test e-mail was not sent" />
          </div>
        ) : null}
      </div>
    </Card>
  );
}
