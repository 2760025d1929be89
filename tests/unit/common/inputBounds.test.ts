import { describe, expect, it } from 'vitest';
import { channelNames, contract } from '../../../preload/contract';

/**
 * Issue 9, "unbounded strings: every string field has a length limit (a sub account IP took
 * 100,000 characters)". Read from the contract's zod schemas themselves, so a field added
 * later without a limit fails here, not in a reseller's database: every string a caller
 * can send (the input side of every pipe, every union option, array element and object
 * field) carries a maximum length, and so does every array.
 */
interface Def {
  type: string;
  [key: string]: unknown;
}
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const hasMaxLength = (def: Def): boolean =>
  ((def.checks as { _zod: { def: { check: string } } }[] | undefined) ?? []).some((check) => ['max_length', 'length_equals'].includes(check._zod.def.check));

/** Paths (channel.field.…) of the strings and arrays a caller can send without a length limit. */
function unbounded(schema: unknown, path: string, found: string[]): void {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      if (!hasMaxLength(def)) found.push(`${path} (string)`);
      return;
    case 'array':
      if (!hasMaxLength(def)) found.push(`${path} (array)`);
      unbounded(def.element, `${path}[]`, found);
      return;
    case 'object':
      for (const [key, field] of Object.entries(def.shape as Record<string, unknown>)) unbounded(field, `${path}.${key}`, found);
      return;
    case 'union':
      for (const option of def.options as unknown[]) unbounded(option, path, found);
      return;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      unbounded(def.innerType, path, found);
      return;
    case 'pipe':
      // What the caller sends is the pipe's input side; a transform's output is not sent.
      unbounded(defOf(def.in).type === 'transform' ? def.out : def.in, path, found);
      return;
    case 'record':
      found.push(`${path} (record: unbounded keys)`);
      return;
    default:
      return;
  }
}

describe('every input a caller sends is bounded', () => {
  it('every string and every array of every channel input has a maximum length', () => {
    const found: string[] = [];
    for (const name of channelNames) unbounded(contract[name].input, name, found);
    expect(found).toEqual([]);
  });

  it('the walk sees the fields (a sub account IP is a bounded string)', () => {
    const strings: string[] = [];
    const probe = (schema: unknown, path: string): void => {
      const def = defOf(schema);
      if (def.type === 'object') for (const [key, field] of Object.entries(def.shape as Record<string, unknown>)) probe(field, `${path}.${key}`);
      else if (['optional', 'nullable', 'default', 'prefault'].includes(def.type)) probe(def.innerType, path);
      else if (def.type === 'pipe') probe(defOf(def.in).type === 'transform' ? def.out : def.in, path);
      else if (def.type === 'string' && hasMaxLength(def)) strings.push(path);
    };
    probe(contract['subaccounts.create'].input, 'subaccounts.create');
    expect(strings).toContain('subaccounts.create.ip');
  });
});
