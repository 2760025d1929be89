import { describe, expect, it } from 'vitest';
import {
  costDeckEntryFor,
  costDeckKey,
  costDeckRegion,
  costDeckSampleNumber,
  destinationLabel,
  nanpRegionNamed,
  readCostDeck,
} from '../../../main/engine/costDeck';
import { sellRateNeedsCost } from '../../../main/engine';

const line = (destination: string, prefix: string, rate = '0.0100', increment = '6') => ({ destination, prefix, rate, increment });

describe('the key a deck line is held under', () => {
  it.each([
    ['USA', '1', 'US'],
    ['United States', '1', 'US'],
    ['United States - Alaska', '1', 'US'],
    ['U.S.A.', '1', 'US'],
    ['Canada', '1', 'CA'],
    ['Canada - Quebec, Montreal', '1', 'CA'],
    ['U.S. Virgin Islands', '1', 'VI'],
    ['Jamaica', '1', 'JM'],
    ['Trinidad & Tobago', '1', 'TT'],
    ['Dominican Republic', '1', 'DO'],
    ['North America', '1', ''], // names no NANP country: every +1 number
    ['Canada - Quebec, Montreal', '1514', 'CA'], // a whole area code decides
    ['Montreal', '1514', 'CA'],
    ['New York', '1212', 'US'],
    ['Jamaica', '1876', 'JM'],
    ['United Kingdom', '44', ''], // not NANP: no region
    ['Kazakhstan', '77', ''],
  ])('%s under %s → region "%s"', (destination, prefix, region) => {
    expect(costDeckRegion(prefix, destination)).toEqual({ region });
  });

  it('refuses a line whose area code and name disagree, saying both', () => {
    expect(costDeckRegion('1514', 'USA')).toEqual({ reason: 'prefix 1514 is an area code of Canada, but the line names United States' });
  });

  it('reads names by their start, longest first', () => {
    expect(nanpRegionNamed('Dominica')).toBe('DM');
    expect(nanpRegionNamed('Dominican Republic - Mobile')).toBe('DO');
    expect(nanpRegionNamed('Americas')).toBeNull();
    expect(nanpRegionNamed('Usage')).toBeNull();
  });

  it('keys a region line apart from the prefix alone', () => {
    expect(costDeckKey({ prefix: '1', region: 'US' })).not.toBe(costDeckKey({ prefix: '1', region: 'CA' }));
    expect(costDeckKey({ prefix: '1', region: '' })).toBe('1');
  });
});

describe('reading a deck file', () => {
  it('keeps USA and Canada both under 1, and Montreal under its area code', () => {
    const reading = readCostDeck([line('USA', '1', '0.0090'), line('Canada', '1', '0.0120'), line('Canada - Montreal', '1514', '0.0035')]);
    expect(reading.dropped).toEqual([]);
    expect(reading.lines.map(({ line: at, prefix, region, rate }) => ({ at, prefix, region, rate }))).toEqual([
      { at: 2, prefix: '1', region: 'US', rate: 900_000 },
      { at: 3, prefix: '1', region: 'CA', rate: 1_200_000 },
      { at: 4, prefix: '1514', region: 'CA', rate: 350_000 },
    ]);
  });

  it('reports every line it does not keep, with its line number and reason', () => {
    const reading = readCostDeck([
      line('United Kingdom', '44'), // 2
      line('Broken', '4x4'), // 3
      line('Negative', '33', '-0.01'), // 4
      line('France', '33', 'abc'), // 5
      line('Germany', '49', '0.0150', '0'), // 6
      line('United Kingdom', '44'), // 7: the same line again
      line('UK again', '+44', '0.0200'), // 8: the same prefix at another price
      line('USA', '1'), // 9
      line('United States', '1', '0.0110'), // 10: the USA again
      line('USA', '1514'), // 11: a Canadian area code
      line('Free', '', '0'), // 12
    ]);
    expect(reading.lines.map((kept) => kept.line)).toEqual([2, 9]);
    expect(reading.dropped).toEqual([
      { line: 3, reason: 'prefix "4x4" is not digits' },
      { line: 4, reason: 'rate cannot be negative' },
      { line: 5, reason: expect.stringContaining('rate:') },
      { line: 6, reason: 'increment "0" is not whole seconds' },
      { line: 7, reason: 'duplicate of line 2 (prefix 44)' },
      { line: 8, reason: 'duplicate of line 2 (prefix 44): 0.02000000/min here, 0.01000000/min there; line 2 is kept' },
      { line: 10, reason: 'duplicate of line 9 (prefix 1 for United States): 0.01100000/min here, 0.01000000/min there; line 9 is kept' },
      { line: 11, reason: 'prefix 1514 is an area code of Canada, but the line names United States' },
      { line: 12, reason: 'prefix "" is not digits' },
    ]);
  });

  it('counts lines from the one after the header, and defaults the increment to 6 seconds', () => {
    const reading = readCostDeck([{ destination: '', prefix: '49', rate: '0.015', increment: '' }], 5);
    expect(reading.lines).toEqual([{ line: 5, destination: '+49', prefix: '49', region: '', rate: 1_500_000, increment: 6 }]);
  });
});

describe('the deck line that prices a number', () => {
  const deck = [
    { prefix: '1', region: 'US', name: 'USA' },
    { prefix: '1', region: 'CA', name: 'Canada' },
    { prefix: '1514', region: 'CA', name: 'Montreal' },
    { prefix: '44', region: '', name: 'UK' },
    { prefix: '447', region: '', name: 'UK mobile' },
  ];

  it.each([
    ['12125550123', 'US', 'USA'],
    ['16135550123', 'CA', 'Canada'],
    ['15145550123', 'CA', 'Montreal'],
    ['447700900123', null, 'UK mobile'],
    ['442071234567', null, 'UK'],
  ])('%s (%s) → %s', (digits, region, name) => {
    expect(costDeckEntryFor(deck, digits, region)?.name).toBe(name);
  });

  it('prices no number of a region the deck does not name: a Jamaican number takes neither the USA nor Canada', () => {
    expect(costDeckEntryFor(deck, '18765551234', 'JM')).toBeUndefined();
  });

  it('takes a line for every +1 number when no region line fits, and a region line over it at the same length', () => {
    const withNanp = [...deck, { prefix: '1', region: '', name: 'NANP' }];
    expect(costDeckEntryFor(withNanp, '18765551234', 'JM')?.name).toBe('NANP');
    expect(costDeckEntryFor(withNanp, '12125550123', 'US')?.name).toBe('USA');
    expect(costDeckEntryFor([...withNanp].reverse(), '12125550123', 'US')?.name).toBe('USA');
  });

  it('classifies a region line by a number of its region', () => {
    expect(costDeckSampleNumber({ prefix: '1', region: 'CA' })).toMatch(/^1\d{3}$/);
    expect(costDeckSampleNumber({ prefix: '1', region: 'CA' })).not.toBe('1');
    expect(costDeckSampleNumber({ prefix: '1514', region: 'CA' })).toBe('1514');
    expect(costDeckSampleNumber({ prefix: '44', region: '' })).toBe('44');
  });
});

describe('what a message calls a destination', () => {
  it.each([
    ['4930123456', 'Germany (+49)'],
    ['15145550123', 'Canada (+1 514)'],
    ['12125550123', 'United States (+1 212)'],
    ['88212345', '+882'],
  ])('%s → %s', (digits, label) => {
    expect(destinationLabel(digits)).toBe(label);
  });
});

describe('which prices need the cost', () => {
  it('only the markup: a custom rate, a free call or a DID rate is known without it', () => {
    expect(sellRateNeedsCost('markup')).toBe(true);
    for (const rule of ['custom_rate', 'on_net_free', 'inbound_did', 'unanswered', 'zero_seconds'] as const) {
      expect(sellRateNeedsCost(rule)).toBe(false);
    }
  });
});
