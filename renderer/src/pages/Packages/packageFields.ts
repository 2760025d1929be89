import type { FieldErrors } from '../../lib/issues';

/** The editor's tabs, in the guide's order. */
export const PACKAGE_TABS = [
  { value: 'general', label: 'General' },
  { value: 'fees', label: 'Fees' },
  { value: 'free-minutes', label: 'Free minutes' },
  { value: 'system', label: 'System configuration' },
  { value: 'rates', label: 'Edit rates' },
] as const;
export type PackageTab = (typeof PACKAGE_TABS)[number]['value'];

export const isPackageTab = (value: string): value is PackageTab => PACKAGE_TABS.some((tab) => tab.value === value);

/** Control ids, shared by the fields and the error summary that focuses them. */
export const FIELD_IDS = {
  name: 'package-name',
  markupFixed: 'package-markup-fixed',
  markupPercent: 'package-markup-percent',
  pulseChoice: 'package-pulse',
  pulseCustom: 'package-pulse-custom',
  canadaRoute: 'package-canada-route',
  internationalRoute: 'package-international-route',
  freeOnNet: 'package-free-on-net',
  monthlyFee: 'package-monthly-fee',
  setupFee: 'package-setup-fee',
  freeMinutes: 'package-free-minutes',
  userCanEditSubaccount: 'package-user-can-edit',
  subaccountEditableFields: 'package-editable-fields',
  configurationType: 'package-configuration-type',
  viewSetting: 'package-view-setting',
  services: 'package-services',
} as const;

/** Server field (top-level path) → label, for the error summary. */
export const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  markupFixed: 'Fixed markup',
  markupPercent: 'Percent markup',
  pulseSeconds: 'Pulse',
  canadaRoute: 'Canada route',
  internationalRoute: 'International route',
  freeOnNet: 'VoIP.ms to VoIP.ms calls',
  monthlyFee: 'Monthly fee',
  setupFee: 'Setup fee',
  freeMinutes: 'Free minutes',
  userCanEditSubaccount: 'User can edit sub account',
  subaccountEditableFields: 'Editable fields',
  configurationType: 'Type of configuration',
  viewSetting: 'View setting',
  services: 'Services',
};

/** Which tab shows each server field. */
const FIELD_TABS: Record<string, PackageTab> = {
  name: 'general',
  markupFixed: 'general',
  markupPercent: 'general',
  pulseSeconds: 'general',
  canadaRoute: 'general',
  internationalRoute: 'general',
  freeOnNet: 'general',
  monthlyFee: 'fees',
  setupFee: 'fees',
  freeMinutes: 'free-minutes',
  userCanEditSubaccount: 'system',
  subaccountEditableFields: 'system',
  configurationType: 'system',
  viewSetting: 'system',
  services: 'system',
};

/** "services.0" → "services": list fields show one message for the whole group. */
export function topLevelErrors(fieldErrors: FieldErrors): FieldErrors {
  const grouped: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors)) {
    const field = path.split('.')[0] ?? path;
    grouped[field] ??= message;
  }
  return grouped;
}

export const tabOfField = (field: string): PackageTab | undefined => FIELD_TABS[field];

/** How many field errors each tab holds, so its trigger can show a marker. */
export function errorCountByTab(errors: FieldErrors): Partial<Record<PackageTab, number>> {
  const counts: Partial<Record<PackageTab, number>> = {};
  for (const field of Object.keys(errors)) {
    const tab = tabOfField(field);
    if (tab) counts[tab] = (counts[tab] ?? 0) + 1;
  }
  return counts;
}

/** The control the summary focuses for a field; the pulse lives in one of two controls. */
export function controlIdOf(field: string, pulseIsOther: boolean): string | undefined {
  if (field === 'pulseSeconds') return pulseIsOther ? FIELD_IDS.pulseCustom : FIELD_IDS.pulseChoice;
  return field in FIELD_IDS ? FIELD_IDS[field as keyof typeof FIELD_IDS] : undefined;
}
