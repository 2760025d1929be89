import { describe, expect, it } from 'vitest';
import { dateField, listField, moneyField, routeField, scaledField, text, wholeField } from '../../../main/sync/pull/wire';

describe('reading the provider\u2019s replies leniently', () => {
  it('a list field: missing under a no_* status is empty, an object is one record, non-records are dropped', () => {
    expect(listField({ status: 'no_client' }, 'clients')).toEqual([]);
    expect(listField({ status: 'success', clients: { client: '561115' } }, 'clients')).toEqual([{ client: '561115' }]);
    expect(listField({ status: 'success', clients: [{ client: '1' }, 'junk', null, { client: '2' }] }, 'clients')).toEqual([{ client: '1' }, { client: '2' }]);
  });

  it('numbers as strings or bare, decimals half-up, blanks and junk fall back', () => {
    expect(text(' 561115 ')).toBe('561115');
    expect(text(561115)).toBe('561115');
    expect(text(null)).toBe('');
    expect(moneyField('0.00900000')).toBe(9_000);
    expect(moneyField('0.0000005')).toBe(1);
    expect(moneyField('-1.25')).toBe(-1_250_000);
    expect(moneyField(8.0588)).toBe(8_058_800);
    expect(moneyField('')).toBe(0);
    expect(moneyField('n/a')).toBe(0);
    expect(scaledField('0.01', 8)).toBe(1_000_000);
    expect(scaledField('50', 4)).toBe(500_000);
    expect(wholeField('60', 1)).toBe(60);
    expect(wholeField('60.000', 1)).toBe(60);
    expect(wholeField('6.5', 1)).toBe(1);
  });

  it('routes: 1 = Value, 2 = Premium; 0000-00-00 is no date', () => {
    expect(routeField('1')).toBe('value');
    expect(routeField(2)).toBe('premium');
    expect(dateField('2026-12-01')).toBe('2026-12-01');
    expect(dateField('2014-07-30 15:09:04')).toBe('2014-07-30');
    expect(dateField('0000-00-00')).toBeNull();
    expect(dateField('')).toBeNull();
  });
});
