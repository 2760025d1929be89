import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { micros, rateE8 } from '../../main/money';
import type { ProviderParams } from '../../main/sync/provider';
import { VoipmsProvider } from '../../main/sync/voipms';
import { toWireAmount, toWireDate, toWireRate } from '../../main/sync/wire';
import { conformanceProblems, requestProblems, startEmulator, type Emulator } from '../fixtures/emulator';

/**
 * Issue 12, "the client sends exactly the parameter names and value formats of methods.json
 * for every method it uses": a run of every method the sync calls, through the real client
 * over HTTP, then each request the emulator received is checked against methods.json.
 */
const SYNC_METHODS = [
  'getIP', 'getBalance', 'getClients', 'signupClient', 'setClient', 'delClient', 'getClientThreshold', 'setClientThreshold', 'getBalanceManagement',
  'getResellerBalance', 'addCharge', 'addPayment', 'getCharges', 'getDeposits', 'getPackages', 'getSubAccounts', 'createSubAccount', 'setSubAccount',
  'delSubAccount', 'getDIDsInfo', 'connectDID', 'unconnectDID', 'getResellerCDR', 'getCDR',
];

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    now: () => new Date('2026-11-25T12:00:00Z'),
    data: {
      packages: [{ package: 8378, name: 'Basic' }],
      dids: [{ did: '5145550100', description: 'MONTREAL, QC' }],
      cdrs: [
        { date: '2026-11-20 15:00:00', callerid: '"Alice" <5145550100>', destination: '12125550199', description: 'Outgoing to USA', account: '100000_alice', disposition: 'ANSWERED', seconds: 65, rateE8: 900_000, totalMicros: 10_800, uniqueid: '900000001', destination_type: 'OUT:USA' },
      ],
    },
  });
});
afterAll(() => emulator.stop());

const SUBACCOUNT: ProviderParams = {
  description: 'Alice desk phone',
  auth_type: 1,
  password: 'AlicePass1',
  device_type: 2,
  lock_international: 0,
  international_route: 1,
  music_on_hold: 'default',
  allowed_codecs: 'ulaw;g729',
  dtmf_mode: 'auto',
  nat: 'yes',
};

const CALLS = { answered: true, noanswer: true, busy: true, failed: true, timezone: -5, date_from: toWireDate('2026-11-01'), date_to: toWireDate('2026-11-25') };

describe('the requests the client sends', () => {
  it('use only methods.json\'s parameter names and value formats, for every method the sync uses', async () => {
    const provider = new VoipmsProvider({ credentials: { username: emulator.username, password: emulator.password, baseUrl: emulator.url } });
    await provider.call('getIP');
    await provider.call('getBalance', { advanced: true });
    await provider.call('getBalanceManagement');
    await provider.call('getPackages');
    const person = { firstname: 'Alice', lastname: 'Martin', company: 'Martin Consulting', address: '12 rue Principale', city: 'Montreal', state: 'QC', country: 'CA', zip: 'H2X1Y4', phone_number: '5145550100' };
    const { client } = await provider.call('signupClient', { ...person, email: 'alice@example.com', confirm_email: 'alice@example.com', password: 'Secret123', confirm_password: 'Secret123', activate: true, balance_management: 1 });
    const id = client as string;
    await provider.call('setClient', { client: id, ...person, email: 'alice@example.com', password: 'Secret123', balance_management: 2 });
    await provider.call('getClients', { client: id });
    await provider.call('setClientThreshold', { client: id, threshold: 10, email: 'alerts@example.com' });
    await provider.call('getClientThreshold', { client: id });
    await provider.call('addPayment', { client: id, payment: toWireAmount(micros(25_000_000)), description: 'rc:payment:1', test: false });
    await provider.call('addCharge', { client: id, charge: toWireAmount(micros(4_990_000)), description: 'rc:charge:1', test: false });
    await provider.call('getCharges', { client: id });
    await provider.call('getDeposits', { client: id });
    await provider.call('getResellerBalance', { client: id });
    const created = await provider.call('createSubAccount', { username: 'alice', protocol: 1, ...SUBACCOUNT, reseller_client: id, reseller_package: 8378, reseller_nextbilling: toWireDate('2026-12-01'), reseller_chargesetup: true });
    await provider.call('setSubAccount', { id: created.id as string, ...SUBACCOUNT, description: 'Alice, desk', reseller_client: id, reseller_package: 8378, reseller_nextbilling: toWireDate('2027-01-01') });
    await provider.call('getSubAccounts', { account: created.account as string });
    await provider.call('connectDID', {
      did: '5145550100',
      account: created.account as string,
      monthly: toWireAmount(micros(3_500_000)),
      setup: toWireAmount(micros(1_990_000)),
      minute: toWireRate(rateE8(1_000_000)),
      next_billing: toWireDate('2026-12-01'),
      dont_charge_setup: true,
      dont_charge_monthly: false,
    });
    await provider.call('getDIDsInfo', { client: id });
    const calls = await provider.call('getResellerCDR', { ...CALLS, client: id });
    expect(calls.cdr).toHaveLength(1);
    await provider.call('getCDR', CALLS);
    await provider.call('unconnectDID', { did: '5145550100' });
    await provider.call('delSubAccount', { id: created.id as string });
    await provider.call('delClient', { client: id });

    const log = emulator.requests();
    // Each of the sync's methods was sent and accepted (a refusal would hide a wrong name behind a missing_* status).
    expect(new Set(log.map((entry) => entry.method))).toEqual(new Set(SYNC_METHODS));
    expect(log.filter((entry) => entry.status !== 'success').map((entry) => `${entry.method}: ${entry.status}`)).toEqual([]);
    expect(conformanceProblems(log)).toEqual([]);
  });

  it('the check finds a wrong name, a wrong format and a wrong HTTP method', () => {
    const form = 'application/x-www-form-urlencoded';
    expect(requestProblems({ method: 'addPayment', httpMethod: 'POST', contentType: form, params: { client: '1', amount: '4.99' } })).toEqual(['addPayment: "amount" is not a parameter of addPayment']);
    expect(requestProblems({ method: 'addPayment', httpMethod: 'POST', contentType: form, params: { client: '1', payment: '4,99', test: 'true' } })).toEqual([
      'addPayment: payment="4,99" is not a decimal with a dot (no exponent, no comma)',
      'addPayment: test="true" is not 1 or 0',
    ]);
    expect(requestProblems({ method: 'getCDR', httpMethod: 'POST', contentType: form, params: { date_from: '2026/11/01' } })).toEqual([
      'getCDR: a read sent as POST, not GET',
      'getCDR: date_from="2026/11/01" is not a YYYY-MM-DD date',
    ]);
    expect(requestProblems({ method: 'delClient', httpMethod: 'POST', contentType: 'application/json', params: { client: '1' } })).toEqual(['delClient: a write\'s body is application/json, not form fields']);
    expect(requestProblems({ method: 'createAccount', httpMethod: 'POST', contentType: form, params: {} })).toEqual(['createAccount: not a method of methods.json']);
  });
});
