import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataFolderFor, dbOptionOf, readDatabaseChoice, refusalOf, startLocation, DATABASE_CHOICE_FILE } from '../../main/openDatabase';

/** Issue 16: where each host opens the data, read from its arguments, environment and saved choice. */
describe('where the data lives at start', () => {
  it('reads --db among the desktop app’s arguments (Electron and Chromium add their own)', () => {
    expect(dbOptionOf(['/opt/app/reseller-console', '--no-sandbox', '--db', 'postgres://team@db/console'])).toBe('postgres://team@db/console');
    expect(dbOptionOf(['electron', '.', '--db=/data/reseller.db'])).toBe('/data/reseller.db');
    expect(dbOptionOf(['electron', '.', '--dbx', 'y'])).toBeUndefined();
  });

  it('keeps the choice file beside a --db file, else in the user data folder', () => {
    expect(dataFolderFor('/srv/rc/console.db', '/home/r/.config/RC')).toBe('/srv/rc');
    expect(dataFolderFor('postgres://team@db/console', '/home/r/.config/RC')).toBe('/home/r/.config/RC');
    expect(dataFolderFor(undefined, '/home/r/.config/RC')).toBe('/home/r/.config/RC');
  });

  it('takes a damaged or foreign choice file as this computer’s file', () => {
    const folder = mkdtempSync(join(tmpdir(), 'rc-choice-'));
    try {
      writeFileSync(join(folder, DATABASE_CHOICE_FILE), '{not json');
      expect(readDatabaseChoice(folder)).toEqual({ kind: 'file' });
      writeFileSync(join(folder, DATABASE_CHOICE_FILE), JSON.stringify({ kind: 'server', url: 'mysql://x@y/z' }));
      expect(startLocation({ env: {}, dataFolder: folder })).toEqual({ location: join(folder, 'reseller.db'), from: 'default' });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('says why a server refused, never with its password', () => {
    const url = 'postgres://team:Sekr3t@db.example.com/console';
    const cases: [unknown, string][] = [
      [Object.assign(new Error('password authentication failed for user "team"'), { code: '28P01' }), 'password'],
      [Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' }), 'unreachable'],
      [new Error('The server does not support SSL connections'), 'tls'],
      [Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), 'tls'],
      [Object.assign(new Error('no pg_hba.conf entry for host "1.2.3.4", user "team", database "console", no encryption'), { code: '28000' }), 'tls'],
      [Object.assign(new Error('database "console" does not exist'), { code: '3D000' }), 'no_database'],
      [Object.assign(new Error('newer'), { code: 'db_too_new' }), 'too_new'],
      [new Error('Connection terminated due to connection timeout'), 'unreachable'],
    ];
    for (const [error, reason] of cases) {
      const refusal = refusalOf(url, error);
      expect(refusal.reason, String(error)).toBe(reason);
      expect(refusal.message).not.toContain('Sekr3t');
    }
  });
});
