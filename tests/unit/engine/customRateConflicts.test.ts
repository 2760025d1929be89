import { describe, expect, it } from 'vitest';
import { rateE8 } from '../../../main/money/units';
import { findCustomRateConflicts } from '../../../main/engine';
import { CANADA, GB, MONTREAL, UK, UK_MOBILE, USA, customRate } from './fixtures';

describe('findCustomRateConflicts', () => {
  it('accepts a clean set of rates', () => {
    expect(findCustomRateConflicts([USA, CANADA, MONTREAL, UK_MOBILE, GB])).toEqual([]);
  });

  it('reports two rates for the same calling code', () => {
    const conflicts = findCustomRateConflicts([UK, customRate(14, 'prefix', '44', 1)]);
    expect(conflicts).toEqual([
      expect.objectContaining({ code: 'duplicate_destination', customRateIds: [4, 14] }),
    ]);
    expect(conflicts[0]?.message).toMatch(/calling-code rate 44/);
  });

  it('reports two USA rates, and a country US next to the USA rate', () => {
    expect(findCustomRateConflicts([USA, customRate(15, 'usa', '', 1)])).toEqual([
      expect.objectContaining({ code: 'duplicate_destination', customRateIds: [1, 15] }),
    ]);
    expect(findCustomRateConflicts([USA, customRate(16, 'country', 'US', 1)])).toEqual([
      expect.objectContaining({ code: 'duplicate_destination', customRateIds: [1, 16] }),
    ]);
  });

  it('reports two rates for country GB, however the code is written', () => {
    expect(findCustomRateConflicts([GB, customRate(17, 'country', 'gb', 1)])).toEqual([
      expect.objectContaining({ code: 'duplicate_destination', customRateIds: [6, 17] }),
    ]);
  });

  it.each(['+44', '44 7', '4a', ''])('reports the calling code %j', (value) => {
    expect(findCustomRateConflicts([customRate(18, 'prefix', value, 1)])).toEqual([
      expect.objectContaining({ code: 'invalid_prefix', customRateIds: [18] }),
    ]);
  });

  it.each(['XX', 'UK', 'GBR', '', '12'])('reports the unknown country %j', (value) => {
    const [conflict] = findCustomRateConflicts([customRate(19, 'country', value, 1)]);
    expect(conflict).toMatchObject({ code: 'unknown_country', customRateIds: [19] });
  });

  it('reports a country libphonenumber cannot tell apart from its neighbour', () => {
    // Western Sahara shares +212 with Morocco and has no numbers of its own in the metadata.
    expect(findCustomRateConflicts([customRate(20, 'country', 'EH', 1)])).toEqual([
      expect.objectContaining({ code: 'indistinguishable_country', customRateIds: [20] }),
    ]);
  });

  it('reports a value on the USA or Canada rate', () => {
    expect(findCustomRateConflicts([customRate(21, 'canada', 'QC', 1)])).toEqual([
      expect.objectContaining({ code: 'unexpected_value', customRateIds: [21] }),
    ]);
  });

  it('reports a country rate that a calling-code rate always beats', () => {
    expect(findCustomRateConflicts([GB, UK])).toEqual([
      expect.objectContaining({ code: 'shadowed_country', customRateIds: [4, 6] }),
    ]);
  });

  it('reports a negative rate', () => {
    const negative = { ...customRate(22, 'prefix', '33', 0), rate: rateE8(-1) };
    expect(findCustomRateConflicts([negative])).toEqual([
      expect.objectContaining({ code: 'invalid_rate', customRateIds: [22] }),
    ]);
  });
});
