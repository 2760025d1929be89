import { HOST_NAME_A_RECORD, HOST_NAME_FEE, interfaceUrlOf, hostNameProblem } from '../../../../../preload/common/branding';
import { Card } from '../../../components/Card';
import { Field } from '../../../components/Field';
import { controlIdOf } from '../brandingForm';
import { CopyValue } from '../CopyButton';
import { DrivesNote } from '../Notes';
import { setting, type BrandingTabProps } from './tabProps';

/** Guide, "Host Name": the portal under the reseller's own name. */
export function HostTab({ settings, errors, update }: BrandingTabProps) {
  const path = 'settings.hostName';
  return (
    <Card title="Host name">
      <DrivesNote
        app="the clients' interface URL, the signup link and the auto-connect form use it, and so do the e-mails ({interface_url})."
        portal="answering at that name: the provider adds it to their system."
      />
      <ol className="branding-steps">
        <li>
          In your DNS, add an A record for the host that points to <code>{HOST_NAME_A_RECORD}</code>.
        </li>
        <li>Enter the fully qualified host and domain name below (e.g. interface.mydomain.com), and save.</li>
        <li>Submit it in the provider&apos;s portal too.</li>
      </ol>
      <CopyValue label="A record address" value={HOST_NAME_A_RECORD} what="the A record address" />
      <Field id={controlIdOf(path)} label="Host name" hint="Empty: your clients use the provider's address." error={errors[path]}>
        {(control) => (
          <input {...control} className="input" type="text" autoComplete="off" spellCheck={false} placeholder="interface.mydomain.com" value={settings.hostName} onChange={(event) => setting(update, 'hostName')(event.target.value)} />
        )}
      </Field>
      {settings.hostName.trim() !== '' && hostNameProblem(settings.hostName) === null ? <p className="muted">Your clients will use {interfaceUrlOf(settings.hostName)}</p> : null}
      <div className="banner banner--info branding-fee" role="note">
        <p className="banner__message">The provider charges a one-time fee of {HOST_NAME_FEE} for adding your host name to their system.</p>
      </div>
    </Card>
  );
}
