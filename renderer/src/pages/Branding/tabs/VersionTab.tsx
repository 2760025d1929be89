import { NEW_VERSION_ONLY, SYSTEM_VERSION_LABELS, SYSTEM_VERSIONS, type SystemVersion } from '../../../../../preload/common/branding';
import { Card } from '../../../components/Card';
import { ChoiceField } from '../../../components/ChoiceField';
import { controlIdOf } from '../brandingForm';
import { DrivesNote } from '../Notes';
import { setting, type BrandingTabProps } from './tabProps';

const NEW_ONLY_WORDS: Record<(typeof NEW_VERSION_ONLY)[number], string> = {
  'colors.panel': 'panel colour',
  'colors.button': 'button colour',
  'images.logo': 'logo',
  'images.loginBackground': 'login background',
  services: 'services offered',
};

const SHOWN_DESCRIPTIONS: Record<SystemVersion, string> = {
  new: 'Most customisation and access to most of the provider’s services.',
  old: 'Limited customisation; basic services such as direct SIP routing and call forwarding.',
};

const choices = (descriptions: Record<SystemVersion, string> | null) =>
  SYSTEM_VERSIONS.map((version) => ({ value: version, label: SYSTEM_VERSION_LABELS[version], ...(descriptions ? { description: descriptions[version] } : {}) }));

/** Guide, "Branded Interface": the version clients see, and the one this page configures. */
export function VersionTab({ settings, errors, update }: BrandingTabProps) {
  return (
    <Card title="Branded interface">
      <DrivesNote
        app="nothing is sent anywhere: the preview follows the version being configured."
        portal="which version your clients see, and what each version offers them."
      />
      <div className="form__row">
        <ChoiceField
          id={controlIdOf('settings.systemVersion')}
          legend="Version shown to clients"
          hint="The version of the reseller system your clients log in to."
          value={settings.systemVersion}
          choices={choices(SHOWN_DESCRIPTIONS)}
          error={errors['settings.systemVersion']}
          onChange={setting(update, 'systemVersion')}
        />
        <ChoiceField
          id={controlIdOf('settings.configuringVersion')}
          legend="Version being configured"
          hint={`Which version this page sets up. Only the New version has the ${NEW_VERSION_ONLY.map((name) => NEW_ONLY_WORDS[name]).join(', ')}: they are marked “New version only” and locked while configuring the Old version.`}
          value={settings.configuringVersion}
          choices={choices(null)}
          error={errors['settings.configuringVersion']}
          onChange={setting(update, 'configuringVersion')}
        />
      </div>
    </Card>
  );
}
