import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoProviderData, startEmulator, type Emulator } from '../fixtures/emulator';

// The emulator itself (issue 12): the provider's wire and rules, spoken over raw HTTP, so the
// client's tests and the sync's run against something that refuses what the provider refuses.
let emulator: Emulator;

beforeEach(async () => {
  emulator = await startEmulator({
    now: () => new Date('2026-11-25T12:00:00Z'),
    data: {
      packages: [{ package: 8378, name: 'Basic', setup_fee: '1.00' }],
      clients: [{ client: 561115, email: 'alice@example.com', firstname: 'Alice', lastname: 'Martin', balance: '10.00' }],
      subaccounts: [{ id: 99785, username: 'alice', fields: { reseller_client: '561115', reseller_package: '8378' } }],
      dids: [{ did: '5145550100', description: 'MONTREAL, QC' }],
      cdrs: [
        { date: '2026-11-01 03:30:00', callerid: '"A" <1>', destination: '12125550199', description: 'Outgoing to USA', account: '100000_alice', disposition: 'ANSWERED', seconds: 65, rateE8: 900_000, totalMicros: 10_800, uniqueid: 'A1', destination_type: 'OUT:USA' },
        { date: '2026-11-02 12:00:00', callerid: '"A" <1>', destination: '12125550199', description: 'Outgoing to USA', account: '100000_alice', disposition: 'BUSY', seconds: 0, rateE8: 900_000, totalMicros: 0, uniqueid: 'A2', destination_type: 'OUT:USA' },
      ],
    },
  });
});
afterEach(() => emulator.stop());

async function get(method: string, params: Record<string, string> = {}, credentials = { api_username: emulator.username, api_password: emulator.password }): Promise<Record<string, unknown>> {
  const url = new URL(emulator.url);
  for (const [name, value] of Object.entries({ ...credentials, method, ...params })) url.searchParams.set(name, value);
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

async function post(method: string, params: Record<string, string>): Promise<string> {
  const response = await fetch(emulator.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api_username: emulator.username, api_password: emulator.password, method, ...params }),
  });
  expect(response.status).toBe(200);
  return response.text();
}

const CALLS = { date_from: '2026-11-01', date_to: '2026-11-30', client: '561115', timezone: '-5' };

describe('the provider emulator', () => {
  it('answers errors with HTTP 200 and the provider\'s statuses', async () => {
    expect(await get('getBalance', {}, { api_username: '', api_password: '' })).toEqual({ status: 'missing_credentials' });
    expect(await get('getBalance', {}, { api_username: emulator.username, api_password: 'nope' })).toEqual({ status: 'invalid_credentials' });
    expect(await get('getNothing')).toEqual({ status: 'invalid_method' });
    expect(JSON.parse(await post('addCharge', { client: '561115' }))).toEqual({ status: 'missing_charge' });
    expect(JSON.parse(await post('addCharge', { client: '561115', charge: '1,50' }))).toEqual({ status: 'invalid_charge' });
    expect(JSON.parse(await post('addCharge', { client: '999', charge: '1.50' }))).toEqual({ status: 'invalid_client' });
    expect(JSON.parse(await post('setClientThreshold', { client: '561115', threshold: '0' }))).toEqual({ status: 'Invalid_threshold' });
    expect(JSON.parse(await post('createSubAccount', { username: 'bob', protocol: '1', auth_type: '1', password: 'x', device_type: '2', lock_international: '0', international_route: '1', music_on_hold: 'default', allowed_codecs: 'ulaw', dtmf_mode: 'auto', nat: 'yes', reseller_client: '561115' }))).toEqual({ status: 'missing_resellerpackage' });
    expect(JSON.parse(await post('delSubAccount', { id: '99785' }))).toEqual({ status: 'success' });
  });

  it('sends every value as a string, and no_* for an empty list', async () => {
    const clients = await get('getClients');
    expect(clients).toEqual({ status: 'success', clients: [expect.objectContaining({ client: '561115', balance_management: '2' })] });
    expect(await get('getResellerBalance', { client: '561115' })).toMatchObject({ balance: { current_balance: '10.0000', calls_total: '2' } });
    expect(await get('getCharges', { client: '561115' })).toEqual({ status: 'success', charges: [] });
    expect(await get('getSubAccounts', { account: '100000_nobody' })).toEqual({ status: 'invalid_account' });
    expect(await get('getDIDsInfo', { client: '561115' })).toEqual({ status: 'no_did' });
  });

  it('answers calls in the asked time zone, by call status, in windows of at most 92 days', async () => {
    const answered = await get('getResellerCDR', { ...CALLS, answered: '1' });
    // 03:30 UTC on Nov 1 is 22:30 on Oct 31 at UTC-5: outside the window.
    expect(answered).toEqual({ status: 'no_cdr' });
    const all = await get('getResellerCDR', { ...CALLS, answered: '1', busy: '1', date_from: '2026-10-31' });
    expect(all.cdr).toEqual([
      expect.objectContaining({ date: '2026-10-31 22:30:00', duration: '00:01:05', seconds: '65', rate: '0.00900000', total: '0.01080000', uniqueid: 'A1' }),
      expect.objectContaining({ date: '2026-11-02 07:00:00', disposition: 'BUSY', uniqueid: 'A2' }),
    ]);
    expect(await get('getResellerCDR', CALLS)).toEqual({ status: 'no_callstatus' });
    expect(await get('getCDR', { ...CALLS, answered: '1', date_from: '2026-08-01' })).toEqual({ status: 'invalid_daterange' });
    expect(await get('getCDR', { ...CALLS, answered: '1', timezone: 'EST' })).toEqual({ status: 'invalid_timezone' });
  });

  it('connectDID charges the setup and the month unless told not to; a sub account with DIDs is not deleted', async () => {
    expect(JSON.parse(await post('connectDID', { did: '5145550100', account: '100000_alice', monthly: '3.50', setup: '1.99', minute: '0.01', dont_charge_setup: '1' }))).toEqual({ status: 'success' });
    const state = emulator.snapshot();
    expect(state.charges).toEqual([expect.objectContaining({ client: 561115, amountMicros: 3_500_000, description: 'DID monthly 5145550100' })]);
    expect(state.clients[0]!.balanceMicros).toBe(6_500_000);
    expect(state.dids[0]).toMatchObject({ reseller_account: '100000_alice', reseller_monthly: '3.50000000', reseller_minute: '0.01000000' });
    expect(JSON.parse(await post('delSubAccount', { id: '99785' }))).toEqual({ status: 'account_with_dids' });
  });

  it('keeps a request log, refuses other IPs except for getIP, and ends held requests when it stops', async () => {
    emulator.setAllowedIps(['203.0.113.7']);
    expect(await get('getIP')).toEqual({ status: 'success', ip: '127.0.0.1' });
    expect(await get('getBalance')).toEqual({ status: 'ip_not_enabled' });
    expect(emulator.requests().map((entry) => [entry.httpMethod, entry.method, entry.status])).toEqual([
      ['GET', 'getIP', 'success'],
      ['GET', 'getBalance', 'ip_not_enabled'],
    ]);
    emulator.setAllowedIps(null);
    emulator.injectFault('timeout');
    const held = fetch(`${emulator.url}?api_username=${encodeURIComponent(emulator.username)}&api_password=${emulator.password}&method=getBalance`).then(
      () => 'answered',
      () => 'closed',
    );
    await expect.poll(() => emulator.requests().length).toBe(3);
    await emulator.stop();
    expect(await held).toBe('closed');
    emulator = await startEmulator();
  });

  it('demo data is the same for the same seed', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    expect(demoProviderData({ seed: 3, now })).toEqual(demoProviderData({ seed: 3, now }));
    expect(demoProviderData({ seed: 3, now }).cdrs).not.toEqual(demoProviderData({ seed: 4, now }).cdrs);
  });
});
