import * as Label from '@radix-ui/react-label';
import { useId, useState } from 'react';
import { TEMPLATE_KINDS, TEMPLATE_LABELS, type EmailTemplate, type TemplateKind } from '../../../../../preload/common/branding';
import { Card } from '../../../components/Card';
import { ChoiceSelect } from '../../../components/ChoiceSelect';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useTemplatePreview } from '../../../queries/branding';
import { useOpenClientChoices } from '../../../queries/clients';
import { mailHtmlToReact } from './mailHtml';

const SAMPLE = 'sample';
const KIND_CHOICES = TEMPLATE_KINDS.map((kind) => ({ value: kind, label: `${TEMPLATE_LABELS[kind]} e-mail` }));
const isKind = (value: string): value is TemplateKind => (TEMPLATE_KINDS as readonly string[]).includes(value);

/** A labelled Radix select: the preview's two pickers. */
function Picker({ label, value, choices, onChange }: { label: string; value: string; choices: { value: string; label: string }[]; onChange(value: string): void }) {
  const id = useId();
  return (
    <div className="field">
      <Label.Root className="field__label" htmlFor={id}>
        {label}
      </Label.Root>
      <ChoiceSelect id={id} aria-invalid={false} aria-describedby={undefined} value={value} choices={choices} onChange={onChange} />
    </div>
  );
}

/**
 * An e-mail as a client would get it, filled by main with a real client's data, as typed
 * (before saving). The HTML part is drawn from its paragraphs and line breaks only: never
 * set as markup in this page.
 */
export function TemplatePreviewCard({ templates }: { templates: Record<TemplateKind, EmailTemplate> }) {
  const [kind, setKind] = useState<TemplateKind>('lowBalance');
  const [client, setClient] = useState(SAMPLE);
  const clients = useOpenClientChoices();
  const { preview, error } = useTemplatePreview({ kind, ...templates[kind], clientId: client === SAMPLE ? null : Number(client) });
  const clientChoices = [{ value: SAMPLE, label: 'Sample data' }, ...clients.choices.map((choice) => ({ value: String(choice.id), label: choice.name }))];
  return (
    <Card title="Preview an e-mail">
      <div className="form__row">
        <Picker label="E-mail" value={kind} choices={KIND_CHOICES} onChange={(value) => isKind(value) && setKind(value)} />
        <Picker label="With the data of" value={client} choices={clientChoices} onChange={setClient} />
      </div>
      {error ? <ErrorBanner error={error} title="Could not preview the e-mail" /> : null}
      {preview ? (
        <div className="branding-mail" data-testid="template-preview" aria-live="polite">
          {preview.problems.length > 0 ? (
            <ul className="field__error">
              {preview.problems.map((problem) => (
                <li key={`${problem.part}-${problem.message}`}>{`${problem.part === 'subject' ? 'Subject' : 'Body'}: ${problem.message}`}</li>
              ))}
            </ul>
          ) : null}
          <p>
            <strong>To:</strong> {preview.client ? preview.client.name : 'a sample client'}
          </p>
          <p data-testid="template-preview-subject">
            <strong>Subject:</strong> {preview.subject}
          </p>
          <p className="field__label">Plain text part</p>
          <pre className="branding-mail__text" data-testid="template-preview-text">
            {preview.text}
          </pre>
          <p className="field__label">HTML part</p>
          <div className="branding-mail__html" role="group" aria-label="The e-mail as HTML" data-testid="template-preview-html">
            {mailHtmlToReact(preview.html)}
          </div>
        </div>
      ) : null}
    </Card>
  );
}
