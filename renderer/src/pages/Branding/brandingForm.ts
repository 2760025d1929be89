import type { ChannelInput } from '../../../../preload/contract';
import {
  BRAND_COLOR_LABELS,
  BRANDING_IMAGE_LABELS,
  BRAND_COLORS,
  BRANDING_IMAGES,
  TEMPLATE_KINDS,
  TEMPLATE_LABELS,
  TEMPLATE_PLACEHOLDERS,
  hostNameProblem,
  normalizeHexColor,
  parsePaymentAmounts,
  templateProblems,
  type BrandingImage,
} from '../../../../preload/common/branding';
import type { BrandingView, PortalChecklistItem } from '../../../../preload/schemas/branding';
import type { FieldErrors } from '../../lib/issues';

/**
 * The Branding & Access form as typed: the settings in the shape main takes (amounts as text),
 * and each image as the data URL shown now (null: none). Every error, the window's own and
 * main's, is keyed by main's path ("settings.colors.panel", "images.logo"), so one map
 * places them at their fields, in the summary and on their tabs.
 */
export type BrandingSettingsValues = BrandingView['settings'];

export interface BrandingValues {
  settings: BrandingSettingsValues;
  images: Record<BrandingImage, string | null>;
}

export function brandingValuesOf(view: BrandingView): BrandingValues {
  const images = Object.fromEntries(BRANDING_IMAGES.map((kind) => [kind, view.images[kind]?.dataUrl ?? null])) as Record<BrandingImage, string | null>;
  return { settings: structuredClone(view.settings), images };
}

export const brandingFingerprint = (values: BrandingValues): string => JSON.stringify(values);

/** The save's input: the settings as typed, and only the images that changed (a new data URL, or null: removed). */
export function toBrandingSave(values: BrandingValues, baseline: BrandingValues): ChannelInput<'branding.save'> {
  const images: Partial<Record<BrandingImage, string | null>> = {};
  for (const kind of BRANDING_IMAGES) {
    if (values.images[kind] !== baseline.images[kind]) images[kind] = values.images[kind];
  }
  return { settings: values.settings, images };
}

export const isBrandingImage = (name: string | undefined): name is BrandingImage => (BRANDING_IMAGES as readonly (string | undefined)[]).includes(name);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const AMOUNT = /^\s*\d+(\.\d+)?\s*$/;

const DID_ACCESS_LABELS = { monthly: 'DID monthly fee', perMinute: 'DID per-minute rate', setup: 'DID setup fee' } as const;

/**
 * What the window can tell is wrong while the reseller types, by main's path: a colour that
 * is no colour, an unknown placeholder, a host name that is not one, amounts with decimals.
 * Main checks everything again on save; these only say it sooner.
 */
export function liveProblems(settings: BrandingSettingsValues): FieldErrors {
  const problems: Record<string, string> = {};
  for (const color of BRAND_COLORS) {
    if (normalizeHexColor(settings.colors[color]) === null) problems[`settings.colors.${color}`] = `${BRAND_COLOR_LABELS[color]}: a colour like #1a2b3c`;
  }
  for (const [part, label] of Object.entries(DID_ACCESS_LABELS) as [keyof typeof DID_ACCESS_LABELS, string][]) {
    if (!AMOUNT.test(settings.didAccess[part])) problems[`settings.didAccess.${part}`] = `${label}: enter an amount, e.g. 1.50`;
  }
  for (const kind of TEMPLATE_KINDS) {
    const template = settings.templates[kind];
    const label = `${TEMPLATE_LABELS[kind]} e-mail`;
    const subject = templateProblems(template.subject, TEMPLATE_PLACEHOLDERS[kind])[0];
    if (template.subject.trim() === '') problems[`settings.templates.${kind}.subject`] = `${label} subject is required`;
    else if (subject) problems[`settings.templates.${kind}.subject`] = `${label} subject: ${subject.message}`;
    const body = templateProblems(template.body, TEMPLATE_PLACEHOLDERS[kind])[0];
    if (body) problems[`settings.templates.${kind}.body`] = `${label} body: ${body.message}`;
  }
  const { payment } = settings;
  const amounts = parsePaymentAmounts(payment.amounts);
  if ('error' in amounts) problems['settings.payment.amounts'] = amounts.error;
  else if (payment.paypalEnabled && amounts.amounts.length === 0) problems['settings.payment.amounts'] = 'Amounts: enter at least one to turn PayPal on';
  const email = payment.paypalEmail.trim();
  if (email !== '' && !EMAIL.test(email)) problems['settings.payment.paypalEmail'] = 'PayPal e-mail: enter an e-mail address';
  else if (payment.paypalEnabled && email === '') problems['settings.payment.paypalEmail'] = 'PayPal e-mail is required to turn PayPal on';
  const host = hostNameProblem(settings.hostName);
  if (host) problems['settings.hostName'] = host;
  return problems;
}

/** The value at one of main's paths ("settings.colors.panel"), to tell whether a field changed since main refused it. */
export function valueAt(values: BrandingValues, path: string): unknown {
  let current: unknown = values;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/**
 * main's errors that still stand: a field the reseller edited since the refused save drops
 * its old message (the live check speaks for it now); after a revert (nothing submitted) none do.
 */
export function standingErrors(mainErrors: FieldErrors, submitted: BrandingValues | null, values: BrandingValues): FieldErrors {
  if (!submitted) return {};
  return Object.fromEntries(
    Object.entries(mainErrors).filter(([path]) => !path.startsWith('settings.') && !path.startsWith('images.') ? true : JSON.stringify(valueAt(submitted, path)) === JSON.stringify(valueAt(values, path))),
  );
}

// ---- Tabs, control ids, the summary ---------------------------------------------------

export const BRANDING_TABS = [
  { value: 'version', label: 'Branded interface' },
  { value: 'access', label: 'Interface and access' },
  { value: 'look', label: 'Branding management' },
  { value: 'display', label: 'Display elements' },
  { value: 'services', label: 'Services' },
  { value: 'texts', label: 'Text and messages' },
  { value: 'payment', label: 'Payment' },
  { value: 'host', label: 'Host name' },
  { value: 'portal', label: "Provider's portal" },
] as const;
export type BrandingTab = (typeof BRANDING_TABS)[number]['value'];

export const isBrandingTab = (value: string): value is BrandingTab => BRANDING_TABS.some((tab) => tab.value === value);

const TAB_OF_SETTING: Record<keyof BrandingSettingsValues, BrandingTab> = {
  systemVersion: 'version',
  configuringVersion: 'version',
  didAccess: 'access',
  title: 'look',
  colors: 'look',
  invoicesUseBranding: 'look',
  display: 'display',
  signup: 'display',
  services: 'services',
  welcomeText: 'texts',
  templates: 'texts',
  payment: 'payment',
  hostName: 'host',
};

/** The tab that shows the field at main's path; undefined for a path no field shows. */
export function tabOfPath(path: string): BrandingTab | undefined {
  const [root, name] = path.split('.');
  if (root === 'images') return 'look';
  if (root !== 'settings' || name === undefined) return undefined;
  return Object.hasOwn(TAB_OF_SETTING, name) ? TAB_OF_SETTING[name as keyof BrandingSettingsValues] : undefined;
}

/** The control of main's path: "settings.colors.panel" → "branding-colors-panel", "images.logo" → "branding-images-logo". */
export const controlIdOf = (path: string): string => `branding-${path.replace(/^settings\./, '').replace(/\./g, '-')}`;

export function errorCountByTab(errors: FieldErrors): Partial<Record<BrandingTab, number>> {
  const counts: Partial<Record<BrandingTab, number>> = {};
  for (const path of Object.keys(errors)) {
    const tab = tabOfPath(path);
    if (tab) counts[tab] = (counts[tab] ?? 0) + 1;
  }
  return counts;
}

export interface BrandingSummaryItem {
  fieldId?: string;
  text: string;
  tab: BrandingTab | undefined;
}

/** The error summary's entries: each names its field (the messages do) and opens its tab. */
export function brandingSummaryItems(errors: FieldErrors): BrandingSummaryItem[] {
  return Object.entries(errors).map(([path, message]) => {
    const tab = tabOfPath(path);
    const [root, name] = path.split('.');
    // main's image messages ("Image: at most 2 MB") do not say which image.
    const label = root === 'images' && isBrandingImage(name) ? BRANDING_IMAGE_LABELS[name] : null;
    const text = label && !message.startsWith(label) ? `${label}: ${message.replace(/^Image: /, '')}` : message;
    return tab ? { fieldId: controlIdOf(path), text, tab } : { text, tab };
  });
}

/** The provider's-portal checklist grouped by where in the portal, in its order. */
export function groupsOf(items: readonly PortalChecklistItem[]): { where: string; items: PortalChecklistItem[] }[] {
  const groups: { where: string; items: PortalChecklistItem[] }[] = [];
  for (const item of items) {
    const last = groups[groups.length - 1];
    if (last && last.where === item.where) last.items.push(item);
    else groups.push({ where: item.where, items: [item] });
  }
  return groups;
}
