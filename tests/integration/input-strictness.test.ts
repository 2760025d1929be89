import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../preload/result';
import { channelCaller } from '../helpers/channels';
import { tempStore, type TempStore } from '../helpers/store';

// Issue 9: numbers are numbers, decimal text is read strictly, and every string is bounded.
let temp: TempStore;
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(() => temp.cleanup());

const { call, ok } = channelCaller(() => temp.table);
const basicPackage = { name: 'Basic', markupFixed: '0', markupPercent: '20', pulseSeconds: 60, monthlyFee: '10', setupFee: '0' };
const alice = { firstName: 'Alice', lastName: 'Martin', email: 'alice@example.com', balanceMode: 'soft' as const };

async function refused(channel: string, input: unknown, path?: string): Promise<string> {
  const result = (await call(channel, input)) as Result<unknown>;
  expect(result.ok, `${channel} ${JSON.stringify(input).slice(0, 200)}`).toBe(false);
  if (result.ok) return '';
  expect(result.error.code).toBe('invalid_input');
  if (path !== undefined) expect(result.error.issues?.map((issue) => issue.path)).toContain(path);
  return result.error.message;
}

describe('numbers are numbers', () => {
  it('refuses true, null, [], "60" and other non-numbers for whole-number fields, never coercing them', async () => {
    const pkg = await ok<{ id: number; pulseSeconds: number; freeMinutes: number }>('packages.create', { ...basicPackage, freeMinutes: 30 });
    for (const value of [true, false, null, [], {}, '60', ' 60', '6e1', '0x3c', Number.NaN, 1.5, -0.5]) {
      await refused('packages.update', { id: pkg.id, pulseSeconds: value }, 'pulseSeconds');
      await refused('packages.update', { id: pkg.id, freeMinutes: value }, 'freeMinutes');
    }
    expect(await ok('packages.get', { id: pkg.id })).toMatchObject({ pulseSeconds: 60, freeMinutes: 30 });
  });

  it('reads the preview duration from digits only (the form sends text): no exponent, hex, sign or spaces', async () => {
    const pkg = await ok<{ id: number }>('packages.create', basicPackage);
    const preview = { packageId: pkg.id, destination: '15145551234', costRate: '0.01' };
    for (const seconds of ['1e1', '0x10', '+60', '-0', ' 60', '60\n', '6 0', '٦٠', true, null, []]) {
      await refused('pricing.preview', { ...preview, seconds }, 'seconds');
    }
    expect(await ok('pricing.preview', { ...preview, seconds: '60' })).toMatchObject({ billedSeconds: 60 });
    expect(await ok('pricing.preview', { ...preview, seconds: 60 })).toMatchObject({ billedSeconds: 60 });
  });

  it('reads money and rates as plain decimal text only', async () => {
    for (const markupFixed of ['1e-3', '0x10', '\u00a00.01', '0.01\u2028', '\ufeff0.01', '1_000', 0.01, 1, true, null]) {
      await refused('packages.create', { ...basicPackage, markupFixed }, 'markupFixed');
    }
    for (const [field, value] of [
      ['markupFixed', '100.00000001'],
      ['markupPercent', '1000.0001'],
      ['monthlyFee', '1000000.000001'],
    ] as const) {
      const message = await refused('packages.create', { ...basicPackage, [field]: value }, field);
      expect(message).toMatch(/at most/);
    }
    await ok('packages.create', { ...basicPackage, markupFixed: ' 0.005\t', markupPercent: '1000', monthlyFee: '1000000' });
  });

  it('reads the cost deck increment as digits only ("1e1" and "0x10" are not 10 and 16 seconds)', async () => {
    const csv = ['destination,prefix,rate,increment', 'A,1,0.01,1e1', 'B,2,0.01,0x10', 'C,3,0.01, 6', 'D,4,100.00000001,6', 'E,5,0.01,60'].join('\n');
    const result = await ok<{ imported: number; rejected: { line: number; reason: string }[] }>('costs.import', { route: 'value', csv });
    expect(result.imported).toBe(2);
    expect(result.rejected.map((line) => line.line)).toEqual([2, 3, 5]);
  });
});

describe('every string is bounded', () => {
  const huge = 'x'.repeat(100_000);

  it('refuses a 100,000-character value in every free-text field', async () => {
    const client = await ok<{ id: number }>('clients.create', alice);
    const pkg = await ok<{ id: number }>('packages.create', basicPackage);
    await refused('subaccounts.create', { username: 'alice1', ip: huge }, 'ip');
    await refused('subaccounts.create', { username: 'alice1', callerIdOverride: huge }, 'callerIdOverride');
    await refused('subaccounts.create', { username: 'alice1', password: huge }, 'password');
    await refused('subaccounts.create', { username: huge }, 'username');
    await refused('packages.saveRates', { packageId: pkg.id, rates: [{ scope: 'prefix', value: huge, rate: '0.01' }] }, 'rates.0.value');
    await refused('packages.create', { ...basicPackage, name: huge }, 'name');
    await refused('clients.create', { ...alice, email: `${huge}@example.com` }, 'email');
    await refused('clients.update', { id: client.id, lowBalanceEmail: `${huge}@example.com` }, 'lowBalanceEmail');
    await refused('clients.update', { id: client.id, notes: huge }, 'notes');
    await refused('dids.add', { number: huge }, 'number');
    await refused('dids.add', { number: '15145550100', description: huge }, 'description');
    await refused('pricing.preview', { packageId: pkg.id, destination: ` ${'1'.repeat(100_000)}`, seconds: 60 }, 'destination');
    await refused('calls.importBegin', { fileName: huge, totalBytes: 10 }, 'fileName');
    await refused('billing.run', { date: `2026-12-01${huge}` }, 'date');
    await refused('clients.payment', { clientId: client.id, amount: `${'0'.repeat(100_000)}1` }, 'amount');
  });

  it('keeps the limits generous for real values (an IP, a host name, a long company name)', async () => {
    await ok('subaccounts.create', { username: 'alice2', ip: 'sip.' + 'a'.repeat(240) + '.com' });
    await ok('clients.create', { ...alice, company: 'C'.repeat(100), notes: 'n'.repeat(2000) });
  });
});
