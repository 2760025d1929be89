import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/handlers/table';
import type { CostImportResult, PriceListFile, PricePreview } from '../../preload/schemas/pricing';
import type { Result } from '../../preload/result';
import { tempStore, type TempStore } from '../helpers/store';

// Issue 10, "prices that never lie": an unknown cost is never a price of 0, and the cost deck
// keeps the USA and Canada apart under the provider's shared prefix 1.

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

const NANP_DECK = ['destination,prefix,rate,increment', 'USA,1,0.0090,6', 'Canada,1,0.0120,6', 'United Kingdom,44,0.0100,6'].join('\n');

async function createPackage(patch: Record<string, unknown> = {}): Promise<number> {
  const { id } = await ok<{ id: number }>('packages.create', {
    name: 'Retail',
    markupFixed: '0',
    markupPercent: '20',
    pulseSeconds: 60,
    canadaRoute: 'value',
    internationalRoute: 'value',
    ...patch,
  });
  return id;
}

const preview = (input: Record<string, unknown>) => ok<PricePreview>('pricing.preview', input);

describe('a preview without a known cost', () => {
  it('has no price, says what is missing, and shows no 0 for what it does not know', async () => {
    const packageId = await createPackage();
    const result = await preview({ packageId, destination: '+49 30 123456', seconds: 61 });
    expect(result).toMatchObject({
      rule: 'markup',
      priceUnknown: {
        reason: 'no_cost',
        destinationLabel: 'Germany (+49)',
        missing: 'a cost deck entry for Germany (+49) on the Value route, or a cost rate typed in the preview',
      },
      sellRate: null,
      markupSellRate: null,
      charge: null,
      cost: null,
      profit: null,
      costRate: null,
      billedSeconds: 120,
    });
    expect(result.explanation).toContain('Without the cost of Germany (+49) there is no price.');
    // With the cost typed, the same call has its price again: the guide's 0.01 at 20 % → 0.012;
    // the provider bills 61 s as 66 s (6-second steps): 0.011.
    expect(await preview({ packageId, destination: '+49 30 123456', seconds: 61, costRate: '0.01' })).toMatchObject({
      priceUnknown: null,
      sellRate: '0.01200000',
      charge: '0.024000',
      cost: '0.011000',
      profit: '0.013000',
    });
  });

  it('is not read as a free on-net call: only a cost of 0 says the provider charged nothing', async () => {
    const packageId = await createPackage({ freeOnNet: true });
    const unknown = await preview({ packageId, destination: '+1 212 555 0123', seconds: 60 });
    expect(unknown).toMatchObject({ rule: 'markup', priceUnknown: { destinationLabel: 'United States (+1 212)' }, charge: null });
    expect(unknown.explanation).toContain('Free on-net applies only when the provider charges nothing');
    // A real zero cost is the provider's on-net: free, and it says why.
    const onNet = await preview({ packageId, destination: '+1 212 555 0123', seconds: 60, costRate: '0' });
    expect(onNet).toMatchObject({ rule: 'on_net_free', priceUnknown: null, sellRate: '0.00000000', charge: '0.000000', cost: '0.000000' });
    expect(onNet.explanation).toContain('Free on-net');
  });

  it('keeps a custom rate’s price, and a free zone’s 0, while the cost and profit stay unknown', async () => {
    const packageId = await createPackage();
    await ok('packages.saveRates', {
      packageId,
      rates: [
        { scope: 'country', value: 'DE', rate: '0.03' },
        { scope: 'canada', value: '', rate: '0.005', freeZone: true },
      ],
    });
    expect(await preview({ packageId, destination: '+49 30 123456', seconds: 61 })).toMatchObject({
      rule: 'custom_rate',
      priceUnknown: null,
      sellRate: '0.03000000',
      charge: '0.060000',
      cost: null,
      profit: null,
    });
    const freeZone = await preview({ packageId, destination: '514 555 0123', seconds: 60 });
    expect(freeZone).toMatchObject({ rule: 'custom_rate', freeZone: true, priceUnknown: null, sellRate: '0.00500000', cost: null });
    expect(freeZone.explanation).toContain('(free zone)');
  });

  it('prices an inbound call at its DID rate with the provider cost unknown, not 0', async () => {
    const packageId = await createPackage();
    expect(await preview({ packageId, destination: '514 555 0123', seconds: 60, inbound: true, didRate: '0.01' })).toMatchObject({
      rule: 'inbound_did',
      priceUnknown: null,
      charge: '0.010000',
      cost: null,
      profit: null,
    });
  });
});

describe('the USA and Canada under the prefix 1', () => {
  it('keeps both lines, and prices a US and a Canadian number each at its own cost', async () => {
    const imported = await ok<CostImportResult>('costs.import', { route: 'value', csv: NANP_DECK });
    expect(imported).toMatchObject({ imported: 3, rejected: [], total: 3, failure: null });
    expect(await ok('costs.summary')).toMatchObject([{ route: 'value', prefixes: 3 }, { route: 'premium', prefixes: 0 }]);
    const packageId = await createPackage();
    // (0.009) × 1.2 = 0.0108; (0.012) × 1.2 = 0.0144.
    const usa = await preview({ packageId, destination: '+1 212 555 0123', seconds: 60 });
    expect(usa).toMatchObject({ nanpRegion: 'US', costRate: '0.00900000', sellRate: '0.01080000', charge: '0.010800', priceUnknown: null });
    expect(usa.costSource).toContain('USA, prefix 1');
    const canada = await preview({ packageId, destination: '+1 613 555 0123', seconds: 60 });
    expect(canada).toMatchObject({ nanpRegion: 'CA', costRate: '0.01200000', sellRate: '0.01440000', charge: '0.014400', priceUnknown: null });
    expect(canada.costSource).toContain('Canada, prefix 1');
    // Jamaica is +1 too, but the deck prices neither it nor any other NANP country: no cost, no price.
    expect(await preview({ packageId, destination: '+1 876 555 0123', seconds: 60 })).toMatchObject({
      nanpRegion: 'JM',
      priceUnknown: { destinationLabel: 'Jamaica (+1 876)' },
      charge: null,
    });
  });

  it('reads the Canada line from the package’s Canada route and the USA from its international one', async () => {
    await ok('costs.import', { route: 'value', csv: NANP_DECK });
    await ok('costs.import', { route: 'premium', csv: 'destination,prefix,rate,increment\nCanada,1,0.0200,6\n' });
    const packageId = await createPackage({ canadaRoute: 'premium' });
    expect(await preview({ packageId, destination: '+1 613 555 0123', seconds: 60 })).toMatchObject({ costRate: '0.02000000' });
    expect(await preview({ packageId, destination: '+1 212 555 0123', seconds: 60 })).toMatchObject({ costRate: '0.00900000' });
  });

  it('a later import of one of them updates that one only', async () => {
    await ok('costs.import', { route: 'value', csv: NANP_DECK });
    await ok('costs.import', { route: 'value', csv: 'destination,prefix,rate,increment\nCanada,1,0.0150,6\n' });
    const packageId = await createPackage();
    expect(await preview({ packageId, destination: '+1 613 555 0123', seconds: 60 })).toMatchObject({ costRate: '0.01500000' });
    expect(await preview({ packageId, destination: '+1 212 555 0123', seconds: 60 })).toMatchObject({ costRate: '0.00900000' });
  });
});

describe('the import result', () => {
  it('reports a duplicate line with the line it duplicates', async () => {
    const csv = ['destination,prefix,rate,increment', 'Germany,49,0.0150,6', 'USA,1,0.0090,6', 'Germany - again,49,0.0200,6', 'United States,1,0.0090,6'].join('\n');
    const result = await ok<CostImportResult>('costs.import', { route: 'value', csv });
    expect(result).toMatchObject({ imported: 2, total: 4, failure: null });
    expect(result.rejected).toEqual([
      { line: 4, reason: 'duplicate of line 2 (prefix 49): 0.02000000/min here, 0.01500000/min there; line 2 is kept' },
      { line: 5, reason: 'duplicate of line 3 (prefix 1 for United States)' },
    ]);
  });

  it('fails when no line could be imported, with every reason, and leaves the deck as it was even with "replace"', async () => {
    await ok('costs.import', { route: 'value', csv: NANP_DECK });
    const csv = ['destination,prefix,rate,increment', 'Broken,4x4,0.01,6', 'Negative,33,-0.01,6', 'USA,1514,0.01,6'].join('\n');
    const result = await ok<CostImportResult>('costs.import', { route: 'value', csv, replace: true });
    expect(result).toMatchObject({ imported: 0, total: 3, failure: 'Nothing was imported: all 3 lines were refused.' });
    expect(result.rejected).toEqual([
      { line: 2, reason: 'prefix "4x4" is not digits' },
      { line: 3, reason: 'rate cannot be negative' },
      { line: 4, reason: 'prefix 1514 is an area code of Canada, but the line names United States' },
    ]);
    expect(await ok('costs.summary')).toMatchObject([{ route: 'value', prefixes: 3 }, { route: 'premium', prefixes: 0 }]);
  });

  it('fails on a file with only its header', async () => {
    const result = await ok<CostImportResult>('costs.import', { route: 'premium', csv: 'destination,prefix,rate,increment\n' });
    expect(result).toMatchObject({ imported: 0, total: 0, rejected: [], failure: 'Nothing was imported: the file has no rate lines after its header.' });
  });
});

describe('the price list', () => {
  it('lists the USA and Canada each at its own price', async () => {
    await ok('costs.import', { route: 'value', csv: NANP_DECK });
    const list = await ok<PriceListFile>('pricing.priceList', { packageId: await createPackage() });
    const lines = list.csv.trim().split('\n');
    expect(lines).toContain('USA,1,United States,0.01080000,60,markup,no');
    expect(lines).toContain('Canada,1,Canada,0.01440000,60,markup,no');
    expect(lines).toContain('United Kingdom,44,United Kingdom,0.01200000,60,markup,no');
    expect(list).toMatchObject({ rows: 3, unpriced: 0 });
  });

  it('says "no cost" for a destination without a cost on the package’s route, with no sell price, and a custom rate needs none', async () => {
    await ok('costs.import', { route: 'value', csv: NANP_DECK });
    const packageId = await createPackage({ canadaRoute: 'premium' });
    const before = await ok<PriceListFile>('pricing.priceList', { packageId });
    const lines = before.csv.trim().split('\n');
    expect(lines).toContain('Canada,1,Canada,,60,"no cost: not in the Premium cost deck, the package\'s route there",no');
    expect(lines.filter((line) => line.includes(',0.00000000,'))).toEqual([]);
    expect(before).toMatchObject({ rows: 3, unpriced: 1 });

    await ok('packages.saveRates', { packageId, rates: [{ scope: 'canada', value: '', rate: '0.011' }] });
    const after = await ok<PriceListFile>('pricing.priceList', { packageId });
    expect(after.csv).toContain('Canada,1,Canada,0.01100000,60,custom rate: Canada,no');
    expect(after).toMatchObject({ rows: 3, unpriced: 0 });
  });
});
