import type { ProviderErrorKind } from './provider';
import statusTable from './statuses.json';

/**
 * The provider's `status` codes (statuses.json, a copy of ../shared/spec/voipms-api/statuses.json:
 * all 480 codes with the provider's own description). The app reads the descriptions: what a
 * person reads about a refusal is the provider's sentence, not ours.
 */
const DESCRIPTIONS: ReadonlyMap<string, string> = new Map(statusTable.statuses.map((entry) => [entry.code, entry.description]));

/** Nothing was done and trying again later can work (voipms-api.md "Permanent errors … Transient"). */
const TRANSIENT_STATUSES: ReadonlySet<string> = new Set(['api_limit_exceeded', 'method_maintenance', 'unavailable_info', 'provider_outofservice']);

/**
 * `no_*` codes that are refusals, not empty lists (voipms-api.md: "But no_callstatus,
 * no_change_billingtype and a few others *are* errors"): each names something missing from
 * the request or a thing that could not be done, not an empty result.
 */
const NO_STATUS_ERRORS: ReadonlySet<string> = new Set(['no_callstatus', 'no_change_billingtype', 'no_base64file', 'no_provision', 'no_provision_update']);

export const isKnownStatus = (status: string): boolean => DESCRIPTIONS.has(status);

/** The provider's description of a status; codes are case-sensitive (`Invalid_threshold`). */
export function describeStatus(status: string): string {
  return DESCRIPTIONS.get(status) ?? `The provider answered "${status}"`;
}

/** A `no_*` status that means "the list is empty" (no_cdr, no_client, no_package, no_did, no_account…). */
export function isEmptyListStatus(status: string): boolean {
  return status.startsWith('no_') && !NO_STATUS_ERRORS.has(status);
}

/**
 * Whether trying again can help (provider.ts): the four "later" statuses are transient; every
 * other refusal (credentials, IP not enabled, invalid_*, missing_*, used_*, mismatch_*, a
 * refusal of the thing itself such as did_in_use) sends the same answer again: permanent.
 */
export function kindOfStatus(status: string): ProviderErrorKind {
  return TRANSIENT_STATUSES.has(status) ? 'transient' : 'permanent';
}
