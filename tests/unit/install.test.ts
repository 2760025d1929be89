import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue 10 (install): the README, package.json's engines and the chosen Electron agree, so a
// newcomer on the stated Node sees no engine warnings from `npm ci`.
const ROOT = resolve(import.meta.dirname, '..', '..');
const readJson = (path: string): { version?: string; engines?: { node?: string } } => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as never;

/** The lowest Node a range like ">= 22.12.0" or ">=20.19.0 <23" accepts, as [major, minor, patch]. */
function minimumOf(range: string): number[] {
  const found = /^>=\s*(\d+)\.(\d+)\.(\d+)/.exec(range.trim());
  if (!found) throw new Error(`not a ">=" range: ${range}`);
  return found.slice(1).map(Number);
}

const atLeast = (version: number[], floor: number[]): boolean => {
  for (let index = 0; index < 3; index += 1) {
    if (version[index]! !== floor[index]!) return version[index]! > floor[index]!;
  }
  return true;
};

/** Packages `npm ci` installs whose engines field names a Node line (a warning if ours is below it). */
const TOOLING = ['node_modules/electron/package.json', 'node_modules/@electron/rebuild/package.json', 'node_modules/@electron/get/package.json'];

describe('install', () => {
  const ours = readJson('package.json').engines?.node ?? '';
  const minimum = minimumOf(ours);

  it('asks at least the Node every engine-declaring tool of Electron asks for', () => {
    for (const path of TOOLING) {
      const declared = readJson(path).engines?.node;
      if (declared === undefined) continue;
      expect(atLeast(minimum, minimumOf(declared)), `${path} wants ${declared}; package.json says ${ours}`).toBe(true);
    }
  });

  it('states the same Node in the README', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`Node ${minimum[0]}.${minimum[1]} or newer`);
  });
});
