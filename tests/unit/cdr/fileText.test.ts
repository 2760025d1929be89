import { describe, expect, it } from 'vitest';
import { encodingOf, sliceDecoder } from '../../../renderer/src/lib/fileText';

const TEXT = 'date,callerid\n2026-11-26 10:00:00,"Zoë 日本 🎉" <5145550100>\n';

function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    const [first, second] = order === 'le' ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff];
    bytes[2 + index * 2] = first;
    bytes[3 + index * 2] = second;
  }
  return bytes;
}

const utf8 = (text: string, bom = false): Uint8Array => {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const bytes = new Uint8Array(body.length + 3);
  bytes.set([0xef, 0xbb, 0xbf]);
  bytes.set(body, 3);
  return bytes;
};

/** The file cut into slices of `size` bytes, decoded as the window does. */
function decodeInSlices(bytes: Uint8Array, size: number): { text: string; encoding: string | null } {
  const decoder = sliceDecoder();
  let text = '';
  for (let offset = 0; ; offset += size) {
    const last = offset + size >= bytes.length;
    text += decoder.decode(bytes.slice(offset, offset + size), last);
    if (last) return { text, encoding: decoder.encoding };
  }
}

describe('the window decodes file slices', () => {
  it.each([
    ['UTF-8 without a BOM', utf8(TEXT), 'utf-8'],
    ['UTF-8 with a BOM', utf8(TEXT, true), 'utf-8'],
    ['UTF-16LE with a BOM', utf16(TEXT, 'le'), 'utf-16le'],
    ['UTF-16BE with a BOM', utf16(TEXT, 'be'), 'utf-16be'],
  ])('%s: the same text whatever the slice size, the BOM dropped', (_name, bytes, encoding) => {
    for (const size of [1, 2, 3, 5, 7, 64, bytes.length, bytes.length + 10]) {
      expect(decodeInSlices(bytes, size)).toEqual({ text: TEXT, encoding });
    }
  });

  it('keeps a surrogate pair cut between two UTF-16 slices', () => {
    const bytes = utf16('a🎉b', 'le');
    // BOM (2) + 'a' (2) + the high surrogate (2) | the low surrogate (2) + 'b' (2).
    const decoder = sliceDecoder();
    const first = decoder.decode(bytes.slice(0, 6), false);
    const second = decoder.decode(bytes.slice(6), true);
    expect(first).toBe('a');
    expect(second).toBe('🎉b');
    // Cut inside a code unit too.
    expect(decodeInSlices(bytes, 5).text).toBe('a🎉b');
  });

  it('keeps a UTF-8 character cut between two slices', () => {
    const bytes = utf8('日🎉');
    const decoder = sliceDecoder();
    expect(decoder.decode(bytes.slice(0, 2), false) + decoder.decode(bytes.slice(2, 5), false) + decoder.decode(bytes.slice(5), true)).toBe('日🎉');
  });

  it('takes the encoding from the byte order mark only', () => {
    expect(encodingOf(new Uint8Array([0xff, 0xfe, 0x41, 0]))).toBe('utf-16le');
    expect(encodingOf(new Uint8Array([0xfe, 0xff, 0, 0x41]))).toBe('utf-16be');
    expect(encodingOf(new Uint8Array([0xef, 0xbb, 0xbf]))).toBe('utf-8');
    expect(encodingOf(new Uint8Array([0x64, 0x61]))).toBe('utf-8');
    expect(encodingOf(new Uint8Array([]))).toBe('utf-8');
  });

  it('decodes an empty file to nothing', () => {
    expect(sliceDecoder().decode(new Uint8Array(), true)).toBe('');
  });
});
