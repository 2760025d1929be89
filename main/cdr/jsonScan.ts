/**
 * Finds where a JSON value ends inside a growing text buffer, without parsing it, so a
 * response of a million CDRs can be cut into one object at a time (no streaming JSON
 * library is installed). Strings are skipped with indexOf, honouring escaped quotes, so
 * braces and brackets inside caller IDs or descriptions never change the depth.
 */

/** The buffer ends before the value does: read more input and scan again. */
export const INCOMPLETE = -1;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

export function isJsonWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** Index just past the string opening at `start` (a '"'), or INCOMPLETE. */
export function scanStringEnd(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return INCOMPLETE;
    let backslashes = 0;
    for (let i = quote - 1; text.charCodeAt(i) === BACKSLASH; i--) backslashes++;
    // An odd run of backslashes escapes the quote: "a\"b" and "a\\\"b" go on, "a\\" ends.
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

export interface ScanResult {
  /** Index just past the value, or INCOMPLETE. */
  end: number;
  /** The value holds a number outside any string (the API sends some numbers bare). */
  hasBareNumber: boolean;
}

/**
 * Index just past the value starting at `start` (not whitespace). `atEnd` says no more input
 * will come, so a number or literal running to the end of the buffer is complete.
 * Brackets are only counted, not matched: JSON.parse of the slice catches malformed values.
 */
export function scanValueEnd(text: string, start: number, atEnd: boolean, result: ScanResult): ScanResult {
  result.hasBareNumber = false;
  const first = text.charCodeAt(start);
  if (first === QUOTE) {
    result.end = scanStringEnd(text, start);
    return result;
  }
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    result.hasBareNumber = first === MINUS || (first >= DIGIT_0 && first <= DIGIT_9);
    result.end = scanPrimitiveEnd(text, start, atEnd);
    return result;
  }
  let depth = 0;
  const length = text.length;
  for (let i = start; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const end = scanStringEnd(text, i);
      if (end === INCOMPLETE) break;
      i = end - 1;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth++;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) {
        result.end = i + 1;
        return result;
      }
    } else if (code === MINUS || (code >= DIGIT_0 && code <= DIGIT_9)) {
      result.hasBareNumber = true;
    }
  }
  result.end = INCOMPLETE;
  return result;
}

function scanPrimitiveEnd(text: string, start: number, atEnd: boolean): number {
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || code === COLON || isJsonWhitespace(code)) {
      return i;
    }
  }
  return atEnd ? text.length : INCOMPLETE;
}

function isNumberChar(code: number): boolean {
  // digits, '-', '+', '.', 'e', 'E'
  return (code >= DIGIT_0 && code <= DIGIT_9) || code === MINUS || code === 0x2b || code === 0x2e || code === 0x65 || code === 0x45;
}

/**
 * Puts quotes around bare numbers of a complete JSON value, so JSON.parse keeps their exact
 * text: a `uniqueid` past 2^53 or a `total` of 0.00090000 must not go through a float.
 */
export function quoteBareNumbers(json: string): string {
  let out = '';
  let copiedUpTo = 0;
  let i = 0;
  while (i < json.length) {
    const code = json.charCodeAt(i);
    if (code === QUOTE) {
      const end = scanStringEnd(json, i);
      i = end === INCOMPLETE ? json.length : end;
    } else if (code === MINUS || (code >= DIGIT_0 && code <= DIGIT_9)) {
      let end = i + 1;
      while (end < json.length && isNumberChar(json.charCodeAt(end))) end++;
      out += `${json.slice(copiedUpTo, i)}"${json.slice(i, end)}"`;
      copiedUpTo = end;
      i = end;
    } else {
      i++;
    }
  }
  return out + json.slice(copiedUpTo);
}
