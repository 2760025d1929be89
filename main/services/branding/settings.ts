import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { DEFAULT_TEMPLATES, SIGNUP_FIELDS, type SignupField, type SignupFieldMode } from '../../../preload/common/branding';
import { CLIENT_SERVICES } from '../../../preload/common/catalog';
import { brandingSettingsInput, type BrandingSettingsData } from '../../../preload/schemas/branding';
import { micros, moneyToText, rateE8, rateToText } from '../../money';

/** Issue 15: the branding settings as stored (settings key `branding`, JSON of the parsed input: amounts as integer micros and 1e-8 units). */
export type StoredBranding = BrandingSettingsData;

export const BRANDING_KEY = 'branding';

const DEFAULT_SIGNUP_FIELDS = Object.fromEntries(
  SIGNUP_FIELDS.map((field): [SignupField, SignupFieldMode] => [field, field === 'firstName' || field === 'lastName' || field === 'email' ? 'required' : field === 'package' ? 'hidden' : 'shown']),
) as Record<SignupField, SignupFieldMode>;

/** What a reseller who never opened the Branding page has: the provider's look, nothing offered that costs. */
export const DEFAULT_BRANDING: StoredBranding = {
  systemVersion: 'new',
  configuringVersion: 'new',
  didAccess: { monthly: micros(0), perMinute: rateE8(0), setup: micros(0) },
  title: '',
  colors: { panel: '#1f3a5f', button: '#2563eb', background: '#f4f6f9', text: '#1b1f24' },
  display: { showSipPasswords: false, showIaxPasswords: false, allowPasswordReset: true },
  signup: { enabled: false, fields: DEFAULT_SIGNUP_FIELDS },
  services: { view: 'standard', enabled: [...CLIENT_SERVICES] },
  welcomeText: '',
  templates: DEFAULT_TEMPLATES,
  payment: { paypalEnabled: false, paypalEmail: '', amounts: '' },
  hostName: '',
  invoicesUseBranding: false,
};

/**
 * The saved settings over the defaults, tab by tab (a setting added later gets its default).
 * What was stored passed the schema when saved; a row that no longer does (edited by hand) is
 * not trusted: the defaults stand in for it.
 */
export async function readBranding(db: Kysely<Database>): Promise<{ settings: StoredBranding; saved: boolean }> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', BRANDING_KEY).executeTakeFirst();
  if (!row) return { settings: DEFAULT_BRANDING, saved: false };
  const stored = parseStored(row.value);
  if (stored === null) return { settings: DEFAULT_BRANDING, saved: true };
  const merged: StoredBranding = {
    ...DEFAULT_BRANDING,
    ...stored,
    didAccess: { ...DEFAULT_BRANDING.didAccess, ...stored.didAccess },
    colors: { ...DEFAULT_BRANDING.colors, ...stored.colors },
    display: { ...DEFAULT_BRANDING.display, ...stored.display },
    signup: { ...DEFAULT_BRANDING.signup, ...stored.signup, fields: { ...DEFAULT_BRANDING.signup.fields, ...stored.signup?.fields } },
    services: { ...DEFAULT_BRANDING.services, ...stored.services },
    templates: { ...DEFAULT_BRANDING.templates, ...stored.templates },
    payment: { ...DEFAULT_BRANDING.payment, ...stored.payment },
  };
  return { settings: checked(merged) ?? DEFAULT_BRANDING, saved: true };
}

/** The merged settings through the schema again (its output: colours and host name normalised), or null when they fail it. */
function checked(merged: StoredBranding): StoredBranding | null {
  try {
    const parsed = brandingSettingsInput.safeParse(asInput(merged));
    return parsed.success ? parsed.data : null;
  } catch {
    // An amount that is not a whole number of micros: micros() refuses it.
    return null;
  }
}

/** The row's JSON object, or null when it is not one (a hand edit, a truncated copy). */
function parseStored(text: string): Partial<StoredBranding> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Partial<StoredBranding>) : null;
  } catch {
    return null;
  }
}

/** The stored settings as the schema's input again (amounts as text), to check them. */
function asInput(settings: StoredBranding): unknown {
  const { monthly, perMinute, setup } = settings.didAccess;
  return { ...settings, didAccess: { monthly: moneyToText(micros(monthly)), perMinute: rateToText(rateE8(perMinute)), setup: moneyToText(micros(setup)) } };
}
