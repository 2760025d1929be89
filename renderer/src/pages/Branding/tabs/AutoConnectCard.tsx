import { useId, useState } from 'react';
import * as Label from '@radix-ui/react-label';
import { Card } from '../../../components/Card';
import { ChoiceSelect } from '../../../components/ChoiceSelect';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useAutoConnect } from '../../../queries/branding';
import { useOpenClientChoices } from '../../../queries/clients';
import { CopyButton } from '../CopyButton';

const BLANK = 'blank';

/**
 * Guide, "Auto Connect Form for Clients": an HTML form that sends a client to their interface.
 * Main builds it (every value escaped); the window shows it as text, never as markup.
 */
export function AutoConnectCard({ unsaved }: { unsaved: boolean }) {
  const [choice, setChoice] = useState(BLANK);
  const clients = useOpenClientChoices();
  const clientId = choice === BLANK ? null : Number(choice);
  const { form, error } = useAutoConnect(clientId);
  const pickerId = useId();
  const codeId = useId();
  const choices = [{ value: BLANK, label: 'A blank form' }, ...clients.choices.map((client) => ({ value: String(client.id), label: client.name }))];
  return (
    <Card title="Auto-connect form for clients">
      <p className="muted">Put this form on your web site: it sends a client to their interface without a second login page.</p>
      <div className="field">
        <Label.Root className="field__label" htmlFor={pickerId}>
          Form for
        </Label.Root>
        <ChoiceSelect id={pickerId} aria-invalid={false} aria-describedby={undefined} value={choice} choices={choices} onChange={setChoice} />
      </div>
      {error ? <ErrorBanner error={error} title="Could not build the form" /> : null}
      <div className="field">
        <Label.Root className="field__label" htmlFor={codeId}>
          Auto-connect form HTML
        </Label.Root>
        {unsaved ? <p className="field__hint">Built from the saved title and host name: save to see your changes here.</p> : null}
        <textarea id={codeId} className="input textarea branding-code" readOnly rows={8} spellCheck={false} value={form?.html ?? ''} data-testid="auto-connect-html" />
        <div className="form__actions">
          <CopyButton text={form?.html ?? ''} what="the auto-connect form" />
        </div>
      </div>
    </Card>
  );
}
