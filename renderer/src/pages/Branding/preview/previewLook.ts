import { contrastRatio, interfaceUrlOf, hostNameProblem, normalizeHexColor, parsePaymentAmounts, type BrandColor, type BrandingImage, type PortalView } from '../../../../../preload/common/branding';
import type { ClientService } from '../../../../../preload/common/catalog';
import type { BrandingSettingsValues } from '../brandingForm';

/** The provider's own portal colours: what the Old version shows for the New version's options. */
export const PROVIDER_COLORS: Record<BrandColor, string> = { panel: '#1f3a5f', button: '#2563eb', background: '#f4f6f9', text: '#1b1f24' };

/** What the portal preview draws, from the form as typed. */
export interface PortalLook {
  title: string;
  colors: Record<BrandColor, string>;
  /** Black or white, whichever reads better on the panels and on the buttons. */
  onPanel: string;
  onButton: string;
  header: string | null;
  logo: string | null;
  loginBackground: string | null;
  view: PortalView;
  oldVersion: boolean;
  welcomeText: string;
  allowPasswordReset: boolean;
  signup: boolean;
  showSipPasswords: boolean;
  showIaxPasswords: boolean;
  paypalAmounts: number[] | null;
  services: readonly ClientService[];
  address: string;
}

export const readableOn = (background: string): string => (contrastRatio('#ffffff', background) >= contrastRatio('#000000', background) ? '#ffffff' : '#000000');

/**
 * The look as typed: a colour being typed ("#12") keeps the last one that was a colour (the
 * saved one); configuring the Old version shows the provider's panel and button colours and
 * no logo or login background, as that version does.
 */
export function portalLookOf(settings: BrandingSettingsValues, images: Record<BrandingImage, string | null>, savedColors: Record<BrandColor, string>): PortalLook {
  const oldVersion = settings.configuringVersion === 'old';
  const colorOf = (color: BrandColor): string => {
    if (oldVersion && (color === 'panel' || color === 'button')) return PROVIDER_COLORS[color];
    return normalizeHexColor(settings.colors[color]) ?? normalizeHexColor(savedColors[color]) ?? PROVIDER_COLORS[color];
  };
  const colors = { panel: colorOf('panel'), button: colorOf('button'), background: colorOf('background'), text: colorOf('text') };
  const amounts = parsePaymentAmounts(settings.payment.amounts);
  return {
    title: settings.title.trim() === '' ? 'Client portal' : settings.title.trim(),
    colors,
    onPanel: readableOn(colors.panel),
    onButton: readableOn(colors.button),
    header: images.header,
    logo: oldVersion ? null : images.logo,
    loginBackground: oldVersion ? null : images.loginBackground,
    view: settings.services.view,
    oldVersion,
    welcomeText: settings.welcomeText.trim(),
    allowPasswordReset: settings.display.allowPasswordReset,
    signup: settings.signup.enabled,
    showSipPasswords: settings.display.showSipPasswords,
    showIaxPasswords: settings.display.showIaxPasswords,
    paypalAmounts: settings.payment.paypalEnabled && 'amounts' in amounts && amounts.amounts.length > 0 ? amounts.amounts : null,
    services: settings.services.enabled,
    address: hostNameProblem(settings.hostName) === null ? interfaceUrlOf(settings.hostName) : interfaceUrlOf(''),
  };
}
