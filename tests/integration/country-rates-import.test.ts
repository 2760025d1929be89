import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCdrStream } from '../../main/cdr';
import { dispatch } from '../../main/handlers/table';
import { importInto } from '../../main/services/calls/importInto';
import type { Result } from '../../preload/result';
import { tempStore, type TempStore } from '../helpers/store';

/**
 * Imported calls and the price preview rate a number the same way: a country custom rate
 * applies to every number of the country, whatever its length or how the file wrote it.
 */
let temp: TempStore;
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(() => temp.cleanup());

async function ok<T = Record<string, unknown>>(name: string, input?: unknown): Promise<T> {
  const result = (await dispatch(temp.table, name, input)) as Result<T>;
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

const HEADER = 'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid';
const line = (destination: string, id: string) =>
  ['2026-11-26 10:00:00', '5145550100', destination, 'Outgoing to Europe', '100000_alice', 'ANSWERED', '00:01:01', '61', '0.01000000', '0.01100000', id].join(',');

describe('country rates on imported calls', () => {
  it('charges the rate the preview shows, for short and long numbers', async () => {
    const pkg = await ok<{ id: number }>('packages.create', { name: 'Europe', markupFixed: '0', markupPercent: '20', pulseSeconds: 60 });
    await ok('packages.saveRates', {
      packageId: pkg.id,
      rates: [
        { scope: 'country', value: 'DE', rate: '0.03' },
        { scope: 'country', value: 'BE', rate: '0.04' },
      ],
    });
    const client = await ok<{ id: number }>('clients.create', { firstName: 'Alice', lastName: 'Martin', email: 'alice@example.com', balanceMode: 'soft' });
    await ok('subaccounts.create', { username: 'alice', clientId: client.id, packageId: pkg.id, nextBillingDate: '2026-12-01' });
    // The CDR reader keeps a leading '+' (tests/unit/cdr), so a Belgian '+3212345678' (ten
    // NANP-shaped digits without it) keeps its country, as does one written with 011.
    // 61 s at pulse 60 → 120 s: Germany 0.03 × 2 = 0.06, Belgium 0.04 × 2 = 0.08.
    const expected = [
      ['+4930123456', 'DE', 60_000],
      ['4930123456', 'DE', 60_000],
      ['01149301234567', 'DE', 60_000],
      ['+49891234', 'DE', 60_000],
      ['0113212345678', 'BE', 80_000],
      ['+3212345678', 'BE', 80_000],
    ] as const;
    const destinations = expected.map(([destination]) => destination);
    const csv = [HEADER, ...destinations.map((destination, index) => line(destination, `c${index}`))].join('\n');
    const result = await importInto(temp.store, parseCdrStream(Readable.from([csv]), 'voipms-csv', { batchSize: 2 }), {
      source: 'test',
      format: 'voipms-csv',
      now: () => new Date('2026-11-25T12:00:00Z'),
    });
    expect(result).toMatchObject({ added: 6, rated: 6, unrated: 0 });
    const rows = await temp.store.db.selectFrom('calls').selectAll().orderBy('call_id').execute();
    for (const [index, [destination, country, charge]] of expected.entries()) {
      const preview = await ok<{ rule: string; charge: string; country: string }>('pricing.preview', { packageId: pkg.id, destination, seconds: 61, costRate: '0.01' });
      expect([destination, preview.country, preview.rule, preview.charge]).toEqual([destination, country, 'custom_rate', (charge / 1e6).toFixed(6)]);
      const row = rows[index];
      expect([destination, row?.rule, row?.charge_micros]).toEqual([destination, 'custom_rate', charge]);
    }
  });
});
