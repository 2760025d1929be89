import { describe, expect, it } from 'vitest';
import { isNanpWithoutCountryCode, normalizePhoneNumber, stripPhoneFormatting } from '../../../preload/common/phone';
import { normalizeDestination } from '../../../main/engine';
import { canonicalDid } from '../../../main/services/dids';

describe('stripPhoneFormatting', () => {
  it.each([
    ['+1 (514) 555-1234', '+15145551234'],
    ['+49 30.123 456', '+4930123456'],
    ['15145551234', '15145551234'],
    ['*97', '*97'],
  ])('%j → %j', (raw, stripped) => expect(stripPhoneFormatting(raw)).toBe(stripped));
});

describe('isNanpWithoutCountryCode: NPA-NXX-XXXX, both starting 2-9', () => {
  it.each([
    ['5145551234', true],
    ['8765551234', true],
    ['4930123456', false], // exchange 012: +49 30 123456 without its '+'
    ['1145551234', false], // area codes never start with 1
    ['514555123', false],
    ['51455512345', false],
  ])('%j → %j', (digits, nanp) => expect(isNanpWithoutCountryCode(digits)).toBe(nanp));
});

describe('normalizePhoneNumber is the engine normaliser', () => {
  it.each([
    ['+49 30 123456', '4930123456'],
    ['4930123456', '4930123456'],
    ['514 555 1234', '15145551234'],
    ['011 49 30 123456', '4930123456'],
    ['0049 30 123456', '4930123456'],
    ['+5145551234', '5145551234'],
  ])('%j → %j', (raw, normalized) => {
    expect(normalizePhoneNumber(raw)).toBe(normalized);
    expect(normalizeDestination(raw)).toBe(normalized);
  });
});

describe('canonicalDid goes through the same normaliser', () => {
  it.each([
    ['5145550101', '15145550101'],
    ['15145550101', '15145550101'],
    ['+15145550101', '15145550101'],
    ['+1 514 555 0101', '15145550101'],
    ['+5145550101', '15145550101'], // a DID is the provider's NANP number: the '+' is stray
    ['+447700900123', '447700900123'],
    ['011447700900123', '447700900123'],
  ])('%j → %j', (raw, did) => expect(canonicalDid(raw)).toBe(did));
});
