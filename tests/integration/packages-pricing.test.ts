import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/handlers/table';
import type { Result } from '../../preload/result';
import { tempStore, type TempStore } from '../helpers/store';

let temp: TempStore;
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(() => temp.cleanup());

async function ok<T>(name: string, input?: unknown): Promise<T> {
  const result = (await dispatch(temp.table, name, input)) as Result<T>;
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}
const call = (name: string, input?: unknown) => dispatch(temp.table, name, input);

const everyTab = {
  name: 'Business 6s',
  markupFixed: '0.001',
  markupPercent: '20',
  pulseSeconds: 6,
  canadaRoute: 'premium',
  internationalRoute: 'value',
  freeOnNet: true,
  monthlyFee: '19.99',
  setupFee: '25',
  freeMinutes: 100,
  userCanEditSubaccount: true,
  subaccountEditableFields: ['password', 'allowed_codecs', 'nat'],
  configurationType: 'package',
  viewSetting: 'simple',
  services: ['voicemail', 'sms', 'order_dids'],
};

describe('packages: every field of the guide', () => {
  it('stores and returns every tab', async () => {
    const created = await ok<Record<string, unknown>>('packages.create', everyTab);
    expect(created).toMatchObject({
      ...everyTab,
      markupFixed: '0.00100000',
      markupPercent: '20.0000',
      monthlyFee: '19.990000',
      setupFee: '25.000000',
      customRateCount: 0,
      archived: false,
    });
    const row = await temp.store.db.selectFrom('packages').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ monthly_fee_micros: 19_990_000, setup_fee_micros: 25_000_000, free_on_net: 1, view_setting: 'simple' });
  });

  it('updates only the fields sent', async () => {
    const { id } = await ok<{ id: number }>('packages.create', everyTab);
    const updated = await ok<Record<string, unknown>>('packages.update', { id, freeMinutes: 250 });
    expect(updated).toMatchObject({ freeMinutes: 250, monthlyFee: '19.990000', services: ['voicemail', 'sms', 'order_dids'] });
  });

  it.each([
    ['route', { canadaRoute: 'gold' }, 'canadaRoute'],
    ['unknown service', { services: ['teleport'] }, 'services.0'],
    ['negative fee', { monthlyFee: '-5' }, 'monthlyFee'],
    ['fractional free minutes', { freeMinutes: 1.5 }, 'freeMinutes'],
    ['editable field twice', { subaccountEditableFields: ['nat', 'nat'] }, 'subaccountEditableFields'],
  ])('refuses a bad %s with a field error', async (_name, patch, path) => {
    const result = await call('packages.create', { ...everyTab, ...patch });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) expect(result.error.issues?.map((issue) => issue.path)).toContain(path);
    expect(await temp.store.db.selectFrom('packages').selectAll().execute()).toEqual([]);
  });
});

describe('custom rates', () => {
  const ukAndCanada = [
    { scope: 'canada', value: '', rate: '0.005', freeZone: true },
    { scope: 'prefix', value: '44', rate: '0.02' },
    { scope: 'prefix', value: '447', rate: '0.09' },
  ];

  it('saves a set and lists it with labels', async () => {
    const { id } = await ok<{ id: number }>('packages.create', everyTab);
    const saved = await ok<{ label: string; rate: string; freeZone: boolean }[]>('packages.saveRates', { packageId: id, rates: ukAndCanada });
    expect(saved.map((rate) => [rate.label, rate.rate, rate.freeZone])).toEqual([
      ['Canada', '0.00500000', true],
      ['+44 (United Kingdom)', '0.02000000', false],
      ['+447 (United Kingdom)', '0.09000000', false],
    ]);
    expect(await ok('packages.get', { id })).toMatchObject({ customRateCount: 3 });
  });

  it.each([
    ['a duplicate prefix', [...ukAndCanada, { scope: 'prefix', value: '44', rate: '0.03' }], /same destinations/],
    ['two Canada rates', [...ukAndCanada, { scope: 'canada', value: '', rate: '0.01' }], /same destinations/],
    ['a prefix with letters', [{ scope: 'prefix', value: '44a', rate: '0.01' }], /digits/],
    ['an unknown country', [{ scope: 'country', value: 'XX', rate: '0.01' }], /country/i],
    ['a country and its calling code', [{ scope: 'country', value: 'GB', rate: '0.01' }, { scope: 'prefix', value: '44', rate: '0.02' }], /same numbers/],
  ])('refuses %s, keeping the saved set', async (_name, rates, message) => {
    const { id } = await ok<{ id: number }>('packages.create', everyTab);
    await ok('packages.saveRates', { packageId: id, rates: ukAndCanada });
    const result = await call('packages.saveRates', { packageId: id, rates });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(message);
    expect(await ok<unknown[]>('packages.rates', { id })).toHaveLength(3);
  });

  it('refuses a bad rate text as a field error of its row', async () => {
    const { id } = await ok<{ id: number }>('packages.create', everyTab);
    const result = await call('packages.saveRates', { packageId: id, rates: [{ scope: 'prefix', value: '44', rate: 'abc' }] });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'rates.0.rate' }] } });
  });
});

describe('price preview', () => {
  async function packageWithRates(): Promise<number> {
    const { id } = await ok<{ id: number }>('packages.create', { ...everyTab, freeMinutes: 0, pulseSeconds: 6 });
    await ok('packages.saveRates', {
      packageId: id,
      rates: [
        { scope: 'canada', value: '', rate: '0.005', freeZone: true },
        { scope: 'prefix', value: '44', rate: '0.02' },
        { scope: 'prefix', value: '447', rate: '0.09' },
      ],
    });
    return id;
  }

  it('prices +44 7700 900123 for 61 s at the UK mobile rate', async () => {
    const packageId = await packageWithRates();
    const preview = await ok<Record<string, unknown>>('pricing.preview', { packageId, destination: '+44 7700 900123', seconds: 61, costRate: '0.05' });
    // 61 s in 6 s pulses → 66 s; 0.09 × 66 / 60 = 0.099; provider 0.05 × 66 / 60 = 0.055.
    expect(preview).toMatchObject({
      destination: '447700900123',
      country: 'GB',
      rule: 'custom_rate',
      customRateLabel: '+447 (United Kingdom)',
      sellRate: '0.09000000',
      billedSeconds: 66,
      charge: '0.099000',
      cost: '0.055000',
      profit: '0.044000',
    });
  });

  it('prices a Montreal number at the Canada rate, and by markup without custom rates', async () => {
    const packageId = await packageWithRates();
    const montreal = await ok<Record<string, unknown>>('pricing.preview', { packageId, destination: '514-555-0123', seconds: 61, costRate: '0.0035' });
    expect(montreal).toMatchObject({ nanpRegion: 'CA', rule: 'custom_rate', customRateLabel: 'Canada', freeZone: true, sellRate: '0.00500000', billedSeconds: 66, charge: '0.005500' });
    const plain = await ok<{ id: number }>('packages.create', { name: 'Plain', markupFixed: '0', markupPercent: '20', pulseSeconds: 60 });
    // The guide's example: cost 0.01, 20 % → 0.012; 61 s at pulse 60 → 120 s → 0.024.
    expect(await ok('pricing.preview', { packageId: plain.id, destination: '15145550123', seconds: 61, costRate: '0.01' })).toMatchObject({
      rule: 'markup',
      sellRate: '0.01200000',
      billedSeconds: 120,
      charge: '0.024000',
    });
  });

  it('applies a country rate to short and long numbers of the country it shows', async () => {
    const { id: packageId } = await ok<{ id: number }>('packages.create', { name: 'Countries', markupFixed: '0', markupPercent: '20', pulseSeconds: 60 });
    await ok('packages.saveRates', {
      packageId,
      rates: [
        { scope: 'country', value: 'DE', rate: '0.03' },
        { scope: 'country', value: 'JM', rate: '0.15' },
        { scope: 'country', value: 'KZ', rate: '0.07' },
        { scope: 'country', value: 'BE', rate: '0.04' },
      ],
    });
    // 61 s at pulse 60 → 120 s: 0.03 × 2 = 0.06; the markup would have been 0.01 × 1.2 × 2 = 0.024.
    const germany = { country: 'DE', countryName: 'Germany', rule: 'custom_rate', sellRate: '0.03000000', billedSeconds: 120, charge: '0.060000' };
    for (const [destination, normalized] of [
      ['+49 30 123456', '4930123456'],
      ['+49 30 12345678', '493012345678'],
      ['0049 89 1234', '49891234'],
    ] as const) {
      expect(await ok('pricing.preview', { packageId, destination, seconds: 61, costRate: '0.01' })).toMatchObject({ ...germany, destination: normalized });
    }
    expect(await ok('pricing.preview', { packageId, destination: '+1 876 555 1234', seconds: 61, costRate: '0.01' })).toMatchObject({
      country: 'JM',
      nanpRegion: 'JM',
      rule: 'custom_rate',
      sellRate: '0.15000000',
      charge: '0.300000',
    });
    expect(await ok('pricing.preview', { packageId, destination: '+7 7012', seconds: 61, costRate: '0.01' })).toMatchObject({ country: 'KZ', rule: 'custom_rate', sellRate: '0.07000000' });
    // Ten digits once the '+' is gone, and NANP-shaped (321 is a Florida area code): the preview
    // must rate what was typed, not normalise the normalised digits again.
    expect(await ok('pricing.preview', { packageId, destination: '+32 12 34 56 78', seconds: 61, costRate: '0.01' })).toMatchObject({
      destination: '3212345678',
      country: 'BE',
      nanpRegion: null,
      rule: 'custom_rate',
      sellRate: '0.04000000',
    });
    // +7 495 is Russia, which has no rate here: the markup, and the country shown says why.
    expect(await ok('pricing.preview', { packageId, destination: '+7 495 123 45 67', seconds: 61, costRate: '0.01' })).toMatchObject({
      country: 'RU',
      rule: 'markup',
      sellRate: '0.01200000',
      charge: '0.024000',
    });
  });

  it('prices an unsaved markup exactly as saving it and previewing again does', async () => {
    const packageId = await packageWithRates();
    const calls = [
      { destination: '+7 495 123 45 67', seconds: 61, costRate: '0.01' },
      { destination: '+44 7700 900123', seconds: 61, costRate: '0.05' },
      { destination: '+33 1 23 45 67 89', seconds: 7, costRate: '0.0123' },
    ];
    const markups = [
      { fixed: '0.0035', percent: '12.5' },
      { fixed: '0', percent: '0' },
      { fixed: '0.01', percent: '250' },
    ];
    for (const markup of markups) {
      const unsaved = [];
      for (const callInput of calls) unsaved.push(await ok<Record<string, unknown>>('pricing.preview', { packageId, ...callInput, markup }));
      await ok('packages.update', { id: packageId, markupFixed: markup.fixed, markupPercent: markup.percent });
      for (const [index, callInput] of calls.entries()) {
        expect(unsaved[index]).toEqual(await ok('pricing.preview', { packageId, ...callInput }));
      }
    }
    // The custom rate still wins over an unsaved markup; the markup's own figure is given beside it.
    expect(await ok('pricing.preview', { packageId, ...calls[1], markup: { fixed: '0', percent: '20' } })).toMatchObject({
      rule: 'custom_rate',
      sellRate: '0.09000000',
      markupSellRate: '0.06000000',
    });
  });

  it('lists each package with what its markup makes of the guide example cost, as the preview prices it', async () => {
    await ok('packages.create', { name: 'Retail Canada', markupFixed: '0.005', markupPercent: '20', pulseSeconds: 6 });
    await ok('packages.create', { name: 'At cost', markupFixed: '0', markupPercent: '0', pulseSeconds: 60 });
    const list = await ok<{ id: number; name: string; exampleSellRate: string }[]>('packages.list');
    expect(list.map(({ name, exampleSellRate }) => ({ name, exampleSellRate }))).toEqual([
      { name: 'At cost', exampleSellRate: '0.01000000' },
      // (0.01 + 0.005) × 1.2 = 0.018
      { name: 'Retail Canada', exampleSellRate: '0.01800000' },
    ]);
    for (const pkg of list) {
      const preview = await ok<{ markupSellRate: string }>('pricing.preview', { packageId: pkg.id, destination: '+7 495 123 45 67', seconds: 60, costRate: '0.01' });
      expect(preview.markupSellRate).toBe(pkg.exampleSellRate);
    }
  });

  it('gives the markup example of a package not saved yet, as the saved package would', async () => {
    const example = { destination: '+7 495 123 45 67', seconds: 60, costRate: '0.01' };
    const unsaved = await ok<Record<string, unknown>>('pricing.preview', { ...example, markup: { fixed: '0', percent: '20' } });
    // The guide's example: cost 0.01 at 20 % → 0.012.
    expect(unsaved).toMatchObject({ rule: 'markup', sellRate: '0.01200000', markupSellRate: '0.01200000', charge: '0.012000' });
    const { id } = await ok<{ id: number }>('packages.create', { name: 'Guide', markupFixed: '0', markupPercent: '20', pulseSeconds: 60 });
    expect(await ok('pricing.preview', { packageId: id, ...example })).toEqual(unsaved);
  });

  it('refuses a preview with neither a package nor a markup, and a bad unsaved markup as a field error', async () => {
    expect(await call('pricing.preview', { destination: '447700900123', seconds: 5 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'packageId' }] },
    });
    const packageId = await packageWithRates();
    expect(await call('pricing.preview', { packageId, destination: '447700900123', seconds: 5, markup: { fixed: '-1', percent: '20' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'markup.fixed' }] },
    });
  });

  it('uses the cost deck of the package route when no cost is typed', async () => {
    const packageId = await packageWithRates();
    await ok('costs.import', { route: 'value', csv: 'destination,prefix,rate,increment\nUnited Kingdom - Mobile,447,0.0400,6\n' });
    const preview = await ok<Record<string, unknown>>('pricing.preview', { packageId, destination: '447700900123', seconds: 60 });
    expect(preview).toMatchObject({ costRate: '0.04000000', cost: '0.040000', charge: '0.090000' });
    expect(String(preview.costSource)).toContain('United Kingdom - Mobile');
  });

  it.each([
    ['letters', { destination: 'abc', seconds: 5 }, 'destination'],
    ['negative seconds', { destination: '447700900123', seconds: -1 }, 'seconds'],
    ['bad cost', { destination: '447700900123', seconds: 5, costRate: '1,5' }, 'costRate'],
  ])('refuses %s', async (_name, patch, path) => {
    const packageId = await packageWithRates();
    const result = await call('pricing.preview', { packageId, ...patch });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path }] } });
  });
});

describe('cost deck and price list', () => {
  const deck = [
    '\uFEFFDestination,Prefix,Rate,Increment',
    'United Kingdom,44,0.0100,6',
    'United Kingdom - Mobile,447,0.0400,6',
    '"Canada - Quebec, Montreal",1514,0.0035,6',
    'Broken,4x4,0.01,6',
    'Negative,33,-0.01,6',
    'France,33,abc,6',
    'Germany,49,0.0150,0',
    'Germany,49,0.0150,60',
  ].join('\r\n');

  it('imports good lines, reports bad ones with line numbers, and is idempotent', async () => {
    const first = await ok<{ imported: number; rejected: { line: number; reason: string }[] }>('costs.import', { route: 'value', csv: deck });
    expect(first.imported).toBe(4);
    expect(first.rejected.map((line) => line.line)).toEqual([5, 6, 7, 8]);
    expect(first.rejected[0]!.reason).toContain('prefix');
    await ok('costs.import', { route: 'value', csv: deck });
    expect(await ok('costs.summary')).toMatchObject([{ route: 'value', prefixes: 4 }, { route: 'premium', prefixes: 0 }]);
  });

  it('refuses a CSV without the needed columns and writes nothing', async () => {
    const result = await call('costs.import', { route: 'value', csv: 'name,price\nUK,0.01\n' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await ok('costs.summary')).toMatchObject([{ prefixes: 0 }, { prefixes: 0 }]);
  });

  it('exports the sell price of every destination on the package routes', async () => {
    await ok('costs.import', { route: 'value', csv: deck });
    await ok('costs.import', { route: 'premium', csv: 'destination,prefix,rate,increment\nCanada - Quebec,1514,0.0050,6\n' });
    const { id } = await ok<{ id: number }>('packages.create', { ...everyTab, canadaRoute: 'premium' });
    await ok('packages.saveRates', { packageId: id, rates: [{ scope: 'prefix', value: '447', rate: '0.09' }] });
    const list = await ok<{ csv: string; rows: number; fileName: string }>('pricing.priceList', { packageId: id });
    expect(list.fileName).toBe('price-list-Business-6s.csv');
    const lines = list.csv.trim().split('\n');
    expect(lines[0]).toBe('destination,prefix,country,rate_per_minute,billing_increment_seconds,price_source,free_zone');
    // Canada comes from the premium deck: (0.005 + 0.001) × 1.2 = 0.0072.
    expect(lines).toContain('Canada - Quebec,1514,Canada,0.00720000,6,markup,no');
    // (0.01 + 0.001) × 1.2 = 0.0132
    expect(lines).toContain('United Kingdom,44,United Kingdom,0.01320000,6,markup,no');
    expect(lines).toContain('United Kingdom - Mobile,447,United Kingdom,0.09000000,6,custom rate: +447 (United Kingdom),no');
    expect(list.rows).toBe(4);
  });
});
