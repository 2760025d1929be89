import { hostNameProblem, signupUrlOf } from '../../../../../preload/common/branding';
import { Card } from '../../../components/Card';
import { CheckboxField } from '../../../components/CheckboxField';
import { controlIdOf } from '../brandingForm';
import { CopyValue } from '../CopyButton';
import { DrivesNote } from '../Notes';
import { SignupFieldsTable } from './SignupFieldsTable';
import type { BrandingTabProps } from './tabProps';
import type { BrandingSettingsValues } from '../brandingForm';

type DisplayOption = keyof BrandingSettingsValues['display'];

const DISPLAY_OPTIONS: { name: DisplayOption; label: string; hint: string }[] = [
  { name: 'showSipPasswords', label: 'Show SIP passwords', hint: 'Clients see their sub accounts’ SIP passwords in the portal.' },
  { name: 'showIaxPasswords', label: 'Show IAX passwords', hint: 'Clients see their IAX passwords in the portal.' },
  { name: 'allowPasswordReset', label: 'Allow password reset', hint: 'A “Forgot your password?” link on the portal’s login page; the portal sends the password e-mails of Text and messages.' },
];

/** Guide, "Display Elements": what the portal shows, and the signup form for your web site. */
export function DisplayTab({ settings, errors, update, saved }: BrandingTabProps) {
  const signupUrl = hostNameProblem(settings.hostName) === null ? signupUrlOf(settings.hostName, saved.reseller) : saved.signupUrl;
  return (
    <>
      <Card title="Display elements">
        <DrivesNote
          app="the signup link below is generated here."
          portal="showing SIP and IAX passwords, the password reset (its e-mails are the portal's), and the signup form itself."
        />
        {DISPLAY_OPTIONS.map(({ name, label, hint }) => (
          <CheckboxField
            key={name}
            id={controlIdOf(`settings.display.${name}`)}
            label={label}
            hint={hint}
            checked={settings.display[name]}
            error={errors[`settings.display.${name}`]}
            onChange={(checked) => update((current) => ({ ...current, display: { ...current.display, [name]: checked } }))}
          />
        ))}
      </Card>
      <Card title="Signup form">
        <CheckboxField
          id={controlIdOf('settings.signup.enabled')}
          label="Offer a signup form"
          hint="New clients sign up on their own; link your web site's signup menu to the address below."
          checked={settings.signup.enabled}
          error={errors['settings.signup.enabled']}
          onChange={(enabled) => update((current) => ({ ...current, signup: { ...current.signup, enabled } }))}
        />
        <CopyValue label="Signup form URL" value={signupUrl} what="the signup URL" />
        <SignupFieldsTable
          fields={settings.signup.fields}
          errors={errors}
          onChange={(field, mode) => update((current) => ({ ...current, signup: { ...current.signup, fields: { ...current.signup.fields, [field]: mode } } }))}
        />
      </Card>
    </>
  );
}
