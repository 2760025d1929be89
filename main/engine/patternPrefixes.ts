/**
 * Turns a libphonenumber-js digit pattern ("74576|(?:16|7[56])24", "1481[25-9]\d{5}")
 * into the list of digit prefixes it starts with, so destinations can be classified
 * with a prefix lookup instead of running regular expressions for every call.
 *
 * Only the small regex subset the metadata uses is understood: digits, `\d`,
 * character classes, groups, `|`, and the quantifiers `?` and `{n}` / `{n,m}` / `*` / `+`.
 * Expansion stops at the first `\d` or open-ended quantifier: from there on any digit
 * may follow, so the digits before it are the prefix. For "leading digits" patterns
 * (matched against the start of a number) that is exact.
 */

interface Branch {
  digits: string;
  /** Closed branches end at a wildcard: nothing more may be appended. */
  closed: boolean;
}

type Node =
  | { kind: 'digits'; choices: string[] }
  | { kind: 'wildcard' }
  | { kind: 'group'; alternatives: Node[][] };

interface Quantified {
  node: Node;
  min: number;
  max: number;
}

const MAX_BRANCHES = 20_000;
const MAX_PREFIX_LENGTH = 10;

class PatternSyntaxError extends Error {}

class PatternReader {
  private position = 0;
  constructor(private readonly text: string) {}

  readAlternatives(): Quantified[][] {
    const alternatives: Quantified[][] = [this.readSequence()];
    while (this.peek() === '|') {
      this.position += 1;
      alternatives.push(this.readSequence());
    }
    return alternatives;
  }

  atEnd(): boolean {
    return this.position >= this.text.length;
  }

  private peek(): string | undefined {
    return this.text[this.position];
  }

  private readSequence(): Quantified[] {
    const sequence: Quantified[] = [];
    for (let char = this.peek(); char !== undefined && char !== '|' && char !== ')'; char = this.peek()) {
      const node = this.readAtom();
      const { min, max } = this.readQuantifier();
      sequence.push({ node, min, max });
    }
    return sequence;
  }

  private readAtom(): Node {
    const char = this.peek();
    this.position += 1;
    if (char !== undefined && char >= '0' && char <= '9') return { kind: 'digits', choices: [char] };
    if (char === '\\') {
      const escaped = this.peek();
      this.position += 1;
      if (escaped === 'd') return { kind: 'wildcard' };
      throw new PatternSyntaxError(`unsupported escape \\${String(escaped)}`);
    }
    if (char === '[') return this.readClass();
    if (char === '(') {
      if (this.text.startsWith('?:', this.position)) this.position += 2;
      const alternatives = this.readAlternatives();
      if (this.peek() !== ')') throw new PatternSyntaxError('unclosed group');
      this.position += 1;
      return { kind: 'group', alternatives: alternatives.map(expandQuantifiers) };
    }
    throw new PatternSyntaxError(`unsupported character ${String(char)}`);
  }

  private readClass(): Node {
    const choices = new Set<string>();
    for (let char = this.peek(); char !== ']'; char = this.peek()) {
      if (char === undefined || char < '0' || char > '9') throw new PatternSyntaxError('unsupported class');
      this.position += 1;
      if (this.peek() === '-') {
        this.position += 1;
        const last = this.peek();
        if (last === undefined || last < '0' || last > '9') throw new PatternSyntaxError('bad range');
        this.position += 1;
        for (let code = char.charCodeAt(0); code <= last.charCodeAt(0); code += 1) {
          choices.add(String.fromCharCode(code));
        }
      } else {
        choices.add(char);
      }
    }
    this.position += 1;
    return { kind: 'digits', choices: [...choices].sort() };
  }

  private readQuantifier(): { min: number; max: number } {
    const char = this.peek();
    if (char === '?') return this.consume(1, { min: 0, max: 1 });
    if (char === '*') return this.consume(1, { min: 0, max: Infinity });
    if (char === '+') return this.consume(1, { min: 1, max: Infinity });
    if (char === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.text.slice(this.position));
      if (!match) throw new PatternSyntaxError('bad quantifier');
      const min = Number(match[1]);
      const max = match[2] === undefined ? min : match[3] ? Number(match[3]) : Infinity;
      return this.consume(match[0].length, { min, max });
    }
    return { min: 1, max: 1 };
  }

  private consume<T>(length: number, value: T): T {
    this.position += length;
    return value;
  }
}

/**
 * `x{3}` becomes `xxx`, `x?` a group of "nothing" or `x`; anything longer or
 * open-ended (`x{2,4}`, `x*`) becomes a wildcard, because the digits that follow it
 * no longer sit at a fixed position.
 */
function expandQuantifiers(sequence: Quantified[]): Node[] {
  const nodes: Node[] = [];
  for (const { node, min, max } of sequence) {
    if (min === 1 && max === 1) nodes.push(node);
    else if (min === max && min <= 4) for (let i = 0; i < min; i += 1) nodes.push(node);
    else if (min === 0 && max === 1) nodes.push({ kind: 'group', alternatives: [[], [node]] });
    else nodes.push({ kind: 'wildcard' });
  }
  return nodes;
}

function expandSequence(nodes: readonly Node[], start: Branch[]): Branch[] {
  let branches = start;
  for (const node of nodes) {
    const next: Branch[] = [];
    for (const branch of branches) {
      if (branch.closed) {
        next.push(branch);
        continue;
      }
      if (node.kind === 'wildcard' || branch.digits.length >= MAX_PREFIX_LENGTH) {
        next.push({ digits: branch.digits, closed: true });
      } else if (node.kind === 'digits') {
        for (const choice of node.choices) next.push({ digits: branch.digits + choice, closed: false });
      } else {
        for (const alternative of node.alternatives) next.push(...expandSequence(alternative, [branch]));
      }
      if (next.length > MAX_BRANCHES) throw new PatternSyntaxError('pattern expands to too many prefixes');
    }
    branches = next;
  }
  return branches;
}

/**
 * The prefixes a number must start with to match `pattern` at its start, or null
 * when the pattern uses syntax outside the supported subset (the caller then relies
 * on coarser information instead of guessing).
 */
export function patternPrefixes(pattern: string): string[] | null {
  try {
    const reader = new PatternReader(pattern);
    const alternatives = reader.readAlternatives();
    if (!reader.atEnd()) throw new PatternSyntaxError('unbalanced parenthesis');
    const prefixes = new Set<string>();
    for (const alternative of alternatives) {
      for (const branch of expandSequence(expandQuantifiers(alternative), [{ digits: '', closed: false }])) {
        prefixes.add(branch.digits);
      }
    }
    return removeCoveredPrefixes([...prefixes]);
  } catch (error) {
    if (error instanceof PatternSyntaxError) return null;
    throw error;
  }
}

/** Drops prefixes that a shorter prefix in the list already covers ('44' covers '447'). */
function removeCoveredPrefixes(prefixes: string[]): string[] {
  const sorted = [...prefixes].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  const kept: string[] = [];
  const keptSet = new Set<string>();
  for (const prefix of sorted) {
    let covered = false;
    for (let length = 0; length <= prefix.length && !covered; length += 1) {
      covered = keptSet.has(prefix.slice(0, length));
    }
    if (!covered) {
      kept.push(prefix);
      keptSet.add(prefix);
    }
  }
  return kept.sort();
}
