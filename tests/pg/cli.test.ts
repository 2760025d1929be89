import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../main/cli/run';
import { tempStore, type TempStore } from '../helpers/store';
import { pgDatabaseUrl } from '../helpers/pgServer';
import { sql } from 'kysely';

// Issue 16, team mode: the command line on a PostgreSQL database (--db postgres://…).
let temp: TempStore;
let dir: string;
let url: string;
beforeEach(async () => {
  temp = await tempStore();
  const name = (await sql<{ name: string }>`select current_database() as name`.execute(temp.store.db)).rows[0]!.name;
  url = pgDatabaseUrl(name);
  dir = mkdtempSync(join(tmpdir(), 'rc-pg-cli-'));
  // A team shares one key for the passwords sealed in its database; this computer's data folder goes in the temp folder.
  vi.stubEnv('RESELLER_CONSOLE_KEY', 'the team key, long enough to be a passphrase');
  vi.stubEnv('XDG_CONFIG_HOME', dir);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await temp.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['--db', url, ...argv], { out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`) }, { now: () => new Date('2026-11-25T12:00:00Z') });
  return { code, out, err };
}

/** A command that must succeed: its output, or its error line in the failure. */
async function ok(...argv: string[]): Promise<string> {
  const result = await cli(...argv);
  expect(result.code, result.err).toBe(0);
  return result.out;
}

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('the command line on a team server', () => {
  it('creates a package and a client, takes a payment, imports calls and bills them, on PostgreSQL', async () => {
    await ok('package', 'create', '--file', file('pkg.json', { name: 'Home', markupFixed: '0', markupPercent: '20', pulseSeconds: 60 }));
    const { id } = JSON.parse(await ok('client', 'create', '--json', '--file', file('client.json', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', balanceMode: 'hard' }))) as { id: number };
    await ok('client', 'payment', String(id), '--amount', '10');
    await ok('subaccount', 'create', '--file', file('sub.json', { username: 'ada', clientId: id, packageId: 1, nextBillingDate: '2026-12-01' }));
    const csv = [
      'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid',
      '2026-11-24 10:00:00,15145550100,15145551234,Canada,100000_ada,ANSWERED,00:01:00,60,0.01000000,0.01000000,u1',
      '2026-11-24 11:00:00,15145550100,15145551234,Canada,100000_ada,ANSWERED,00:02:00,120,0.01000000,0.02000000,u2',
    ].join('\n');
    expect(JSON.parse(await ok('cdr', 'import', '--file', file('calls.csv', csv), '--json'))).toMatchObject({ status: 'done', added: 2 });
    // 3 minutes at 0.012 a minute: the day's entry through the money door, on the server's ledger.
    expect(JSON.parse(await ok('client', 'show', String(id), '--json'))).toMatchObject({ client: { balance: '9.964000' } });
    const rows = await temp.store.db.selectFrom('ledger_entries').select(['kind', 'amount_micros']).where('client_id', '=', id).orderBy('id').execute();
    expect(rows).toEqual([
      { kind: 'payment', amount_micros: 10_000_000 },
      { kind: 'calls', amount_micros: -36_000 },
    ]);
  });

  it('refuses a file command, and a server it cannot open, with one line', async () => {
    const backup = await cli('backup', '--out', join(dir, 'x.db'));
    expect(backup).toMatchObject({ code: 1 });
    expect(backup.err).toMatch(/works on a database file/);
    let err = '';
    const code = await runCli(['--db', url.replace('test-only', 'wrong'), 'client', 'list'], { out: () => undefined, err: (text) => (err += text) });
    expect(code).toBe(1);
    expect(err).toMatch(/refused the password \(password authentication failed/);
    expect(err).not.toContain('wrong');
  });
});
