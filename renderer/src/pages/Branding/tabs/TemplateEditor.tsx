import { useRef } from 'react';
import { TEMPLATE_LABELS, TEMPLATE_PLACEHOLDERS, type EmailTemplate, type TemplateKind } from '../../../../../preload/common/branding';
import { Card } from '../../../components/Card';
import { Field } from '../../../components/Field';
import type { FieldErrors } from '../../../lib/issues';
import { controlIdOf } from '../brandingForm';

const WHEN: Record<TemplateKind, string> = {
  lowBalance: "Sent when a client's balance falls under their low-balance threshold.",
  passwordResetRequest: 'Sent when a client asks to reset their password.',
  passwordResetComplete: 'Sent once a client has changed their password.',
};

interface TemplateEditorProps {
  kind: TemplateKind;
  template: EmailTemplate;
  errors: FieldErrors;
  onChange(template: EmailTemplate): void;
}

/** One e-mail: subject and body, the placeholders it may use (a click inserts one where the cursor is). */
export function TemplateEditor({ kind, template, errors, onChange }: TemplateEditorProps) {
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const subjectPath = `settings.templates.${kind}.subject`;
  const bodyPath = `settings.templates.${kind}.body`;
  const label = TEMPLATE_LABELS[kind];

  const insert = (placeholder: string): void => {
    const body = bodyRef.current;
    const start = body?.selectionStart ?? template.body.length;
    const end = body?.selectionEnd ?? start;
    const text = `{${placeholder}}`;
    onChange({ ...template, body: template.body.slice(0, start) + text + template.body.slice(end) });
    requestAnimationFrame(() => {
      body?.focus();
      body?.setSelectionRange(start + text.length, start + text.length);
    });
  };

  return (
    <Card title={`${label} e-mail`}>
      <p className="muted">{WHEN[kind]}</p>
      <Field id={controlIdOf(subjectPath)} label={`${label} subject`} error={errors[subjectPath]}>
        {(control) => <input {...control} className="input" type="text" autoComplete="off" value={template.subject} onChange={(event) => onChange({ ...template, subject: event.target.value })} />}
      </Field>
      <Field id={controlIdOf(bodyPath)} label={`${label} body`} error={errors[bodyPath]}>
        {(control) => <textarea {...control} ref={bodyRef} className="input textarea" rows={7} value={template.body} onChange={(event) => onChange({ ...template, body: event.target.value })} />}
      </Field>
      <div className="branding-placeholders" role="group" aria-label={`Placeholders of the ${label.toLowerCase()} e-mail`}>
        <span className="field__hint">Placeholders (click to insert in the body; write {'{{'} and {'}}'} for a brace):</span>
        {TEMPLATE_PLACEHOLDERS[kind].map((placeholder) => (
          <button key={placeholder} type="button" className="button button--small branding-placeholder" aria-label={`Insert {${placeholder}} in the ${label.toLowerCase()} body`} onClick={() => insert(placeholder)}>
            {`{${placeholder}}`}
          </button>
        ))}
      </div>
    </Card>
  );
}
