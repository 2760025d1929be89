import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rateE8 } from '../../../main/money/units';
import { EngineError, compilePackage, markupRateOf, markupSellRate, matchSellRate } from '../../../main/engine';
import { CANADA, GB, MONTREAL, UK, UK_MOBILE, USA, customRate, makePackage } from './fixtures';

const COST_001 = rateE8(1_000_000);

describe('matchSellRate (price preview and price list)', () => {
  const compiled = compilePackage(makePackage({ customRates: [USA, CANADA, MONTREAL, UK, UK_MOBILE] }));

  it('says which custom rate matched and on which digits', () => {
    expect(matchSellRate(compiled, '5145551234', COST_001)).toEqual({
      sellRate: 500_000,
      rule: 'custom_rate',
      customRateId: 3,
      customRateScope: 'prefix',
      matchedPrefix: '1514',
      freeZone: false,
      destination: { normalized: '15145551234', country: 'CA', nanpRegion: 'CA', countryName: 'Canada' },
    });
    expect(matchSellRate(compiled, '+447700900123', COST_001)).toMatchObject({ customRateId: 5, matchedPrefix: '447' });
    expect(matchSellRate(compiled, '14165551234', COST_001)).toMatchObject({ customRateId: 2, customRateScope: 'canada' });
  });

  it('falls back to the markup with the guide formula', () => {
    expect(matchSellRate(compiled, '33612345678', COST_001)).toMatchObject({
      sellRate: 1_200_000,
      rule: 'markup',
      customRateId: null,
      matchedPrefix: null,
      destination: { country: 'FR' },
    });
  });

  it('never sells below zero, even with a negative fixed markup', () => {
    const discounted = compilePackage(makePackage({ markupFixed: -2_000_000 }));
    expect(matchSellRate(discounted, '33612345678', COST_001).sellRate).toBe(0);
  });
});

describe('compilePackage', () => {
  it('keeps the lowest id when two custom rates claim the same destinations, whatever their order', () => {
    const cheap = customRate(20, 'prefix', '44', 1_000_000);
    const dear = customRate(21, 'prefix', '44', 9_000_000);
    for (const customRates of [[cheap, dear], [dear, cheap]]) {
      const compiled = compilePackage(makePackage({ customRates }));
      expect(matchSellRate(compiled, '442079460000', COST_001).customRateId).toBe(20);
    }
  });

  it('reads country codes case-insensitively and ignores rates that can never match', () => {
    const compiled = compilePackage(
      makePackage({ customRates: [customRate(30, 'country', 'gb', 3_000_000), customRate(31, 'prefix', '4 4', 1)] }),
    );
    expect(matchSellRate(compiled, '442079460000', COST_001).customRateId).toBe(30);
  });

  it('prefers a country rate over the markup only for that country', () => {
    const compiled = compilePackage(makePackage({ customRates: [GB] }));
    expect(matchSellRate(compiled, '442079460000', COST_001).customRateId).toBe(6);
    expect(matchSellRate(compiled, '353112345678', COST_001).rule).toBe('markup');
  });

  it.each([
    ['pulse 0', { pulseSeconds: 0 }],
    ['fractional pulse', { pulseSeconds: 1.5 }],
    ['negative free minutes', { freeMinutes: -1 }],
    ['markup below −100 %', { markupPercent: -1_000_001 }],
  ])('refuses a package with %s', (_name, input) => {
    expect(() => compilePackage(makePackage(input))).toThrow(EngineError);
  });

  it('refuses a negative custom rate', () => {
    const negative = { ...customRate(40, 'prefix', '44', 0), rate: rateE8(-1) };
    expect(() => compilePackage(makePackage({ customRates: [negative] }))).toThrow(/custom rate 40/);
  });
});

describe('markupRateOf (a markup not compiled: list rows, unsaved markups)', () => {
  it('is the guide example: cost 0.01 at 20 % sells at 0.012', () => {
    expect(markupRateOf(makePackage({ markupFixed: 0, markupPercent: 200_000 }), rateE8(1_000_000))).toBe(1_200_000);
  });

  it('equals the compiled package markup for every markup and cost', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5_000_000, max: 5_000_000 }),
        fc.integer({ min: -1_000_000, max: 10_000_000 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        (markupFixed, markupPercent, cost) => {
          const pkg = makePackage({ markupFixed, markupPercent });
          expect(markupRateOf(pkg, rateE8(cost))).toBe(markupSellRate(compilePackage(pkg), rateE8(cost)));
        },
      ),
    );
  });
});
