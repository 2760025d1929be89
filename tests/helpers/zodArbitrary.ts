import fc from 'fast-check';
import type { z } from 'zod';

/**
 * A fast-check arbitrary for any input schema of the contract, read from the zod
 * schema itself (zod 4's `_zod.def`), so a new channel or field is fuzzed without a
 * test of its own. Each node mixes:
 *   - values the schema accepts (its enums, literals, lengths, number bounds, patterns),
 *     helped by the field's name (an id that exists, a date, an amount, a phone number);
 *   - boundaries (min, max, one past each);
 *   - hostile values: wrong types, NaN, -0, ±1e308, ±Infinity, unsafe integers, huge and
 *     odd unicode strings, objects with `__proto__` / `constructor` keys.
 */

interface Def {
  type: string;
  [key: string]: unknown;
}
interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
}

type Schema = z.ZodType;
type Arb = fc.Arbitrary<unknown>;

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def): CheckDef[] => ((def.checks as { _zod: { def: CheckDef } }[] | undefined) ?? []).map((check) => check._zod.def);

/** An object with an own `__proto__` key, as JSON.parse makes it (a literal would set the prototype). */
const protoObject = (value: unknown): Record<string, unknown> => JSON.parse(`{"__proto__": ${JSON.stringify(value)}}`) as Record<string, unknown>;

const HUGE = 'x'.repeat(100_000);
const ODD_STRINGS = ['', ' ', '\u0000', '\t\n', '\u00a0', '\ufeff1', '\u202e1', '𝟘𝟙', '١٢', '😀', 'é'.normalize('NFD'), '<script>', "'; drop table clients; --", '%s%n', '../../etc/passwd', '__proto__', 'constructor', 'NaN', 'Infinity', '1e308', '-0', '0x10', '1e1', ' 12.50 ', '12,50', '-1', '9007199254740993', '9007199254.740991'];

export const hostile: Arb = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, true, false, 0, -0, -1, 1.5, Number.NaN, Infinity, -Infinity, 1e308, -1e308, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER - 2, 2 ** 31, [], {}, [1], [null]),
  fc.constantFrom<unknown>(...ODD_STRINGS),
  fc.constant(HUGE),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom<unknown>(protoObject({ polluted: true }), { constructor: { prototype: { polluted: true } } }, { toString: 1, valueOf: 2 }),
);

const intBetween = (min: number, max: number): fc.Arbitrary<number> => fc.integer({ min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(max, Number.MAX_SAFE_INTEGER) });

/** Mostly realistic, sometimes odd: the values a field of this name takes. */
const usually = (valid: Arb, odd: Arb): Arb => fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: odd });
const decimalText = (maxWhole: number, decimals: number): fc.Arbitrary<string> =>
  fc
    .tuple(fc.integer({ min: 0, max: maxWhole }), fc.integer({ min: 0, max: 10 ** decimals - 1 }), fc.boolean())
    .map(([whole, fraction, plain]) => (plain ? String(whole) : `${whole}.${String(fraction).padStart(decimals, '0')}`));

/** Realistic values by field name: ids that the fixtures made, dates near the fixed clock, amounts, numbers. */
function hintFor(key: string | undefined): Arb | undefined {
  if (key === undefined) return undefined;
  const lower = key.toLowerCase();
  // The fixtures make 2 packages, 3 clients, 2 DIDs, 1 sub account: small ids hit them often.
  if (lower === 'id' || lower.endsWith('id')) return usually(fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 8 })), fc.integer({ min: 9, max: 40 }));
  if (lower.includes('date') || lower === 'from' || lower === 'to') {
    return usually(
      fc.date({ min: new Date('2026-09-01T00:00:00Z'), max: new Date('2027-03-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
      fc.constantFrom('2026-02-29', '2026-13-01', '0000-01-01', '2028-02-29', '2026-11-31', '9999-12-31', '2027-11-26'),
    );
  }
  if (lower.includes('percent')) return usually(decimalText(100, 2), fc.constantFrom('1000', '1000.0001', '-5', '1e2', '', '0x10'));
  if (/rate|markupfixed/.test(lower) && lower !== 'rates') return usually(decimalText(1, 4), fc.constantFrom('100', '100.00000001', '0.000000001', '-0.01', '1e-2', ''));
  if (/amount|fee|threshold/.test(lower)) {
    // The largest amounts often: a balance or a total must never leave the exact range.
    return fc.oneof(
      { weight: 4, arbitrary: fc.oneof(decimalText(500, 2), fc.constantFrom('0.000001', '1000000', '999999.99')) },
      { weight: 2, arbitrary: fc.constantFrom('9007199254.740991', '9007199254.740990', '4503599627.370496', '1000000.000001', '999999999.999999') },
      { weight: 1, arbitrary: fc.constantFrom('0', '-5', '', '1e3', '0x1f', ' 12.50 ', '12,50', '\u00a012', '-0') },
    );
  }
  // The fixtures' DIDs (one assigned, one free) first.
  if (lower === 'number') return usually(fc.constantFrom('15145550101', '+1 514 555 0100', '15145550177'), fc.constantFrom('123', '+', '0000000000', '', '+1 (514) 555-01-01'));
  if (lower === 'destination' || lower === 'calleridoverride') {
    return fc.constantFrom('15145551234', '+1 514 555 0100', '447700900123', '+33612345678', '12125550100', '15145550100', '15145550101', '15145550177', '123', '+', '0000000000', '');
  }
  if (lower === 'seconds' || lower === 'pulseseconds' || lower === 'freeminutes') return usually(fc.oneof(fc.integer({ min: 1, max: 3600 }), fc.constantFrom(60, 6, 1)), fc.constantFrom('60', 0, '0', 86_400, '86401', 1_000_001));
  if (lower === 'username') return usually(fc.stringMatching(/^[a-z]{2,10}[0-9]{0,3}$/), fc.constantFrom('alice1', 'a'.repeat(32), 'a'.repeat(33), 'Alice-1', ''));
  if (lower === 'password') return usually(fc.constantFrom('', 'abcd1234', 'Secret99x'), fc.constantFrom('short1', 'nodigitsatall', 'a1'.repeat(40)));
  if (lower === 'email' || lower === 'lowbalanceemail') {
    const email = fc.tuple(fc.stringMatching(/^[a-z]{1,10}$/), fc.integer({ min: 0, max: 9999 })).map(([local, n]) => `${local}${n}@example.com`);
    return usually(lower === 'email' ? email : fc.oneof(fc.constant(''), email), fc.constantFrom('alice@example.com', 'A@B.CO', '', 'not an email', '@', 'a@b'));
  }
  if (lower === 'firstname' || lower === 'lastname' || lower === 'name' || lower === 'company') {
    return usually(fc.oneof(fc.constantFrom('Dana', 'Éloïse', "O'Brien", 'Zoë Ltd', '李', 'x'), fc.string({ minLength: 1, maxLength: 20 })), fc.constantFrom('', ' ', 'a'.repeat(101)));
  }
  if (lower === 'ip') return usually(fc.oneof(fc.ipV4(), fc.constant('')), fc.constantFrom('256.1.1.1', 'sip.example.com', '1.2.3'));
  if (lower === 'csv') {
    return fc.constantFrom('destination,prefix,rate,increment\nCanada,1,0.0100,6\nUK,44,0.0200,60', 'destination,prefix,rate,increment\nX,9,1e-2,1e1', 'prefix,rate\n33,0.05', 'no,header\n\u0000');
  }
  if (lower === 'text') {
    return fc.constantFrom(
      '15145550102\n15145550103\n+447700900124',
      'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid\n2026-11-20 10:00:00,5145550100,15145551234,Outgoing,100000_alice1,ANSWERED,00:01:00,60,0.01,0.01,9001\n',
      '2026-11-20 10:00:00,5145550100,15145551234,Outgoing,100000_alice1,ANSWERED,00:01:00,60,0.01,0.01,9002\n',
      '[{"date":"2026-11-21 10:00:00","destination":"15145551234","account":"100000_alice1","disposition":"ANSWERED","seconds":"30","rate":"0.01","total":"0.005","uniqueid":"9003"}]',
      // The provider's numbers at their extremes: a rate and a length no call has.
      'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid\n2026-11-22 10:00:00,5145550100,15145551234,Outgoing,100000_alice1,ANSWERED,00:01:00,999999999,99999999.99999999,9007199254.740991,9004\n',
      'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid\n2026-11-22 11:00:00,5145550100,15145550100,Inbound DID,100000_alice1,ANSWERED,00:01:00,86400,1e308,-1,9005\n',
      '',
    );
  }
  return undefined;
}

function stringArb(def: Def, key: string | undefined): Arb {
  const checks = checksOf(def);
  let min = 0;
  let max = 40;
  const patterns: RegExp[] = [];
  for (const check of checks) {
    if (check.check === 'min_length' && check.minimum !== undefined) min = check.minimum;
    if (check.check === 'max_length' && check.maximum !== undefined) max = Math.min(max, check.maximum);
    if (check.check === 'string_format' && check.pattern instanceof RegExp) patterns.push(check.pattern);
  }
  const declaredMax = checks.find((check) => check.check === 'max_length')?.maximum;
  const options: fc.WeightedArbitrary<unknown>[] = [
    { weight: 3, arbitrary: fc.string({ minLength: Math.min(min, max), maxLength: Math.max(min, max) }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  ];
  if (def.format === 'email') options.push({ weight: 4, arbitrary: fc.emailAddress() });
  for (const pattern of patterns) options.push({ weight: 4, arbitrary: fc.stringMatching(pattern) });
  if (declaredMax !== undefined && declaredMax <= 5000) options.push({ weight: 1, arbitrary: fc.constantFrom('a'.repeat(declaredMax), 'a'.repeat(declaredMax + 1)) });
  const hint = hintFor(key);
  return hint ? fc.oneof({ weight: 20, arbitrary: hint }, ...options) : fc.oneof(...options);
}

function numberArb(def: Def, key: string | undefined): Arb {
  let min = -1e6;
  let max = 1e6;
  let integer = false;
  for (const check of checksOf(def)) {
    if (check.check === 'number_format') integer = true;
    if (check.check === 'greater_than' && check.value !== undefined) min = check.inclusive ? check.value : check.value + (integer ? 1 : Number.EPSILON);
    if (check.check === 'less_than' && check.value !== undefined) max = check.inclusive ? check.value : check.value - 1;
  }
  const lo = Math.max(min, -1e6);
  const hi = Math.min(max, 1e7);
  const inRange = intBetween(Math.ceil(lo), Math.floor(Math.max(lo, hi)));
  const boundaries = fc.constantFrom<unknown>(min, max, min - 1, max + 1, 0);
  const options: fc.WeightedArbitrary<unknown>[] = [
    { weight: 4, arbitrary: inRange },
    { weight: 1, arbitrary: boundaries },
  ];
  if (!integer) options.push({ weight: 1, arbitrary: fc.double({ min: lo, max: hi, noNaN: true }) });
  const hint = hintFor(key);
  return hint ? fc.oneof({ weight: 20, arbitrary: hint }, ...options) : fc.oneof(...options);
}

function objectArb(def: Def): Arb {
  const shape = def.shape as Record<string, Schema>;
  const keys = Object.keys(shape);
  const fields: Record<string, Arb> = {};
  for (const key of keys) fields[key] = arbitraryFor(shape[key]!, key, FIELD_HOSTILE_WEIGHT);
  // Keys the schema needs: the others are left out half the time (an update that sends one field).
  const OPTIONAL = new Set(['optional', 'default', 'prefault']);
  const requiredKeys = keys.filter((key) => !OPTIONAL.has(defOf(shape[key]).type));
  const record = fc.record(fields, { requiredKeys }).chain((value) =>
    // Usually every required field is there (so the input can pass); sometimes an extra key.
    fc.oneof(
      { weight: 12, arbitrary: fc.constant(value) },
      {
        weight: 1,
        arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra').map((extra) => {
          const copy: Record<string, unknown> = { ...value };
          Object.defineProperty(copy, extra, { value: { polluted: true }, enumerable: true, configurable: true, writable: true });
          return copy;
        }),
      },
    ),
  );
  const full = fc.record(fields);
  const optionalKeys = keys.filter((key) => !requiredKeys.includes(key));
  if (optionalKeys.length === 0) return fc.oneof({ weight: 1, arbitrary: full }, { weight: 1, arbitrary: record });
  // What an edit form sends most: the keys it must, and the one field that changed.
  const oneField = fc.constantFrom(...optionalKeys).chain((changed) => {
    const picked: Record<string, Arb> = {};
    for (const key of [...requiredKeys, changed]) picked[key] = fields[key]!;
    return fc.record(picked);
  });
  return fc.oneof({ weight: 1, arbitrary: full }, { weight: 1, arbitrary: record }, { weight: 1, arbitrary: oneField });
}

function baseArb(schema: Schema, key: string | undefined): Arb {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return stringArb(def, key);
    case 'number':
      return numberArb(def, key);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string | number>));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'array': {
      const element = arbitraryFor(def.element as Schema, key, FIELD_HOSTILE_WEIGHT);
      return fc.array(element, { maxLength: 4 });
    }
    case 'object':
      return objectArb(def);
    case 'union':
      return fc.oneof(...(def.options as Schema[]).map((option) => baseArb(option, key)));
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 4, arbitrary: baseArb(def.innerType as Schema, key) });
    case 'nullable':
      return fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 4, arbitrary: baseArb(def.innerType as Schema, key) });
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return baseArb(def.innerType as Schema, key);
    case 'pipe':
      // What the caller sends is the pipe's input side; a transform's output is not sent.
      return defOf(def.in).type === 'transform' ? baseArb(def.out as Schema, key) : baseArb(def.in as Schema, key);
    case 'transform':
    case 'unknown':
    case 'any':
      return fc.oneof(fc.string({ maxLength: 10 }), fc.integer());
    case 'never':
      return fc.constant(undefined);
    default:
      throw new Error(`zodArbitrary: no generator for zod type "${def.type}" (add one)`);
  }
}

/** Out of 100: how often a whole input is hostile, and how often one field of it is. */
const TOP_HOSTILE_WEIGHT = 8;
const FIELD_HOSTILE_WEIGHT = 3;

/** Inputs for a schema: mostly well-formed (often valid), some hostile, at every level. */
export function arbitraryFor(schema: Schema, key?: string, hostileWeight = TOP_HOSTILE_WEIGHT): Arb {
  return fc.oneof({ weight: 100 - hostileWeight, arbitrary: baseArb(schema, key) }, { weight: hostileWeight, arbitrary: hostile });
}
