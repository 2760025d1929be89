import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { SMTP_SECURITY, type EmailSettingsData, type EmailSettingsView, type SmtpSecurity } from '../../../preload/schemas/email';
import { AppError, fieldError } from '../../errors';
import type { SecretBox } from '../../sync/secretBox';
import type { ServiceContext } from '../context';
import { openPassword, sealPassword } from '../secrets';
import type { SmtpConfig } from './transport';

/**
 * Issue 15, Settings → E-mail: the reseller's SMTP server (settings key `email`, JSON). The
 * password is sealed with the host's secret box like the API and SIP passwords (issue 14)
 * and never leaves main: the window only learns whether one is saved.
 */
export const EMAIL_SETTINGS_KEY = 'email';

/** As stored: the password only sealed. */
export interface StoredEmailSettings {
  enabled: boolean;
  host: string;
  port: number;
  security: SmtpSecurity;
  user: string;
  sealedPassword: string | null;
  fromAddress: string;
  fromName: string;
}

export const EMPTY_EMAIL_SETTINGS: StoredEmailSettings = {
  enabled: false,
  host: '',
  port: 587,
  security: 'starttls',
  user: '',
  sealedPassword: null,
  fromAddress: '',
  fromName: '',
};

/**
 * The stored JSON over the defaults, each field kept only when it has its type (a row edited
 * by hand cannot make the sender throw). Pure: the ledger door reads the row with its own
 * prepared statement and calls this (main/services/email/lowBalance.ts).
 */
export function parseEmailSettings(value: string | undefined): StoredEmailSettings {
  if (value === undefined) return EMPTY_EMAIL_SETTINGS;
  let stored: unknown;
  try {
    stored = JSON.parse(value);
  } catch {
    return EMPTY_EMAIL_SETTINGS;
  }
  if (typeof stored !== 'object' || stored === null) return EMPTY_EMAIL_SETTINGS;
  const record = stored as Record<string, unknown>;
  const text = (name: keyof StoredEmailSettings, fallback: string): string => (typeof record[name] === 'string' ? record[name] : fallback);
  const security = SMTP_SECURITY.find((item) => item === record.security) ?? EMPTY_EMAIL_SETTINGS.security;
  const port = typeof record.port === 'number' && Number.isInteger(record.port) && record.port >= 1 && record.port <= 65_535 ? record.port : EMPTY_EMAIL_SETTINGS.port;
  return {
    enabled: record.enabled === true,
    host: text('host', ''),
    port,
    security,
    user: text('user', ''),
    sealedPassword: typeof record.sealedPassword === 'string' && record.sealedPassword !== '' ? record.sealedPassword : null,
    fromAddress: text('fromAddress', ''),
    fromName: text('fromName', ''),
  };
}

export async function readEmailSettings(db: Kysely<Database>): Promise<StoredEmailSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', EMAIL_SETTINGS_KEY).executeTakeFirst();
  return parseEmailSettings(row?.value);
}

/** Enough to send: a server and a From address (whether e-mail is on is asked separately). */
export const canSend = (settings: StoredEmailSettings): boolean => settings.host !== '' && settings.fromAddress !== '';

export function toSettingsView(settings: StoredEmailSettings): EmailSettingsView {
  const { sealedPassword, ...shown } = settings;
  return { ...shown, passwordSaved: sealedPassword !== null };
}

export async function emailSettingsView(ctx: Pick<ServiceContext, 'db'>): Promise<EmailSettingsView> {
  return toSettingsView(await readEmailSettings(ctx.db));
}

/** `localhost` and 127.0.0.0/8: the only servers that may be reached without encryption when a password is sent. */
export const isLoopbackHost = (host: string): boolean => host.toLowerCase() === 'localhost' || /^127(\.\d{1,3}){3}$/.test(host);

/**
 * `email.saveSettings`: the rules beyond the schema, each a field error before anything is
 * written. A new password is sealed; none given keeps the saved one; `clearPassword` forgets it.
 */
export async function saveEmailSettings(ctx: Pick<ServiceContext, 'db' | 'secrets'>, input: EmailSettingsData): Promise<EmailSettingsView> {
  const stored = await readEmailSettings(ctx.db);
  const password = input.password ?? '';
  if (password !== '' && input.clearPassword) {
    throw fieldError('password', 'Password: enter a new password or forget the saved one, not both');
  }
  if (password !== '' && input.user === '') {
    throw fieldError('user', 'User name: enter the user this password belongs to');
  }
  // A saved password belongs to its user: another user needs its own (as the API password does).
  const keptPassword = input.clearPassword || input.user === '' || input.user !== stored.user ? null : stored.sealedPassword;
  if (input.user !== '' && password === '' && keptPassword === null && (input.enabled || (stored.sealedPassword !== null && !input.clearPassword))) {
    throw fieldError('password', `Password: enter the password of ${input.user}`);
  }
  if (input.security === 'none' && input.user !== '' && input.host !== '' && !isLoopbackHost(input.host)) {
    throw fieldError('security', 'Security: without TLS the password would cross the network unencrypted; choose TLS or STARTTLS (None is for a server on this computer)');
  }
  let sealedPassword = keptPassword;
  if (password !== '') {
    try {
      sealedPassword = sealPassword(ctx.secrets, password, 'SMTP password');
    } catch (error) {
      throw fieldError('password', `Password: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const next: StoredEmailSettings = {
    enabled: input.enabled,
    host: input.host,
    port: input.port,
    security: input.security,
    user: input.user,
    sealedPassword,
    fromAddress: input.fromAddress,
    fromName: input.fromName,
  };
  const value = JSON.stringify(next);
  await ctx.db.insertInto('settings').values({ key: EMAIL_SETTINGS_KEY, value }).onConflict((conflict) => conflict.column('key').doUpdateSet({ value })).execute();
  return toSettingsView(next);
}

/** The connection's settings with the password opened; refused (conflict) with why when it cannot be. */
export function smtpConfigOf(settings: StoredEmailSettings, secrets: SecretBox): SmtpConfig {
  if (!canSend(settings)) throw new AppError('conflict', 'E-mail is not set up: enter the SMTP server and the From address in Settings → E-mail');
  let password = '';
  if (settings.user !== '') {
    if (settings.sealedPassword === null) throw new AppError('conflict', `No SMTP password is saved for ${settings.user}: enter it in Settings → E-mail`);
    try {
      password = openPassword(secrets, settings.sealedPassword);
    } catch (error) {
      throw new AppError('conflict', `The saved SMTP password cannot be opened (${error instanceof Error ? error.message : String(error)}): enter it again in Settings → E-mail`);
    }
  }
  return { host: settings.host, port: settings.port, security: settings.security, user: settings.user, password };
}

/** The From header: the reseller's name for it, else the address alone. */
export const senderOf = (settings: StoredEmailSettings): { name: string; address: string } => ({ name: settings.fromName, address: settings.fromAddress });
