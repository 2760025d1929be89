import { PORTAL_VIEW_LABELS, PORTAL_VIEWS, SIMPLE_VIEW_HIDES, type PortalView } from '../../../../../preload/common/branding';
import { CLIENT_SERVICE_LABELS, CLIENT_SERVICES } from '../../../../../preload/common/catalog';
import { Card } from '../../../components/Card';
import { CheckboxGroup } from '../../../components/CheckboxGroup';
import { ChoiceField } from '../../../components/ChoiceField';
import { controlIdOf } from '../brandingForm';
import { DrivesNote, NewVersionOnly } from '../Notes';
import type { BrandingTabProps } from './tabProps';

const VIEW_DESCRIPTIONS: Record<PortalView, string> = {
  standard: 'Everything the portal has.',
  simple: 'A simpler portal for “Vonage style” clients who only make and take calls.',
};

const SERVICE_OPTIONS = CLIENT_SERVICES.map((service) => ({ value: service, label: CLIENT_SERVICE_LABELS[service] }));

/** Guide, "Services": the View setting, and the services of packages on "Default Configuration". */
export function ServicesTab({ settings, errors, update, oldVersion }: BrandingTabProps) {
  return (
    <>
      <Card title="View setting">
        <DrivesNote app="nothing: the preview shows what each view hides." portal="the view your clients get, and the services they may use." />
        <ChoiceField
          id={controlIdOf('settings.services.view')}
          legend="View of the client interface"
          value={settings.services.view}
          choices={PORTAL_VIEWS.map((view) => ({ value: view, label: PORTAL_VIEW_LABELS[view], description: VIEW_DESCRIPTIONS[view] }))}
          error={errors['settings.services.view']}
          onChange={(view) => update((current) => ({ ...current, services: { ...current.services, view } }))}
          inline
        />
        <div className="branding-hides">
          <p className="field__label">Simple view hides</p>
          <ul className="feature-list" aria-label="What Simple view hides">
            {SIMPLE_VIEW_HIDES.map((item) => (
              <li key={item}>{item}</li>
            ))}
            <li>Other information of no use to clients who only make and take calls</li>
          </ul>
        </div>
      </Card>
      <Card title="Services" aside={<NewVersionOnly />}>
        <p className="muted">
          The default configuration: packages whose System configuration uses “Default Configuration” give their clients these services. A package with its own
          configuration keeps its own list.
          {oldVersion ? ' Configure the New version to change them.' : ''}
        </p>
        <fieldset className="branding-plain-fieldset" disabled={oldVersion}>
          <CheckboxGroup
            id={controlIdOf('settings.services.enabled')}
            legend="Services clients get"
            options={SERVICE_OPTIONS}
            selected={settings.services.enabled}
            error={errors['settings.services.enabled']}
            onChange={(enabled) => update((current) => ({ ...current, services: { ...current.services, enabled } }))}
            bulkActions
          />
        </fieldset>
      </Card>
    </>
  );
}
