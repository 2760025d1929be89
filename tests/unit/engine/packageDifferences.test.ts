import { describe, expect, it } from 'vitest';
import { packageDifferences, PACKAGE_TERMS, type PackageTerms } from '../../../main/engine/packageDifferences';

const basic: PackageTerms = {
  markupFixedE8: 500_000,
  markupPercentE4: 200_000,
  pulseSeconds: 60,
  internationalRoute: 'value',
  canadaRoute: 'value',
  monthlyFeeMicros: 10_000_000,
  setupFeeMicros: 5_000_000,
  freeMinutes: 0,
};

describe('a package against the provider\u2019s', () => {
  it('the same terms: no difference', () => {
    expect(packageDifferences(basic, { ...basic })).toEqual([]);
  });

  it.each([
    ['markupFixedE8', { markupFixedE8: 500_001 }],
    ['markupPercentE4', { markupPercentE4: 0 }],
    ['pulseSeconds', { pulseSeconds: 6 }],
    ['internationalRoute', { internationalRoute: 'premium' as const }],
    ['canadaRoute', { canadaRoute: 'premium' as const }],
    ['monthlyFeeMicros', { monthlyFeeMicros: 0 }],
    ['setupFeeMicros', { setupFeeMicros: 1 }],
    ['freeMinutes', { freeMinutes: 100 }],
  ])('%s differs alone', (term, change) => {
    expect(packageDifferences(basic, { ...basic, ...change })).toEqual([term]);
  });

  it('several differences come in the page\u2019s order, named by the provider\u2019s fields', () => {
    expect(packageDifferences(basic, { ...basic, freeMinutes: 10, markupFixedE8: 0, canadaRoute: 'premium' })).toEqual(['markupFixedE8', 'canadaRoute', 'freeMinutes']);
    expect(PACKAGE_TERMS.map((term) => term.providerField)).toEqual([
      'markup_fixed',
      'markup_percentage',
      'pulse',
      'international_route',
      'canada_route',
      'monthly_fee',
      'setup_fee',
      'free_minutes',
    ]);
  });
});
