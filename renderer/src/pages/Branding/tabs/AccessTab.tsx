import { hostNameProblem, interfaceUrlOf } from '../../../../../preload/common/branding';
import { Card } from '../../../components/Card';
import { Field } from '../../../components/Field';
import { controlIdOf } from '../brandingForm';
import { CopyValue } from '../CopyButton';
import { DrivesNote } from '../Notes';
import { AutoConnectCard } from './AutoConnectCard';
import type { BrandingTabProps } from './tabProps';

const DID_FIELDS = [
  { part: 'monthly', label: 'Monthly fee', hint: 'Charged each month for a DID a client orders.', suffix: '/ month' },
  { part: 'perMinute', label: 'Per-minute rate', hint: 'For incoming calls on those DIDs.', suffix: '/ min' },
  { part: 'setup', label: 'Setup fee', hint: 'Charged once, when the DID is ordered.', suffix: 'once' },
] as const;

/** Guide, "Interface and Access": the clients' address, the auto-connect form, DID access pricing. */
export function AccessTab({ settings, errors, update, saved }: BrandingTabProps) {
  // The address follows the host name as typed, once it is a host name.
  const interfaceUrl = hostNameProblem(settings.hostName) === null ? interfaceUrlOf(settings.hostName) : saved.interfaceUrl;
  return (
    <>
      <Card title="Clients' interface access">
        <DrivesNote
          app="the address goes into the e-mails sent to clients ({interface_url}) and into the auto-connect form below."
          portal="the DID access prices, charged when a client orders a DID in the portal."
        />
        <CopyValue label="Clients' interface URL" value={interfaceUrl} what="the interface URL" hint="Give this address to your clients. Set your own on the Host name tab." />
      </Card>
      <AutoConnectCard unsaved={settings.title !== saved.settings.title || settings.hostName !== saved.settings.hostName} />
      <Card title="DID access">
        <p className="muted">Prices for DIDs your clients order themselves (Services → Order DIDs in their portal), when that service is on for them.</p>
        <div className="form__row">
          {DID_FIELDS.map(({ part, label, hint, suffix }) => {
            const path = `settings.didAccess.${part}`;
            return (
              <Field key={part} id={controlIdOf(path)} label={label} hint={hint} error={errors[path]} suffix={suffix}>
                {(control) => (
                  <input
                    {...control}
                    className="input input--number"
                    type="text"
                    inputMode="decimal"
                    autoComplete="off"
                    value={settings.didAccess[part]}
                    onChange={(event) => {
                      const text = event.target.value;
                      update((current) => ({ ...current, didAccess: { ...current.didAccess, [part]: text } }));
                    }}
                  />
                )}
              </Field>
            );
          })}
        </div>
      </Card>
    </>
  );
}
