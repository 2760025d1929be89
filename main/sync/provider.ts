/**
 * The provider as the rest of the app sees it (issue 12, DESIGN.md "Sync with the
 * provider"): one method call at a time, by the API's own method and parameter names
 * (`../shared/spec/voipms-api/methods.json`), answered with the reply's fields or a
 * ProviderError that says whether trying again can help. The VoIP.ms implementation over
 * HTTPS lives beside it (voipms.ts); tests use the emulator (tests/fixtures/emulator) or an
 * in-memory fake of this interface.
 */

/** Parameter values as sent: the wire is text; booleans go as 1/0, absent values are left out. */
export type ProviderParams = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** A successful reply: `status` is "success" (or a `no_*` empty-list status, already turned into an empty list), then the method's fields as the provider sent them. */
export type ProviderReply = Readonly<Record<string, unknown>>;

/**
 * - permanent: fix the input or the settings first (`invalid_*`, `missing_*`, `used_*`,
 *   `mismatch_*`, `invalid_credentials`, `ip_not_enabled`...): retrying sends the same error.
 * - transient: nothing was done, try again later (`api_limit_exceeded`, `method_maintenance`,
 *   `unavailable_info`, HTTP 5xx, a connection refused before the request was sent).
 * - unknown: the request may have been applied (a timeout or a dropped connection after it
 *   was sent): a write that is not idempotent (addCharge, addPayment) must be checked
 *   before it is sent again.
 */
export type ProviderErrorKind = 'permanent' | 'transient' | 'unknown';

export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    /** The provider's status code ("invalid_email"), or "timeout", "http_500", "network". */
    readonly status: string,
    /** What the person reads: the provider's own description of the status (statuses.json), or what happened on the network. */
    message: string,
    readonly method: string,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export interface Provider {
  /** Calls one API method. Reads go as GET, writes as POST form fields (the implementation knows which). Rejects with ProviderError only. */
  call(method: string, params?: ProviderParams): Promise<ProviderReply>;
}

/** Where the provider is and who asks: the API e-mail and API password (never the portal's), and the base URL (the emulator's in tests). */
export interface ProviderCredentials {
  username: string;
  password: string;
  baseUrl: string;
}

/** The provider's own endpoint (RESELLER_API_URL overrides it for the command line and the headless host). */
export const DEFAULT_PROVIDER_URL = 'https://voip.ms/api/v1/rest.php';
