import { TEMPLATE_KINDS } from '../../../../../preload/common/branding';
import { Card } from '../../../components/Card';
import { Field } from '../../../components/Field';
import { controlIdOf } from '../brandingForm';
import { DrivesNote } from '../Notes';
import { TemplateEditor } from './TemplateEditor';
import { TemplatePreviewCard } from './TemplatePreviewCard';
import { setting, type BrandingTabProps } from './tabProps';

/** Guide, "Text and Messages": the welcome text, and the low-balance and password e-mails. */
export function TextsTab({ settings, errors, update }: BrandingTabProps) {
  return (
    <>
      <Card title="Welcome text">
        <DrivesNote
          app="the low-balance e-mail below is sent by this app with your template (see Settings → E-mail)."
          portal="the welcome text on the portal's login page (the preview shows it), and the two password e-mails: the portal sends those itself when a client resets a password, so copy them there (Provider's portal tab)."
        />
        <Field id={controlIdOf('settings.welcomeText')} label="Welcome text" hint="On the login page of your client portal." error={errors['settings.welcomeText']}>
          {(control) => (
            <textarea {...control} className="input textarea" rows={3} value={settings.welcomeText} onChange={(event) => setting(update, 'welcomeText')(event.target.value)} />
          )}
        </Field>
      </Card>
      {TEMPLATE_KINDS.map((kind) => (
        <TemplateEditor
          key={kind}
          kind={kind}
          template={settings.templates[kind]}
          errors={errors}
          onChange={(template) => update((current) => ({ ...current, templates: { ...current.templates, [kind]: template } }))}
        />
      ))}
      <TemplatePreviewCard templates={settings.templates} />
    </>
  );
}
