import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../main/sync/provider';
import { VoipmsProvider } from '../../main/sync/voipms';
import { startEmulator, type Emulator, type EmulatorOptions } from '../fixtures/emulator';

// Issue 12: the VoIP.ms client over real HTTP against the emulator on 127.0.0.1.
let emulator: Emulator;

async function start(options: EmulatorOptions = {}): Promise<void> {
  emulator = await startEmulator({ now: () => new Date('2026-11-25T12:00:00Z'), ...options });
}

const clientFor = (options: { password?: string; baseUrl?: string } = {}) =>
  new VoipmsProvider({
    credentials: { username: emulator.username, password: options.password ?? emulator.password, baseUrl: options.baseUrl ?? emulator.url },
  });

async function refusal(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

const ALICE = {
  firstname: 'Alice',
  lastname: 'Martin',
  address: '12 rue Principale',
  city: 'Montreal',
  state: 'QC',
  country: 'CA',
  zip: 'H2X1Y4',
  phone_number: '5145550100',
  email: 'alice@example.com',
  confirm_email: 'alice@example.com',
  password: 'Secret123',
  confirm_password: 'Secret123',
  activate: true,
  balance_management: 1,
};

beforeEach(() => start({ data: { packages: [{ package: 8378, name: 'Basic' }] } }));
afterEach(() => emulator.stop());

describe('the VoIP.ms client', () => {
  it('reads with GET and writes with POST form fields, every value as text', async () => {
    const provider = clientFor();
    const signup = await provider.call('signupClient', ALICE);
    expect(signup).toMatchObject({ status: 'success', client: expect.stringMatching(/^\d+$/) });
    const listed = await provider.call('getClients', { client: signup.client as string });
    expect(listed.clients).toEqual([expect.objectContaining({ email: 'alice@example.com', balance_management: '1' })]);
    const [write, read] = emulator.requests();
    expect(write).toMatchObject({ httpMethod: 'POST', contentType: 'application/x-www-form-urlencoded', method: 'signupClient' });
    expect(write!.params).toMatchObject({ activate: '1', balance_management: '1', phone_number: '5145550100' });
    expect(write!.params).not.toHaveProperty('api_password');
    expect(read).toMatchObject({ httpMethod: 'GET', method: 'getClients', params: { client: signup.client } });
  });

  it('an empty list (no_*) is an empty list, not an error; a fetch-one object is a list of one', async () => {
    const provider = clientFor();
    expect(await provider.call('getClients')).toEqual({ status: 'no_client', clients: [] });
    expect(await provider.call('getDIDsInfo')).toEqual({ status: 'no_did', dids: [] });
    emulator.seed({ dids: [{ did: '5145550100', description: 'MONTREAL, QC' }] });
    expect((await provider.call('getDIDsInfo')).dids).toEqual([expect.objectContaining({ did: '5145550100', reseller_account: '' })]);
  });

  it('reads what the real provider sends beyond the emulator: a fetch-one object, bare numbers, method_maintenance', async () => {
    const answers = [
      '{"status":"success","clients":{"client":561115,"email":"alice@example.com"}}',
      '{"status":"success","balance":{"current_balance":8.0588}}',
      '{"status":"method_maintenance"}',
      '{"status":"success","cdr":[{"date":"2016-11',
    ];
    const provider = new VoipmsProvider({
      credentials: { username: 'u@example.com', password: 'p', baseUrl: 'http://127.0.0.1:9/api/v1/rest.php' },
      fetch: () => Promise.resolve(new Response(answers.shift()!, { status: 200 })),
    });
    expect((await provider.call('getClients', { client: 561115 })).clients).toEqual([{ client: 561115, email: 'alice@example.com' }]);
    expect((await provider.call('getBalance')).balance).toEqual({ current_balance: 8.0588 });
    expect(await refusal(provider.call('getPackages'))).toMatchObject({ kind: 'transient', status: 'method_maintenance', message: expect.stringMatching(/maintenance/i) });
    expect(await refusal(provider.call('getCDR'))).toMatchObject({ kind: 'transient', status: 'bad_reply' });
  });

  it('no_callstatus is an error, with the provider\'s description', async () => {
    const error = await refusal(clientFor().call('getCDR', { date_from: '2026-11-01', date_to: '2026-11-25', timezone: -5 }));
    expect(error).toMatchObject({ kind: 'permanent', status: 'no_callstatus', method: 'getCDR' });
    expect(error.message).toBe('No Call Status was provided. One of the following parameters needs to be set to "1": answered, noanswer, busy, failed');
  });

  it('refusals are permanent and read as the provider describes them; codes are case-sensitive', async () => {
    const provider = clientFor();
    const used = await provider.call('signupClient', ALICE);
    expect(await refusal(provider.call('signupClient', ALICE))).toMatchObject({ kind: 'permanent', status: 'used_email' });
    expect(await refusal(provider.call('signupClient', { ...ALICE, email: 'not-an-email', confirm_email: 'not-an-email' }))).toMatchObject({ status: 'invalid_email' });
    const { firstname: _omitted, ...noName } = ALICE;
    expect(await refusal(provider.call('signupClient', { ...noName, email: 'b@example.com', confirm_email: 'b@example.com' }))).toMatchObject({ status: 'missing_firstname' });
    const threshold = await refusal(provider.call('setClientThreshold', { client: used.client as string, threshold: 500 }));
    expect(threshold).toMatchObject({ kind: 'permanent', status: 'Invalid_threshold' });
    expect(threshold.message).not.toContain('Invalid_threshold');
    const wrongPassword = await refusal(clientFor({ password: 'wrong' }).call('getBalance'));
    expect(wrongPassword).toMatchObject({ kind: 'permanent', status: 'invalid_credentials' });
  });

  it('ip_not_enabled is permanent; getIP answers from any address', async () => {
    emulator.setAllowedIps(['203.0.113.7']);
    const provider = clientFor();
    expect(await provider.call('getIP')).toEqual({ status: 'success', ip: '127.0.0.1' });
    const error = await refusal(provider.call('getBalance'));
    expect(error).toMatchObject({ kind: 'permanent', status: 'ip_not_enabled' });
    emulator.setAllowedIps(['127.0.0.1']);
    expect((await provider.call('getBalance')).balance).toEqual({ current_balance: '0.0000' });
  });

  it('a successful write may answer with an empty body', async () => {
    await emulator.stop();
    await start({ emptyWriteBodies: true });
    const provider = clientFor();
    const signup = await provider.call('signupClient', ALICE); // answers its id: not empty
    expect(await provider.call('addPayment', { client: signup.client as string, payment: '25.00', description: 'rc:payment:1' })).toEqual({ status: 'success' });
    expect(emulator.snapshot().deposits).toEqual([expect.objectContaining({ amountMicros: 25_000_000, description: 'rc:payment:1' })]);
  });
});

describe('faults: what may be tried again, and what must be checked first', () => {
  it('api_limit_exceeded, method_maintenance-like answers and HTTP 500 are transient and change nothing', async () => {
    const provider = clientFor();
    const client = (await provider.call('signupClient', ALICE)).client as string;
    emulator.injectFault('limit', 'addCharge');
    expect(await refusal(provider.call('addCharge', { client, charge: '4.99' }))).toMatchObject({ kind: 'transient', status: 'api_limit_exceeded', message: 'API requests limit per minute has been reached' });
    emulator.injectFault('http500', 'addCharge');
    expect(await refusal(provider.call('addCharge', { client, charge: '4.99' }))).toMatchObject({ kind: 'transient', status: 'http_500' });
    expect(emulator.snapshot().charges).toEqual([]);
  });

  /** A client whose timeout is the test's to fire (no wall-clock waits): each call gets a fresh signal. */
  function withManualTimeout() {
    let controller = new AbortController();
    const provider = new VoipmsProvider({
      credentials: { username: emulator.username, password: emulator.password, baseUrl: emulator.url },
      timeoutSignal: () => {
        controller = new AbortController();
        return controller.signal;
      },
    });
    return { provider, timeOut: () => controller.abort() };
  }

  it('a timeout is unknown: "applied, then timed out" did change the provider', async () => {
    const { provider, timeOut } = withManualTimeout();
    const client = (await provider.call('signupClient', ALICE)).client as string;
    const payments = () => emulator.requests().filter((entry) => entry.method === 'addPayment');

    emulator.injectFault('appliedTimeout', 'addPayment');
    const applied = refusal(provider.call('addPayment', { client, payment: '10.00', description: 'rc:payment:7' }));
    await expect.poll(() => payments().length).toBe(1);
    timeOut();
    expect(await applied).toMatchObject({ kind: 'unknown', status: 'timeout' });
    expect(emulator.snapshot().deposits).toHaveLength(1);

    emulator.injectFault('timeout', 'addPayment');
    const lost = refusal(provider.call('addPayment', { client, payment: '10.00', description: 'rc:payment:8' }));
    await expect.poll(() => payments().length).toBe(2);
    timeOut();
    expect(await lost).toMatchObject({ kind: 'unknown', status: 'timeout' });
    expect(emulator.snapshot().deposits).toHaveLength(1);
    expect(payments().map((entry) => [entry.fault, entry.applied, entry.status])).toEqual([
      ['appliedTimeout', true, null],
      ['timeout', false, null],
    ]);
  });

  it('a read of a timed-out call\'s reference tells whether it was applied (getDeposits)', async () => {
    const { provider, timeOut } = withManualTimeout();
    const client = (await provider.call('signupClient', ALICE)).client as string;
    emulator.injectFault('appliedTimeout', 'addPayment');
    const pending = refusal(provider.call('addPayment', { client, payment: '10.00', description: 'rc:payment:9' }));
    await expect.poll(() => emulator.requests().some((entry) => entry.method === 'addPayment')).toBe(true);
    timeOut();
    await pending;
    const { deposits } = await provider.call('getDeposits', { client });
    expect(deposits).toEqual([expect.objectContaining({ amount: '10.00', description: 'rc:payment:9' })]);
  });

  it('a dropped connection is unknown; a refused one is transient (nothing was sent)', async () => {
    const provider = clientFor();
    emulator.injectFault('drop');
    expect(await refusal(provider.call('getBalance'))).toMatchObject({ kind: 'unknown', status: 'network' });
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const refused = await refusal(clientFor({ baseUrl: `http://127.0.0.1:${closedPort}/api/v1/rest.php` }).call('getBalance'));
    expect(refused).toMatchObject({ kind: 'transient', status: 'network' });
  });

  it('the same seed gives the same faults for the same requests', async () => {
    const run = async (seed: number): Promise<(string | null)[]> => {
      emulator.clearRequests();
      emulator.setFaults({ rates: { http500: 0.2, limit: 0.2 }, seed });
      const provider = clientFor();
      for (let index = 0; index < 30; index += 1) await provider.call('getBalance').catch(() => undefined);
      return emulator.requests().map((entry) => entry.fault);
    };
    const first = await run(42);
    expect(first.filter(Boolean).length).toBeGreaterThan(3);
    expect(await run(42)).toEqual(first);
    expect(await run(43)).not.toEqual(first);
  });
});

describe('under random faults, the client\'s verdict matches what the emulator did', () => {
  it('success, transient (nothing applied) or unknown (maybe applied), request by request, for a fixed seed', async () => {
    await emulator.stop();
    let controller = new AbortController();
    // A held request fires the client's timeout at once: no wall-clock wait.
    emulator = await startEmulator({ now: () => new Date('2026-11-25T12:00:00Z'), onHold: () => controller.abort() });
    const provider = new VoipmsProvider({
      credentials: { username: emulator.username, password: emulator.password, baseUrl: emulator.url },
      timeoutSignal: () => {
        controller = new AbortController();
        return controller.signal;
      },
    });
    const client = (await provider.call('signupClient', ALICE)).client as string;
    emulator.setFaults({ rates: { timeout: 0.06, appliedTimeout: 0.06, http500: 0.06, limit: 0.06, drop: 0.06 }, seed: 2026 });
    const verdicts: string[] = [];
    for (let index = 0; index < 150; index += 1) {
      const outcome = await provider.call('addPayment', { client, payment: '1.00', description: `rc:payment:${index}` }).then(
        () => 'success',
        (error: unknown) => (error instanceof ProviderError ? error.kind : 'other'),
      );
      verdicts.push(outcome);
    }
    const expected = emulator
      .requests()
      .filter((entry) => entry.method === 'addPayment')
      .map((entry) => (entry.fault === null ? 'success' : entry.fault === 'http500' || entry.fault === 'limit' ? 'transient' : 'unknown'));
    expect(verdicts).toEqual(expected);
    expect(new Set(verdicts)).toEqual(new Set(['success', 'transient', 'unknown']));
    // Every applied payment is in the provider's deposits once; nothing else is.
    const applied = emulator.requests().filter((entry) => entry.method === 'addPayment' && entry.applied).map((entry) => entry.params.description);
    expect(emulator.snapshot().deposits.map((deposit) => deposit.description)).toEqual(applied);
    expect(applied.length).toBe(verdicts.filter((verdict) => verdict === 'success').length + emulator.requests().filter((entry) => entry.fault === 'appliedTimeout').length);
  });
});
