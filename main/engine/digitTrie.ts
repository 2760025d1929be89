/**
 * Longest-prefix lookup over digit strings. Rating walks one of these per call
 * instead of slicing the number into candidate prefixes, so a lookup allocates
 * nothing and costs one array access per digit.
 */

interface DigitTrieNode<T> {
  readonly children: (DigitTrieNode<T> | undefined)[];
  value: T | undefined;
}

const ZERO_CODE = 48; // '0'

function newNode<T>(): DigitTrieNode<T> {
  return { children: new Array<DigitTrieNode<T> | undefined>(10).fill(undefined), value: undefined };
}

export class DigitTrie<T> {
  private readonly root: DigitTrieNode<T> = newNode();

  /** Stores `value` at `digits` (digits only), replacing what was there. */
  set(digits: string, value: T): void {
    let node = this.root;
    for (let index = 0; index < digits.length; index += 1) {
      const digit = digits.charCodeAt(index) - ZERO_CODE;
      if (digit < 0 || digit > 9) throw new RangeError(`DigitTrie keys are digits, got "${digits}"`);
      let child = node.children[digit];
      if (child === undefined) {
        child = newNode();
        node.children[digit] = child;
      }
      node = child;
    }
    node.value = value;
  }

  /** The value stored at exactly `digits`, if any. */
  get(digits: string): T | undefined {
    let node: DigitTrieNode<T> | undefined = this.root;
    for (let index = 0; index < digits.length && node !== undefined; index += 1) {
      node = node.children[digits.charCodeAt(index) - ZERO_CODE];
    }
    return node?.value;
  }

  /** The value at the longest stored prefix of `text`; the walk stops at the first non-digit. */
  longestPrefixValue(text: string): T | undefined {
    let node: DigitTrieNode<T> | undefined = this.root;
    let found = node.value;
    for (let index = 0; index < text.length; index += 1) {
      const digit = text.charCodeAt(index) - ZERO_CODE;
      if (digit < 0 || digit > 9) break;
      node = node.children[digit];
      if (node === undefined) break;
      if (node.value !== undefined) found = node.value;
    }
    return found;
  }
}
