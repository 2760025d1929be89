import {
  BRANDING_IMAGES,
  BRANDING_IMAGE_LABELS,
  BRAND_COLORS,
  BRAND_COLOR_LABELS,
  HOST_NAME_A_RECORD,
  HOST_NAME_FEE,
  PAYPAL_IPN_URL,
  PORTAL_VIEW_LABELS,
  SIGNUP_FIELDS,
  SIGNUP_FIELD_LABELS,
  SYSTEM_VERSION_LABELS,
  TEMPLATE_LABELS,
  isNewVersionOnly,
  parsePaymentAmounts,
  type BrandingImage,
} from '../../../preload/common/branding';
import { CLIENT_SERVICE_LABELS } from '../../../preload/common/catalog';
import { trimDecimal } from '../../../preload/common/format';
import type { BrandingImageView, PortalChecklistItem } from '../../../preload/schemas/branding';
import { micros, moneyToText, rateE8, rateToText } from '../../money';
import type { StoredBranding } from './settings';

/**
 * The provider's API has no branding method (spec/voipms-api/methods.json: clients, packages,
 * rates, balances, CDRs, sub accounts and DIDs only), so nothing here can be pushed: the
 * console lists every setting the reseller must also enter in the provider's portal, where
 * the guide puts it, with the value as the portal takes it.
 */

const SECTION = 'Client Branding and Access';
const where = (tab: string): string => `${SECTION} → ${tab}`;
/** Guide: "*Options only available in the New Version of the reseller system." */
const newVersion = (tab: string, name: string): string => (isNewVersionOnly(name) ? `${where(tab)} (New Version)` : where(tab));
const yesNo = (on: boolean): string => (on ? 'Yes' : 'No');

function kilobytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function portalChecklist(settings: StoredBranding, images: Partial<Record<BrandingImage, BrandingImageView>>, signupUrl: string): PortalChecklistItem[] {
  const items: PortalChecklistItem[] = [
    { where: where('Branded Interface'), setting: 'Version of the reseller system', value: SYSTEM_VERSION_LABELS[settings.systemVersion] },
    { where: where('Branded Interface'), setting: 'Configure Reseller Version', value: SYSTEM_VERSION_LABELS[settings.configuringVersion] },
  ];

  // Guide, "DID Access": prices of the DIDs clients order in their portal, "if you have enabled this service for them".
  if (settings.services.enabled.includes('order_dids')) {
    const access = settings.didAccess;
    items.push(
      { where: where('Interface and Access → DID Access'), setting: 'Monthly fee', value: trimDecimal(moneyToText(micros(access.monthly)), 2) },
      { where: where('Interface and Access → DID Access'), setting: 'Per-minute rate', value: trimDecimal(rateToText(rateE8(access.perMinute)), 4) },
      { where: where('Interface and Access → DID Access'), setting: 'Setup fee', value: trimDecimal(moneyToText(micros(access.setup)), 2) },
    );
  }

  if (settings.title.trim() !== '') items.push({ where: where('Branding Management'), setting: 'Title', value: settings.title.trim() });
  for (const color of BRAND_COLORS) {
    items.push({ where: newVersion('Branding Management', `colors.${color}`), setting: `${BRAND_COLOR_LABELS[color]} colour`, value: settings.colors[color] });
  }
  for (const kind of BRANDING_IMAGES) {
    const image = images[kind];
    if (!image) continue;
    const type = image.type === 'image/png' ? 'PNG' : 'JPEG';
    items.push({ where: newVersion('Branding Management', `images.${kind}`), setting: BRANDING_IMAGE_LABELS[kind], value: `Upload the same file (${type}, ${kilobytes(image.bytes)})` });
  }

  items.push(
    { where: where('Display Elements'), setting: 'Display the SIP password(s)', value: yesNo(settings.display.showSipPasswords) },
    { where: where('Display Elements'), setting: 'Display the IAX password(s)', value: yesNo(settings.display.showIaxPasswords) },
    { where: where('Display Elements'), setting: 'Allow password reset at login', value: yesNo(settings.display.allowPasswordReset) },
    { where: where('Display Elements'), setting: 'Automated signup form', value: settings.signup.enabled ? `On — link your site's signup to ${signupUrl}` : 'Off' },
  );
  if (settings.signup.enabled) {
    const fields = SIGNUP_FIELDS.filter((field) => settings.signup.fields[field] !== 'hidden').map(
      (field) => `${SIGNUP_FIELD_LABELS[field]}${settings.signup.fields[field] === 'required' ? ' (required)' : ''}`,
    );
    items.push({ where: where('Display Elements'), setting: 'Signup form fields', value: fields.join(', ') });
  }

  items.push({ where: where('Services'), setting: 'View setting', value: PORTAL_VIEW_LABELS[settings.services.view] });
  const services = settings.services.enabled.map((service) => CLIENT_SERVICE_LABELS[service]);
  items.push({ where: newVersion('Services', 'services'), setting: 'Services available to clients', value: services.length === 0 ? 'None' : services.join(', ') });

  if (settings.welcomeText.trim() !== '') items.push({ where: where('Text and Messages'), setting: 'Welcome text', value: settings.welcomeText.trim() });
  // The portal sends the password e-mails itself (this console has no client login): the templates go there. Its own
  // placeholders may be named otherwise than this console's, so the reseller checks them in the portal.
  if (settings.display.allowPasswordReset) {
    for (const kind of ['passwordResetRequest', 'passwordResetComplete'] as const) {
      const template = settings.templates[kind];
      items.push({ where: where('Text and Messages'), setting: `${TEMPLATE_LABELS[kind]} e-mail (check the portal's placeholders)`, value: `${template.subject}\n\n${template.body}` });
    }
  }

  // Guide, "Payment": only when the reseller takes PayPal payments.
  if (settings.payment.paypalEnabled) {
    const parsed = parsePaymentAmounts(settings.payment.amounts);
    items.push(
      { where: where('Payment'), setting: 'PayPal integration', value: 'On' },
      { where: where('Payment'), setting: 'PayPal e-mail account', value: settings.payment.paypalEmail },
      { where: where('Payment'), setting: 'Amounts', value: 'amounts' in parsed ? parsed.amounts.join(',') : settings.payment.amounts },
      { where: 'PayPal → Profile → Selling preferences → Instant payment notifications', setting: 'Notification URL (IPN)', value: PAYPAL_IPN_URL },
    );
  }

  // Guide, "Host Name": the A record first, then the name in the portal (a one-time fee).
  if (settings.hostName !== '') {
    items.push(
      { where: `Your DNS (the zone of ${settings.hostName.split('.').slice(1).join('.')})`, setting: `A record for ${settings.hostName}`, value: HOST_NAME_A_RECORD },
      { where: where('Host Name'), setting: `Host name (one-time fee of ${HOST_NAME_FEE})`, value: settings.hostName },
    );
  }
  return items;
}
