import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../main/cli/run';
import { cliStore, type CliStore } from '../helpers/cliStore';
import { deadPid, fillBalanceToLimitIn } from '../helpers/seed';

/** Issue 16: the command line on the store RC_TEST_STORE chooses (`--db` a file, or `--db postgres://…`). */
let temp: CliStore;
let dir: string;
let db: string;
beforeEach(async () => {
  temp = await cliStore();
  dir = temp.dir;
  db = temp.db;
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await temp.cleanup();
});

/** The clock the CLI's handlers read: billing refuses a date more than a week past it. */
let now = new Date('2026-11-25T12:00:00Z');

async function cliWith(globals: string[], argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(
    [...globals, ...argv],
    {
      out: (text) => (out += `${text}\n`),
      err: (text) => (err += `${text}\n`),
    },
    { now: () => now },
  );
  return { code, out, err };
}

const cli = (...argv: string[]) => cliWith(['--db', db], argv);

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

  it('costs import: a file without one good line fails with every reason; price without a cost says it is not known', async () => {
    const bad = await cli('costs', 'import', '--route', 'value', '--file', file('bad.csv', 'destination,prefix,rate,increment\nBroken,4x4,0.01,6\nUSA,1,0.01,6\nUSA,1,0.01,6\nNegative,33,-1,6\n'));
    // One good line (USA) imported: not a failure; its duplicate is named with the line it repeats.
    expect(bad.code).toBe(0);
    expect(bad.out).toContain('line 4: duplicate of line 3 (prefix 1 for United States)');
    const none = await cli('costs', 'import', '--route', 'premium', '--file', file('none.csv', 'destination,prefix,rate,increment\nBroken,4x4,0.01,6\nNegative,33,-1,6\n'));
    expect(none.code).toBe(1);
    expect(none.out).toContain('line 2: prefix "4x4" is not digits');
    expect(none.out).toContain('line 3: rate cannot be negative');
    expect(none.err).toContain('error: Nothing was imported: all 2 lines were refused.');
    const listFailed = await cli('pricelist', '--package', '1', '--costs', file('none2.csv', 'destination,prefix,rate,increment\nx,y,z,6\n'), '--out', join(dir, 'never.csv'));
    expect(listFailed.code).toBe(1);
    expect(listFailed.err).toContain('line 2: prefix "y" is not digits');

    await cli('package', 'create', '--file', file('p.json', { name: 'Gold', markupFixed: '0', markupPercent: '20', pulseSeconds: 60 }));
    const unknown = await cli('price', '--package', '1', '--to', '+49 30 123456', '--seconds', '60');
    expect(unknown.code).toBe(0);
    expect(unknown.out).toContain('price not known: no cost for Germany (+49)');
    expect(unknown.out).toContain('cost not known');
    expect(unknown.out).not.toMatch(/charge 0|sell rate 0/);
    const json = JSON.parse((await cli('price', '--package', '1', '--to', '+49 30 123456', '--seconds', '60', '--json')).out);
    expect(json).toMatchObject({ priceUnknown: { reason: 'no_cost' }, sellRate: null, charge: null, cost: null, profit: null });
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
    now = new Date('2099-01-31T12:00:00Z');
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

  it('billing run: a date more than a week ahead is refused; many missed cycles need --yes', async () => {
    now = new Date('2026-11-25T12:00:00Z');
    await cli('package', 'create', '--file', file('p.json', { name: 'Gold', markupFixed: '0', markupPercent: '20', pulseSeconds: 60, monthlyFee: '10' }));
    await cli('client', 'create', '--file', file('c.json', { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', balanceMode: 'soft' }));
    await cli('subaccount', 'create', '--file', file('s.json', { username: 'ann1', clientId: 1, packageId: 1, nextBillingDate: '2026-12-01' }));
    const ahead = await cli('billing', 'run', '--date', '2126-12-01', '--yes');
    expect(ahead.code).toBe(1);
    expect(ahead.err.trim().split('\n')).toEqual(['error: date: Billing can run up to 2026-12-02, a week ahead at most; 2126-12-01 is later. Cycles are billed on their billing date.']);
    now = new Date('2027-05-01T12:00:00Z');
    const asked = await cli('billing', 'run', '--date', '2027-05-01');
    expect(asked.code).toBe(1);
    expect(asked.err.trim()).toBe('error: This run closes 6 billing cycles for Ann Lee (due since 2026-12-01). Confirm to bill every missed cycle. Add --yes to bill them.');
    expect((await cli('client', 'show', '1')).out).toContain('balance 0.000000');
    const billed = await cli('billing', 'run', '--date', '2027-05-01', '--yes', '--json');
    expect(billed.code).toBe(0);
    expect(JSON.parse(billed.out)).toMatchObject({ cyclesClosed: 6, charged: '60.000000' });
  });

  it('cdr imports: an import whose process was killed is marked interrupted when the command line opens the database, and listed so', async () => {
    expect((await cli('cdr', 'imports')).out.trim()).toBe('No imports yet');
    // What a killed import leaves: a row still 'running', of a process that is gone (a file's: a dead pid; a team server's: no presence lock held).
    const { id: importId } = await temp.store.db
      .insertInto('call_imports')
      .values({ source: 'killed.csv', format: 'voipms-csv', started_at: '2026-11-20T10:00:00.000Z', status: 'running', pid: await deadPid() })
      .returning('id')
      .executeTakeFirstOrThrow();

    const listed = await cli('cdr', 'imports', '--json');
    expect(listed).toMatchObject({ code: 0, err: '' });
    const [record] = JSON.parse(listed.out) as { importId: number; status: string; message: string; finishedAt: string }[];
    expect(record).toMatchObject({ importId, status: 'interrupted', finishedAt: now.toISOString() });
    expect(record?.message).toContain('import the file again to finish it');
    const text = await cli('cdr', 'imports');
    expect(text.out).toMatch(new RegExp(`^#${importId} 2026-11-20T10:00:00.000Z interrupted +killed.csv: 0 read, 0 added, 0 already there, 0 rejected\n +Interrupted: .*import the file again to finish it`));
    expect((await cli('cdr', 'imports', '--limit', '0')).code).toBe(1);
  });

  it('billing run: a client whose fee would take the balance past the limit is skipped, named with the reason, and the others are billed', async () => {
    now = new Date('2026-11-25T12:00:00Z');
    await cli('package', 'create', '--file', file('p.json', { name: 'Gold', markupFixed: '0', markupPercent: '20', pulseSeconds: 60, monthlyFee: '10' }));
    await cli('client', 'create', '--file', file('c.json', { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', balanceMode: 'soft' }));
    await cli('client', 'create', '--file', file('d.json', { firstName: 'Bob', lastName: 'Stone', email: 'bob@example.com', balanceMode: 'soft' }));
    await cli('subaccount', 'create', '--file', file('s.json', { username: 'ann1', clientId: 1, packageId: 1, nextBillingDate: '2026-12-01' }));
    await cli('subaccount', 'create', '--file', file('t.json', { username: 'bob1', clientId: 2, packageId: 1, nextBillingDate: '2026-12-01' }));
    await fillBalanceToLimitIn(temp.store.db, 1, '2026-11-20');

    const text = await cli('billing', 'run', '--date', '2026-12-01');
    expect(text.code).toBe(0);
    expect(text.out.trim().split('\n')).toEqual([
      'Billing 2026-12-01: 1 cycles closed, 1 invoices issued, 1 entries, 10.000000 charged to 1 clients',
      '1 client package skipped (still due: billed by a later run once fixed):',
      expect.stringMatching(/^ {2}Ann Lee \(client #1, client package #1\): Amount: this would take Ann Lee's balance to -1000000010\.000000; a balance stays within ±1,000,000,000\.00$/),
    ]);
    const json = await cli('billing', 'run', '--date', '2026-12-01', '--json');
    expect(JSON.parse(json.out)).toMatchObject({ cyclesClosed: 0, skipped: [{ clientId: 1, clientName: 'Ann Lee', clientPackageId: 1, message: expect.stringContaining('a balance stays within') }] });
  });

  it('cdr import: the call charges of a client at the balance limit are set aside and named, the others posted', async () => {
    await cli('package', 'create', '--file', file('p.json', { name: 'Gold', markupFixed: '0.01', markupPercent: '0', pulseSeconds: 60 }));
    await cli('client', 'create', '--file', file('c.json', { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', balanceMode: 'soft' }));
    await cli('client', 'create', '--file', file('d.json', { firstName: 'Bob', lastName: 'Stone', email: 'bob@example.com', balanceMode: 'soft' }));
    const ann = JSON.parse((await cli('subaccount', 'create', '--file', file('s.json', { username: 'ann1', clientId: 1, packageId: 1, nextBillingDate: '2026-12-01' }), '--json')).out) as { account: string };
    const bob = JSON.parse((await cli('subaccount', 'create', '--file', file('t.json', { username: 'bob1', clientId: 2, packageId: 1, nextBillingDate: '2026-12-01' }), '--json')).out) as { account: string };
    await fillBalanceToLimitIn(temp.store.db, 1, '2026-11-20');
    const header = 'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid';
    const calls = file('calls.csv', [header, `2026-11-24 10:00:00,,15145550142,Out,${ann.account},ANSWERED,00:01:00,60,0.01,0.01,c1`, `2026-11-24 11:00:00,,15145550142,Out,${bob.account},ANSWERED,00:01:00,60,0.01,0.01,c2`].join('\n'));
    const imported = await cli('cdr', 'import', '--file', calls);
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/Imported 2 calls.*\n.*Call charges of 1 client-day were not posted.*Ann Lee/);
    expect((await cli('client', 'show', '2')).out).toContain('balance -0.020000');
  });

  it('reads "--amount -5" as the value -5 (refused as a negative amount, not as an unknown option)', async () => {
    await cli('client', 'create', '--file', file('c.json', { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', balanceMode: 'soft' }));
    const negative = await cli('client', 'payment', '1', '--amount', '-5');
    expect(negative.code).toBe(1);
    expect(negative.err).not.toContain('ambiguous');
    expect(negative.err).toContain('amount');
    expect((await cli('client', 'show', '1')).out).toContain('balance 0.000000');
  });

  it('a --db that is a folder, not a database, or cannot be made exits 1 with one line', async () => {
    const notDb = file('notes.txt', 'this is not a database\n'.repeat(100));
    for (const path of [dir, notDb, join(notDb, 'inside.db'), '/proc/self/status', '/dev/null']) {
      const result = await cliWith(['--db', path], ['package', 'list']);
      expect([path, result.code]).toEqual([path, 1]);
      expect(result.err.trim().split('\n'), path).toHaveLength(1);
      expect(result.err, path).toMatch(/^error: Cannot (use|open)/);
    }
  });

  it('a FIFO or a folder given as --file is refused at once instead of waiting on it', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    for (const argv of [
      ['package', 'create', '--file', fifo],
      ['cdr', 'import', '--file', fifo],
      ['package', 'create', '--file', dir],
      ['cdr', 'import', '--file', '/dev/zero'],
    ]) {
      const result = await cli(...argv);
      expect([argv.join(' '), result.code]).toEqual([argv.join(' '), 1]);
      expect(result.err.trim().split('\n')).toHaveLength(1);
      expect(result.err).toMatch(/^error: Cannot read/);
    }
  });
});
