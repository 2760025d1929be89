import { z } from 'zod';
import { TEXT_LIMITS, textField } from './fields';

/**
 * Sync with the provider (issue 12): the provider's API settings (Settings → Provider), the
 * outbox of local changes waiting to reach the provider (Sync page, sidebar count), and pulls.
 * Money in views is decimal strings; times are ISO strings.
 */

/** The API e-mail, a new API password (blank: keep the saved one) and the API's address. */
export const providerSettingsInput = z
  .object({
    apiUsername: textField('API e-mail', TEXT_LIMITS.email).pipe(z.email('API e-mail: enter the e-mail of your provider account')),
    /** Blank keeps the saved password; stored encrypted (the desktop app's secret box), never shown again. */
    apiPassword: textField('API password', 200).optional(),
    baseUrl: z
      .string()
      .trim()
      .max(500, 'API address: at most 500 characters')
      .pipe(z.url({ protocol: /^https?$/, error: 'API address: enter an http(s) address' })),
  })
  .strict();

export interface ProviderSettingsView {
  apiUsername: string;
  /** A password is saved (it is never sent back to the window). */
  passwordSaved: boolean;
  baseUrl: string;
  /** The command line and the headless host read the credentials from RESELLER_API_USERNAME / RESELLER_API_PASSWORD (and RESELLER_API_URL): they are shown, not edited. */
  fromEnvironment: boolean;
  /** False where secrets cannot be kept encrypted (no OS keychain): the password is not saved, and the page says why. */
  canSavePassword: boolean;
}

/** "Test connection": getIP, then getBalance; ip_not_enabled explained with the IP to allow-list. */
export interface ConnectionTest {
  ok: boolean;
  /** The IP the provider sees (getIP), to allow-list in its portal. */
  ip: string | null;
  /** The reseller's own balance at the provider (getBalance), when it answered. */
  balance: string | null;
  /** The provider's status code when it refused ("ip_not_enabled", "invalid_credentials"), or "timeout", "network". */
  status: string | null;
  /** What to read: the provider's description, and what to do about it. */
  message: string;
}

export const OUTBOX_STATES = ['pending', 'sending', 'failed', 'done'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** One local change on its way to the provider. */
export interface OutboxItemView {
  id: number;
  /** What it is about: 'client', 'subaccount', 'did', 'payment', 'charge'… and its local id. */
  entity: string;
  entityId: number;
  /** The API method it calls ("signupClient", "addPayment"…). */
  method: string;
  /** A line for the person: "New client Alice Martin", "Payment 25.00 for Alice Martin". */
  summary: string;
  state: OutboxState;
  attempts: number;
  createdAt: string;
  /** When the next try is due (pending after a transient error), else null. */
  nextAttemptAt: string | null;
  /** The last error: the provider's status and its description. */
  lastError: { status: string; message: string } | null;
  /** Held back because an earlier change of the same entity failed. */
  blockedBy: number | null;
}

export interface SyncStatus {
  pending: number;
  failed: number;
  /** Provider settings are complete (else nothing is sent; changes wait). */
  configured: boolean;
  /** The last time an item was delivered or a pull ended, ISO; null: never. */
  lastSyncAt: string | null;
}

export const syncItemsInput = z
  .object({
    state: z.enum(['open', 'failed', 'all']).default('open'),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict()
  .optional();
