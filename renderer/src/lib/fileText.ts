/**
 * Turns the slices of a file the window reads (File.slice → ArrayBuffer) into text, in
 * order, for a CDR import. The provider's exports and spreadsheet tools write UTF-8 (with
 * or without a BOM) or UTF-16 with a BOM: the encoding is taken from the first bytes, as
 * main does for a file read from disk, and one streaming TextDecoder decodes every slice,
 * so a character cut by a slice boundary (a UTF-8 sequence, a UTF-16 code unit or a
 * surrogate pair) arrives whole in the next piece.
 */
export type FileEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The encoding named by a byte order mark, else UTF-8. */
export function encodingOf(head: Uint8Array): FileEncoding {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** The longest byte order mark (UTF-8's three bytes): fewer than this cannot be told apart yet. */
const BOM_BYTES = 3;

export interface SliceDecoder {
  /** The text of the next slice (`last`: no slice follows, so nothing is held back). */
  decode(slice: ArrayBuffer | Uint8Array, last: boolean): string;
  /** Known once the first bytes were seen. */
  readonly encoding: FileEncoding | null;
}

export function sliceDecoder(): SliceDecoder {
  let decoder: TextDecoder | null = null;
  let encoding: FileEncoding | null = null;
  // A first slice too short to hold a BOM waits for the next (only ever a tiny slice).
  let held: Uint8Array | null = null;
  return {
    get encoding() {
      return encoding;
    },
    decode(slice, last) {
      let bytes = slice instanceof Uint8Array ? slice : new Uint8Array(slice);
      if (decoder === null) {
        if (held) {
          const joined = new Uint8Array(held.length + bytes.length);
          joined.set(held);
          joined.set(bytes, held.length);
          bytes = joined;
          held = null;
        }
        if (bytes.length < BOM_BYTES && !last) {
          held = bytes;
          return '';
        }
        encoding = encodingOf(bytes);
        // ignoreBOM false: the decoder drops the BOM of its own encoding, once, at the start.
        decoder = new TextDecoder(encoding);
      }
      return decoder.decode(bytes, { stream: !last });
    },
  };
}
