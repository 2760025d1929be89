/**
 * Issue 15, "Use the client branding and access": the rules both sides need (main validates
 * and sends, the window previews as the reseller types). Pure: no I/O, no clock.
 */

/** Guide, "Branded Interface": the New Version offers the colours, logo, login background and services; the Old Version a basic portal. */
export const SYSTEM_VERSIONS = ['new', 'old'] as const;
export type SystemVersion = (typeof SYSTEM_VERSIONS)[number];
export const SYSTEM_VERSION_LABELS: Record<SystemVersion, string> = { new: 'New version', old: 'Old version' };

/** Guide, "Services": Simple View hides call-type filters, this month / today spend and service details. */
export const PORTAL_VIEWS = ['standard', 'simple'] as const;
export type PortalView = (typeof PORTAL_VIEWS)[number];
export const PORTAL_VIEW_LABELS: Record<PortalView, string> = { standard: 'Standard view', simple: 'Simple view' };

/** What Simple View hides in the client portal (the guide's list), shown beside the setting. */
export const SIMPLE_VIEW_HIDES = [
  'Call type filters (busy, answered, failed, no answer) in the CDR',
  "This month's and today's amount spent on the Balance page",
  'Service details (register type, allowed codecs…) on the Services page',
] as const;

/** The branding images, each a PNG or JPEG of at most 2 MB, kept in the database. */
export const BRANDING_IMAGES = ['header', 'logo', 'loginBackground'] as const;
export type BrandingImage = (typeof BRANDING_IMAGES)[number];
export const BRANDING_IMAGE_LABELS: Record<BrandingImage, string> = { header: 'Header', logo: 'Logo', loginBackground: 'Login background' };
export const MAX_BRANDING_IMAGE_BYTES = 2 * 1024 * 1024;
/** A data URL of MAX_BRANDING_IMAGE_BYTES: base64 is 4 characters per 3 bytes, plus the prefix. */
export const MAX_BRANDING_IMAGE_CHARS = Math.ceil(MAX_BRANDING_IMAGE_BYTES / 3) * 4 + 32;

/** The portal's colours: panels*, buttons*, background, text (*New Version only). */
export const BRAND_COLORS = ['panel', 'button', 'background', 'text'] as const;
export type BrandColor = (typeof BRAND_COLORS)[number];
export const BRAND_COLOR_LABELS: Record<BrandColor, string> = { panel: 'Panels', button: 'Buttons', background: 'Background', text: 'Text' };

/** Guide: "*Options only available in the New Version of the reseller system." */
export const NEW_VERSION_ONLY = ['colors.panel', 'colors.button', 'images.logo', 'images.loginBackground', 'services'] as const;
export type NewVersionOnly = (typeof NEW_VERSION_ONLY)[number];
export const isNewVersionOnly = (name: string): boolean => (NEW_VERSION_ONLY as readonly string[]).includes(name);

/** The signup form's fields, and whether each is hidden, shown, or shown and required. */
export const SIGNUP_FIELDS = ['firstName', 'lastName', 'company', 'email', 'phone', 'address', 'city', 'state', 'country', 'zip', 'package'] as const;
export type SignupField = (typeof SIGNUP_FIELDS)[number];
export const SIGNUP_FIELD_LABELS: Record<SignupField, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  company: 'Company',
  email: 'E-mail',
  phone: 'Phone',
  address: 'Address',
  city: 'City',
  state: 'State / province',
  country: 'Country',
  zip: 'Postal code',
  package: 'Package',
};
export const SIGNUP_FIELD_MODES = ['hidden', 'shown', 'required'] as const;
export type SignupFieldMode = (typeof SIGNUP_FIELD_MODES)[number];
/** A signup cannot work without these: always required. */
export const SIGNUP_ALWAYS_REQUIRED: readonly SignupField[] = ['firstName', 'lastName', 'email'];

/** Guide, "Payment": the IPN address the reseller enters in PayPal (Profile → Selling preferences). */
export const PAYPAL_IPN_URL = 'http://www.voipinterface.net/paynotify.php';
/** Guide, "Host Name": the A record's address and the fee. */
export const HOST_NAME_A_RECORD = '184.172.106.205';
export const HOST_NAME_FEE = '$10.00';
/** The provider's client portal, when the reseller has no host name of their own. */
export const DEFAULT_INTERFACE_URL = 'https://voipinterface.net';

/** Guide, "Text and Messages": the e-mails the console sends with the reseller's templates. */
export const TEMPLATE_KINDS = ['lowBalance', 'passwordResetRequest', 'passwordResetComplete'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];
export const TEMPLATE_LABELS: Record<TemplateKind, string> = {
  lowBalance: 'Low balance',
  passwordResetRequest: 'Password reset request',
  passwordResetComplete: 'Password reset complete',
};

/** Placeholders every template may use. */
const COMMON_PLACEHOLDERS = [
  'client.firstname',
  'client.lastname',
  'client.company',
  'client.email',
  'company',
  'interface_url',
] as const;

/** Which placeholders each template may use; any other is an error. */
export const TEMPLATE_PLACEHOLDERS: Record<TemplateKind, readonly string[]> = {
  lowBalance: [...COMMON_PLACEHOLDERS, 'balance', 'threshold'],
  passwordResetRequest: [...COMMON_PLACEHOLDERS, 'reset_link'],
  passwordResetComplete: [...COMMON_PLACEHOLDERS],
};

export interface EmailTemplate {
  subject: string;
  body: string;
}

export const DEFAULT_TEMPLATES: Record<TemplateKind, EmailTemplate> = {
  lowBalance: {
    subject: 'Your {company} balance is low',
    body:
      'Hello {client.firstname},\n\nYour balance is {balance}, below your low-balance threshold of {threshold}.\n' +
      'Add funds at {interface_url} to keep your service running.\n\nThank you,\n{company}',
  },
  passwordResetRequest: {
    subject: 'Reset your {company} password',
    body: 'Hello {client.firstname},\n\nSomeone asked to reset your password. To choose a new one, open:\n{reset_link}\n\nIf it was not you, ignore this e-mail.\n\n{company}',
  },
  passwordResetComplete: {
    subject: 'Your {company} password was changed',
    body: 'Hello {client.firstname},\n\nYour password was changed. If you did not change it, contact us at once.\n\n{company}',
  },
};

/** `{name}` with letters, digits, dots and underscores; `{{` and `}}` are a literal brace. */
const PLACEHOLDER = /\{\{|\}\}|\{([^{}]*)\}|[{}]/g;

export interface TemplateProblem {
  /** The placeholder as written, e.g. "{client.fristname}". */
  text: string;
  message: string;
}

/** The problems of one template text: unknown placeholders, and braces that open or close nothing. */
export function templateProblems(text: string, allowed: readonly string[]): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const [whole, name] = match;
    if (whole === '{{' || whole === '}}') continue;
    if (name === undefined) {
      problems.push({ text: whole, message: `A lone "${whole}": write {{ or }} for a brace` });
    } else if (!allowed.includes(name.trim())) {
      problems.push({ text: whole, message: `Unknown placeholder ${whole}: use ${allowed.map((item) => `{${item}}`).join(', ')}` });
    }
  }
  return problems;
}

/** Fills the placeholders of a checked template; values are plain text (escape for HTML after). */
export function fillTemplate(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole: string, name: string | undefined) => {
    if (whole === '{{') return '{';
    if (whole === '}}') return '}';
    if (name === undefined) return whole;
    return values[name.trim()] ?? whole;
  });
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content or a quoted attribute value. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);

/** A plain-text e-mail body as HTML: escaped, paragraphs and line breaks kept, links left as text. */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/** #rrggbb, lower case. */
export const HEX_COLOR = /^#[0-9a-f]{6}$/;

/** "#ABC" or "abc" or "#aabbcc" → "#aabbcc"; null when it is not a colour. */
export function normalizeHexColor(text: string): string | null {
  const trimmed = text.trim().toLowerCase().replace(/^#/, '');
  if (/^[0-9a-f]{3}$/.test(trimmed)) return `#${[...trimmed].map((digit) => digit + digit).join('')}`;
  if (/^[0-9a-f]{6}$/.test(trimmed)) return `#${trimmed}`;
  return null;
}

/** WCAG 2.x relative luminance of #rrggbb. */
export function relativeLuminance(hex: string): number {
  const channel = (offset: number): number => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two #rrggbb colours, 1 to 21. */
export function contrastRatio(first: string, second: string): number {
  const [light, dark] = [relativeLuminance(first), relativeLuminance(second)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** WCAG AA for normal text. */
export const AA_CONTRAST = 4.5;

/** A warning when text on that background fails WCAG AA; null when it passes. */
export function contrastWarning(text: string, background: string): string | null {
  const ratio = contrastRatio(text, background);
  if (ratio >= AA_CONTRAST) return null;
  return `Text on the background has a contrast of ${ratio.toFixed(2)}:1, under the 4.5:1 WCAG AA asks for normal text: some clients will not read it`;
}

/** A fully qualified host name (e.g. interface.mydomain.com): at least two labels, letters, digits and hyphens, no scheme or path. */
export function hostNameProblem(text: string): string | null {
  const host = text.trim().toLowerCase();
  if (host === '') return null;
  if (host.length > 253) return 'Host name: at most 253 characters';
  if (/[/:@\s]/.test(host)) return 'Host name: only the name, e.g. interface.mydomain.com (no https://, path or port)';
  const labels = host.split('.');
  if (labels.length < 3) return 'Host name: a full host and domain, e.g. interface.mydomain.com';
  for (const label of labels) {
    if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(label)) return `Host name: "${label}" is not a valid part (letters, digits, hyphens; not at either end)`;
  }
  if (/^\d+$/.test(labels[labels.length - 1]!)) return 'Host name: a name, not an IP address';
  return null;
}

/** Guide, "Payment": "the amounts that you want to offer, without decimal and separated by a comma". */
export function parsePaymentAmounts(text: string): { amounts: number[] } | { error: string } {
  const parts = text.split(',').map((part) => part.trim());
  if (text.trim() === '') return { amounts: [] };
  const amounts: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,5}$/.test(part)) return { error: `Amounts: "${part}" is not a whole number (no decimals, comma-separated, e.g. 10, 25, 50)` };
    const amount = Number(part);
    if (amount < 1) return { error: 'Amounts: each amount is at least 1' };
    if (amounts.includes(amount)) return { error: `Amounts: ${amount} is there twice` };
    amounts.push(amount);
  }
  if (amounts.length > 12) return { error: 'Amounts: at most 12' };
  return { amounts };
}

/** The client interface's address: the reseller's own host name when set, else the provider's. */
export function interfaceUrlOf(hostName: string): string {
  return hostName.trim() === '' ? DEFAULT_INTERFACE_URL : `https://${hostName.trim().toLowerCase()}`;
}

export const signupUrlOf = (hostName: string, reseller: string): string => `${interfaceUrlOf(hostName)}/signup.php?reseller=${encodeURIComponent(reseller)}`;

export interface AutoConnectClient {
  /** What the client logs in with (their e-mail at the provider's portal). */
  username: string;
  name: string;
}

/**
 * Guide, "Auto Connect Form for Clients": an HTML form that sends a client to their interface.
 * Every value is escaped: a client called `Jo "<b>"` must not break the markup.
 */
export function autoConnectForm(input: { interfaceUrl: string; reseller: string; title: string; client: AutoConnectClient | null }): string {
  const action = escapeHtml(`${input.interfaceUrl.replace(/\/+$/, '')}/login.php`);
  const username = input.client ? escapeHtml(input.client.username) : '';
  const label = escapeHtml(input.title.trim() === '' ? 'Go to my account' : `Go to ${input.title.trim()}`);
  // A comment shows its text as written (entities are not read there): the name loses what could end or open one.
  const comment = input.client ? `<!-- Auto-connect form for ${input.client.name.replace(/[<>]/g, '').replace(/-+/g, '-')} -->\n` : '';
  return (
    comment +
    `<form action="${action}" method="post">\n` +
    `  <input type="hidden" name="reseller" value="${escapeHtml(input.reseller)}">\n` +
    `  <input type="text" name="username" value="${username}" autocomplete="username">\n` +
    `  <input type="password" name="password" autocomplete="current-password">\n` +
    `  <button type="submit">${label}</button>\n` +
    `</form>\n`
  );
}

/** Type signatures: a file is PNG or JPEG by its first bytes, whatever its name says. */
export function imageTypeOf(bytes: Uint8Array): 'image/png' | 'image/jpeg' | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((byte, index) => bytes[index] === byte)) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}
