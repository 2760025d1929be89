import { z } from 'zod';
import { idField, TEXT_LIMITS, textField } from './fields';
import { isoDate } from './clients';

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

// ——— Pulls from the provider (issue 12): first-connection import, calls, balances, package links ———

/** The provider's time zone parameter for call records: hours from UTC, -12 to 13 (numeric, as getResellerCDR wants it). */
export const providerTimezone = z
  .number({ error: 'Time zone: hours from UTC, e.g. -5' })
  .min(-12, 'Time zone: from -12 to 13 hours')
  .max(13, 'Time zone: from -12 to 13 hours')
  .refine((hours) => Number.isInteger(hours * 4), 'Time zone: whole hours, or quarters (5.5, 5.75)');

/**
 * `sync pull`: the clients, packages, sub accounts and DIDs (matched, never duplicated), the
 * calls from `from` to `to` (by default from where each client's last pull ended, with an
 * overlap, to today), then each client's balance against the provider's.
 */
export const syncPullInput = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    /** Saved as the reseller's time zone for the next pulls. */
    timezone: providerTimezone.optional(),
    accounts: z.boolean().default(true),
    calls: z.boolean().default(true),
    balances: z.boolean().default(true),
  })
  .strict()
  .refine((input) => input.from === undefined || input.to === undefined || input.from <= input.to, { message: 'The start date is after the end date', path: ['from'] })
  .optional();

/** Links a local package to one of the provider's (null: unlinks it). */
export const linkPackageInput = z
  .object({
    packageId: idField,
    providerId: z.string().trim().min(1, 'Choose a package of the provider').max(40).nullable(),
  })
  .strict();

export interface AccountImportCounts {
  /** Already linked by the provider's id. */
  matched: number;
  /** Found here by name, e-mail, username or number, and linked now. */
  linked: number;
  /** New here. */
  created: number;
}

export interface AccountsImportResult {
  packages: AccountImportCounts;
  clients: AccountImportCounts;
  subaccounts: AccountImportCounts;
  dids: AccountImportCounts;
}

export interface CallPullResult {
  /** The days asked for: the same for every client when given, else each client's own start (the earliest here). */
  from: string | null;
  to: string;
  clients: number;
  /** getResellerCDR requests (windows of at most 92 days). */
  windows: number;
  read: number;
  added: number;
  duplicates: number;
  rated: number;
  unrated: number;
  rejected: number;
}

export interface PullFailureView {
  what: string;
  /** The provider's status ("invalid_client"), or "timeout", "network". */
  status: string;
  message: string;
}

export interface PullResult {
  startedAt: string;
  finishedAt: string;
  timezone: number;
  accounts: AccountsImportResult | null;
  calls: CallPullResult | null;
  balances: { checked: number; differing: number } | null;
  /** What the provider refused or did not answer; the rest went on. */
  failures: PullFailureView[];
}

export interface PullStatusView {
  timezone: number;
  lastPull: PullResult | null;
  /** Every client linked to the provider, and the last day of its calls pulled. */
  clients: { clientId: number; name: string; providerId: string; callsPulledTo: string | null }[];
}

/** One day whose calls differ between here and the provider. */
export interface ReconciliationDayView {
  day: string;
  /** Calls the provider has that were not imported here, and what the provider charged for them. */
  onlyAtProvider: number;
  providerTotal: string;
  /** Calls here the provider did not list, and what they were charged here. */
  onlyHere: number;
  localCharge: string;
}

export interface ReconciliationRowView {
  clientId: number;
  clientName: string;
  providerId: string;
  localBalance: string;
  providerBalance: string;
  /** Here minus at the provider. */
  difference: string;
  checkedAt: string;
  windowFrom: string;
  windowTo: string;
  days: ReconciliationDayView[];
}

export interface ReconciliationView {
  /** When the balances were last compared; null: never. */
  checkedAt: string | null;
  /** Clients whose balances agree. */
  inStep: number;
  differences: ReconciliationRowView[];
}

export interface PackageDifferenceView {
  /** The provider's field name (markup_fixed, pulse…). */
  field: string;
  label: string;
  here: string;
  atProvider: string;
}

export interface PackageProviderView {
  packageId: number;
  link: { providerId: string; name: string; pulledAt: string } | null;
  /** Linked to a provider package the last pull no longer found. */
  missingAtProvider: string | null;
  differences: PackageDifferenceView[];
  /** The provider's packages (as last pulled), for the link picker. */
  choices: { providerId: string; name: string; linkedPackageId: number | null }[];
}
