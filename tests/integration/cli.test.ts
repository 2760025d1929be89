import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/run';

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rc-cli-'));
  db = join(dir, 'cli.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['--db', db, ...argv], {
    out: (text) => (out += `${text}\n`),
    err: (text) => (err += `${text}\n`),
  });
  return { code, out, err };
}

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('command line', () => {
  it('creates a package from a file and lists it as JSON with decimal strings', async () => {
    const created = await cli('package', 'create', '--file', file('p.json', { name: 'Gold', markupFixed: '0.001', markupPercent: '12.5', pulseSeconds: 6 }));
    expect(created).toMatchObject({ code: 0, err: '' });
    expect(created.out).toContain('Created package #1 Gold');
    const listed = await cli('package', 'list', '--json');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.out)).toMatchObject([{ id: 1, name: 'Gold', markupFixed: '0.00100000', markupPercent: '12.5000', pulseSeconds: 6 }]);
  });

  it('exits 1 with a one-line reason on bad input, and writes nothing', async () => {
    const bad = await cli('package', 'create', '--file', file('bad.json', { name: 'X', markupFixed: '-1', markupPercent: '0', pulseSeconds: 0 }));
    expect(bad.code).toBe(1);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toContain('markupFixed: Fixed markup cannot be negative');
    expect(bad.err).toContain('pulseSeconds');
    expect((await cli('package', 'create', '--file', file('broken.json', '{oops'))).err).toMatch(/not valid JSON/);
    expect((await cli('package', 'create')).code).toBe(1);
    expect((await cli('package', 'create', '--file', join(dir, 'missing.json'))).err).toContain('Cannot read');
    expect((await cli('package', 'show', 'abc')).code).toBe(1);
    expect((await cli('package', 'list', '--bogus')).code).toBe(1);
    expect(JSON.parse((await cli('package', 'list', '--json')).out)).toEqual([]);
  });

  it('prices a call and writes a price list from a cost deck file', async () => {
    await cli('package', 'create', '--file', file('p.json', { name: 'Gold', markupFixed: '0', markupPercent: '20', pulseSeconds: 60 }));
    const price = await cli('price', '--package', '1', '--to', '15145550123', '--seconds', '61', '--cost', '0.01', '--json');
    expect(price.code).toBe(0);
    expect(JSON.parse(price.out)).toMatchObject({ sellRate: '0.01200000', billedSeconds: 120, charge: '0.024000', rule: 'markup', countryName: 'Canada' });
    const costs = file('costs.csv', 'destination,prefix,rate,increment\nUnited Kingdom,44,0.0100,6\nbad,x,1,6\n');
    const out = join(dir, 'prices.csv');
    const list = await cli('pricelist', '--package', '1', '--costs', costs, '--out', out);
    expect(list).toMatchObject({ code: 0 });
    expect(list.err).toContain('1 lines rejected');
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(out, 'utf8')).toContain('United Kingdom,44,United Kingdom,0.01200000,60,markup,no');
    expect((await cli('price', '--package', '1', '--to', 'abc', '--seconds', '5')).code).toBe(1);
    expect((await cli('price', '--package', '1', '--seconds', '5')).err).toContain('price needs --to DIGITS');
  });

  it('runs the client flow: create, payment, charge, DID, billing, show, delete guard', async () => {
    await cli('package', 'create', '--file', file('p.json', { name: 'Gold', markupFixed: '0', markupPercent: '20', pulseSeconds: 60, monthlyFee: '10' }));
    const created = await cli('client', 'create', '--file', file('c.json', { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', balanceMode: 'hard' }), '--json');
    expect(JSON.parse(created.out)).toMatchObject({ id: 1, status: 'suspended', balance: '0.000000' });
    expect((await cli('client', 'payment', '1', '--amount', '25', '--note', 'cash')).out).toContain('balance 25.000000');
    expect((await cli('client', 'charge', '1', '--amount', 'abc')).code).toBe(1);
    const sub = await cli('subaccount', 'create', '--file', file('s.json', { username: 'ann1', clientId: 1, packageId: 1, nextBillingDate: '2099-01-31' }));
    expect(sub.out).toMatch(/Created sub account \d+_ann1 \(password [A-Za-z0-9]{20}\)/);
    await cli('did', 'add', '--did', '+15145550101');
    expect((await cli('did', 'connect', '--client', '1', '--did', '15145550101', '--minute', '0.01', '--monthly', '2')).code).toBe(0);
    const billed = await cli('billing', 'run', '--date', '2099-01-31', '--json');
    expect(JSON.parse(billed.out)).toMatchObject({ cyclesClosed: 1, charged: '12.000000' });
    const show = await cli('client', 'show', '1');
    expect(show.out).toContain('balance 13.000000');
    expect(show.out).toContain('DID +15145550101');
    const refused = await cli('client', 'delete', '1');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('sub account ann1');
  });

  it('prints usage and exits 1 for an unknown command', async () => {
    const result = await cli('frobnicate');
    expect(result.code).toBe(1);
    expect(result.err).toContain('Usage: npm run cli');
  });
});
