import type { BrandingView } from '../../../../../preload/schemas/branding';
import type { FieldErrors } from '../../../lib/issues';
import type { BrandingSettingsValues } from '../brandingForm';

/** What every tab of the Branding & Access form gets. */
export interface BrandingTabProps {
  settings: BrandingSettingsValues;
  /** Live and main's errors, by main's path ("settings.hostName"). */
  errors: FieldErrors;
  /** Applies an edit to the settings. */
  update(edit: (settings: BrandingSettingsValues) => BrandingSettingsValues): void;
  /** The saved view: derived addresses, the checklist, the reseller's account. */
  saved: BrandingView;
  /** Configuring the Old version: the New version's options are disabled. */
  oldVersion: boolean;
}

/** Sets one top-level setting. */
export const setting =
  <K extends keyof BrandingSettingsValues>(update: BrandingTabProps['update'], key: K) =>
  (value: BrandingSettingsValues[K]): void =>
    update((settings) => ({ ...settings, [key]: value }));
