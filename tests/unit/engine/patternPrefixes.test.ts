import { describe, expect, it } from 'vitest';
import { patternPrefixes } from '../../../main/engine/patternPrefixes';

describe('patternPrefixes (libphonenumber digit patterns → prefixes)', () => {
  it.each([
    ['7', ['7']],
    ['[3489]', ['3', '4', '8', '9']],
    ['658|876', ['658', '876']],
    ['8001|8[024]9', ['8001', '809', '829', '849']],
    ['74576|(?:16|7[56])24', ['1624', '74576', '7524', '7624']],
    ['1481[25-9]\\d{5}', ['14812', '14815', '14816', '14817', '14818', '14819']],
    ['7(?:0[1-2])?5', ['7015', '7025', '75']],
    ['5[01]{2}', ['500', '501', '510', '511']],
    ['(?:2|22)3', ['223', '23']],
    ['9\\d{2,4}1', ['9']],
  ])('%s → %j', (pattern, expected) => {
    expect(patternPrefixes(pattern)).toEqual(expected);
  });

  it('drops prefixes a shorter one covers', () => {
    expect(patternPrefixes('44|447|4478')).toEqual(['44']);
  });

  it('gives the empty prefix when any number matches', () => {
    expect(patternPrefixes('\\d{3}')).toEqual(['']);
  });

  it('refuses syntax it does not understand instead of guessing', () => {
    expect(patternPrefixes('7(?=1)')).toBeNull();
    expect(patternPrefixes('[a-z]')).toBeNull();
    expect(patternPrefixes('(12')).toBeNull();
    expect(patternPrefixes('12)')).toBeNull();
  });
});
