import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { z } from 'zod';
import type { ProviderSettingsView, providerSettingsInput } from '../../preload/schemas/sync';
import { AppError, fieldError } from '../errors';
import type { ServiceContext } from '../services/context';
import { DEFAULT_PROVIDER_URL, type Provider, type ProviderCredentials } from './provider';
import { NO_SECRET_BOX, type SecretBox } from './secretBox';
import { VoipmsProvider, type VoipmsOptions } from './voipms';

/**
 * Issue 12, Settings → Provider: the API e-mail, the API password (sealed by the host's secret
 * box, never stored or sent back in plain text) and the API's address. The command line and
 * the headless host read RESELLER_API_USERNAME / RESELLER_API_PASSWORD / RESELLER_API_URL:
 * credentials from the environment win over saved ones and are shown, not edited.
 */
export const API_USERNAME_ENV = 'RESELLER_API_USERNAME';
export const API_PASSWORD_ENV = 'RESELLER_API_PASSWORD';
export const API_URL_ENV = 'RESELLER_API_URL';

/** What a host gives the services to reach the provider. */
export interface ProviderAccess {
  secrets: SecretBox;
  /** Credentials from the environment (CLI, headless host); null in the desktop app. */
  environment: ProviderEnvironment | null;
  /** Transport options for tests (a fetch, a timeout). */
  transport?: Omit<VoipmsOptions, 'credentials'>;
}

export interface ProviderEnvironment {
  username?: string;
  password?: string;
  baseUrl?: string;
}

/** The environment's part: blank variables count as absent. */
export function providerEnvironment(env: Readonly<Record<string, string | undefined>>): ProviderEnvironment {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const username = read(API_USERNAME_ENV);
  const password = env[API_PASSWORD_ENV] ? env[API_PASSWORD_ENV] : undefined;
  const baseUrl = read(API_URL_ENV);
  return { ...(username ? { username } : {}), ...(password ? { password } : {}), ...(baseUrl ? { baseUrl } : {}) };
}

/** The command line's and the headless host's access: the environment's credentials, and no keychain (unless a test gives a box). */
export const environmentAccess = (env: Readonly<Record<string, string | undefined>>, secrets: SecretBox = NO_SECRET_BOX): ProviderAccess => ({ secrets, environment: providerEnvironment(env) });

/** Without a host's access (a test's bare context): nothing sealed, nothing from the environment. */
const NO_ACCESS: ProviderAccess = { secrets: NO_SECRET_BOX, environment: null };

const SETTINGS_KEY = 'provider';

/** As stored (settings key `provider`, JSON): the password only sealed. */
interface StoredProviderSettings {
  apiUsername: string;
  baseUrl: string;
  sealedPassword: string | null;
}

const EMPTY: StoredProviderSettings = { apiUsername: '', baseUrl: DEFAULT_PROVIDER_URL, sealedPassword: null };

async function readStored(db: Kysely<Database>): Promise<StoredProviderSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  if (!row) return EMPTY;
  return { ...EMPTY, ...(JSON.parse(row.value) as Partial<StoredProviderSettings>) };
}

const accessOf = (ctx: ServiceContext): ProviderAccess => ctx.provider ?? NO_ACCESS;

const credentialsFromEnvironment = (environment: ProviderEnvironment | null): environment is ProviderEnvironment & { username: string; password: string } =>
  Boolean(environment?.username && environment.password);

/** Where the provider is and who asks, or null while the settings are not complete (changes then wait in the outbox). */
export async function providerCredentials(ctx: ServiceContext): Promise<ProviderCredentials | null> {
  const { environment, secrets } = accessOf(ctx);
  const stored = await readStored(ctx.db);
  const baseUrl = environment?.baseUrl ?? stored.baseUrl;
  if (credentialsFromEnvironment(environment)) return { username: environment.username, password: environment.password, baseUrl };
  if (!stored.apiUsername || !stored.sealedPassword || !secrets.canSeal()) return null;
  try {
    return { username: stored.apiUsername, password: secrets.open(stored.sealedPassword), baseUrl };
  } catch {
    // Sealed on another computer or by another user: the reseller enters it again.
    return null;
  }
}

/** The provider for this context's database, or null when not configured (what the push worker and the pulls use). */
export async function providerFor(ctx: ServiceContext): Promise<Provider | null> {
  const credentials = await providerCredentials(ctx);
  if (!credentials) return null;
  return new VoipmsProvider({ ...accessOf(ctx).transport, credentials });
}

export async function providerSettingsView(ctx: ServiceContext): Promise<ProviderSettingsView> {
  const { environment, secrets } = accessOf(ctx);
  const stored = await readStored(ctx.db);
  const baseUrl = environment?.baseUrl ?? stored.baseUrl;
  if (credentialsFromEnvironment(environment)) {
    return { apiUsername: environment.username, passwordSaved: true, baseUrl, fromEnvironment: true, canSavePassword: secrets.canSeal() };
  }
  return { apiUsername: stored.apiUsername, passwordSaved: stored.sealedPassword !== null, baseUrl, fromEnvironment: false, canSavePassword: secrets.canSeal() };
}

export async function saveProviderSettings(ctx: ServiceContext, input: z.infer<typeof providerSettingsInput>): Promise<ProviderSettingsView> {
  const { environment, secrets } = accessOf(ctx);
  if (credentialsFromEnvironment(environment)) {
    throw new AppError('conflict', `The API credentials come from the environment (${API_USERNAME_ENV}, ${API_PASSWORD_ENV}): change them there`);
  }
  const stored = await readStored(ctx.db);
  let sealedPassword = stored.sealedPassword;
  const password = input.apiPassword ?? '';
  if (password !== '') {
    if (!secrets.canSeal()) {
      throw fieldError('apiPassword', `API password: this computer cannot keep it encrypted, so it is not saved; set ${API_PASSWORD_ENV} in the environment instead`);
    }
    sealedPassword = secrets.seal(password);
  } else if (input.apiUsername !== stored.apiUsername && stored.sealedPassword !== null) {
    // A password belongs to its account: another e-mail needs its own.
    throw fieldError('apiPassword', 'API password: enter the API password of this account');
  }
  const next: StoredProviderSettings = { apiUsername: input.apiUsername, baseUrl: input.baseUrl, sealedPassword };
  const value = JSON.stringify(next);
  await ctx.db.insertInto('settings').values({ key: SETTINGS_KEY, value }).onConflict((conflict) => conflict.column('key').doUpdateSet({ value })).execute();
  return providerSettingsView(ctx);
}
