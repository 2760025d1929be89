import { describe, expect, it } from 'vitest';
import { describeStatus, isEmptyListStatus, isKnownStatus, kindOfStatus } from '../../../main/sync/statuses';
import statusTable from '../../../main/sync/statuses.json';

// voipms-api.md: all 480 statuses with the provider's descriptions; permanent vs transient; no_* lists.
describe('the provider\'s statuses', () => {
  it('are all known, each with the provider\'s own description', () => {
    expect(statusTable.statuses).toHaveLength(480);
    for (const { code, description } of statusTable.statuses) {
      expect(isKnownStatus(code)).toBe(true);
      expect(describeStatus(code)).toBe(description);
    }
    expect(describeStatus('ip_not_enabled')).toBe('This IP is not enabled for API use');
    expect(describeStatus('brand_new_status')).toBe('The provider answered "brand_new_status"');
  });

  it('are case-sensitive', () => {
    expect(isKnownStatus('Invalid_threshold')).toBe(true);
    expect(isKnownStatus('invalid_threshold')).toBe(false);
  });

  it.each(['api_limit_exceeded', 'method_maintenance', 'unavailable_info', 'provider_outofservice'])('%s is transient', (status) => {
    expect(kindOfStatus(status)).toBe('transient');
  });

  it.each(['invalid_credentials', 'missing_credentials', 'api_not_enabled', 'ip_not_enabled', 'invalid_client', 'missing_client', 'used_email', 'mismatch_email_confirm', 'Invalid_threshold', 'did_in_use', 'no_callstatus'])(
    '%s is permanent',
    (status) => {
      expect(kindOfStatus(status)).toBe('permanent');
    },
  );

  it('no_* is an empty list, except the ones that are refusals', () => {
    for (const status of ['no_cdr', 'no_client', 'no_package', 'no_rate', 'no_did', 'no_account']) expect(isEmptyListStatus(status)).toBe(true);
    for (const status of ['no_callstatus', 'no_change_billingtype', 'no_base64file', 'no_provision', 'no_provision_update', 'invalid_client', 'success']) {
      expect(isEmptyListStatus(status)).toBe(false);
    }
  });
});
