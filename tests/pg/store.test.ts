import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { schemaVersion } from '../../db/migrate';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index';
import { openStore } from '../../db/open';
import { openPgStore } from '../../db/pg';
import { pgTestUrl } from '../helpers/pgServer';
import { columnNames } from '../helpers/schemaInfo';
import { tempStore, type TempStore } from '../helpers/store';

// Issue 16, team mode: what only a PostgreSQL store has (this folder runs with RC_TEST_STORE=postgres).
let temp: TempStore | undefined;
afterEach(async () => {
  await temp?.cleanup();
  temp = undefined;
});

/** The test database's URL with other credentials or TLS parameters. */
function variant(url: string, change: (url: URL) => void): string {
  const parsed = new URL(url);
  change(parsed);
  return parsed.toString();
}

async function databaseUrl(): Promise<string> {
  temp = await tempStore();
  const row = await sql<{ name: string }>`select current_database() as name`.execute(temp.store.db);
  return variant(pgTestUrl(), (url) => (url.pathname = `/${row.rows[0]!.name}`));
}

describe('the store on PostgreSQL', () => {
  it('two instances opening one new database at once migrate it once', async () => {
    temp = await tempStore({ migrateTo: 0 });
    const [first, second] = await Promise.all([temp.reopen(), temp.reopen()]);
    try {
      expect(await schemaVersion(first.db as unknown as Kysely<unknown>, 'postgres')).toBe(LATEST_SCHEMA_VERSION);
      expect(await schemaVersion(second.db as unknown as Kysely<unknown>, 'postgres')).toBe(LATEST_SCHEMA_VERSION);
      // Migration 14 inserts the numbering row: run twice, there would be two (or a failure).
      expect(await first.db.selectFrom('invoice_numbering').select('next_number').execute()).toEqual([{ next_number: 1 }]);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('has the same tables and columns as a SQLite database of the same version', async () => {
    temp = await tempStore();
    const dir = mkdtempSync(join(tmpdir(), 'rc-parity-'));
    const sqlite = await openStore(join(dir, 'parity.db'));
    try {
      const onSqlite = await columnNames(sqlite.db as unknown as Kysely<unknown>, 'sqlite');
      expect(onSqlite.length).toBeGreaterThan(200);
      expect(await columnNames(temp.store.db as unknown as Kysely<unknown>, 'postgres')).toEqual(onSqlite);
    } finally {
      await sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('compares text byte by byte (collate "C") whatever the server locale, so the rating order is JavaScript\'s', async () => {
    temp = await tempStore();
    const loose = await sql<{ name: string }>`select table_name || '.' || column_name as name from information_schema.columns
      where table_schema = current_schema() and data_type = 'text' and coalesce(collation_name, '') not in ('C', 'nocase')`.execute(temp.store.db);
    expect(loose.rows).toEqual([]);
    const ids = ['b-2', 'B-1', '_a', 'a', 'é', 'Z', '10', '9'];
    for (const [index, id] of ids.entries()) {
      await sql`insert into calls (call_id, started_at, account, destination, direction, disposition, seconds, cost_rate_e8, cost_micros, status)
                values (${id}, ${`2026-11-0${index % 3} 10:00:00`}, 'a', '1', 'outbound', 'ANSWERED', 1, 0, 0, 'unrated')`.execute(temp.store.db);
    }
    const ordered = await temp.store.db.selectFrom('calls').select(['started_at', 'call_id']).orderBy('started_at').orderBy('call_id').execute();
    const expected = ids.map((id, index) => ({ started_at: `2026-11-0${index % 3} 10:00:00`, call_id: id })).sort((a, b) =>
      a.started_at < b.started_at ? -1 : a.started_at > b.started_at ? 1 : a.call_id < b.call_id ? -1 : a.call_id > b.call_id ? 1 : 0,
    );
    expect(ordered).toEqual(expected);
  });

  it('is refused with a wrong password, and reached with the password from PGPASSWORD', async () => {
    const url = await databaseUrl();
    const wrong = variant(url, (u) => (u.password = 'wrong'));
    await expect(openPgStore(wrong, { folder: temp!.dir })).rejects.toThrow(/password authentication failed/);
    const bare = variant(url, (u) => (u.password = ''));
    const store = await openPgStore(bare, { folder: temp!.dir, env: { PGPASSWORD: new URL(url).password } });
    try {
      expect(store.location).not.toContain(new URL(url).password);
      expect(await store.db.selectFrom('settings').select('key').execute()).toEqual(expect.any(Array));
    } finally {
      await store.close();
    }
  });

  it('speaks TLS when the URL asks: require encrypts, verify-full checks the certificate, and refuses a server it cannot verify', async () => {
    const url = await databaseUrl();
    const ca = process.env.RC_TEST_PG_CA;
    expect(ca, 'RC_TEST_PG_CA: the cluster certificate (scripts/pg-test-cluster.sh)').toBeTruthy();
    const encrypted = async (target: string): Promise<boolean> => {
      const store = await openPgStore(target, { folder: temp!.dir });
      try {
        const row = await sql<{ ssl: boolean }>`select ssl from pg_stat_ssl where pid = pg_backend_pid()`.execute(store.db);
        return row.rows[0]!.ssl;
      } finally {
        await store.close();
      }
    };
    expect(await encrypted(variant(url, (u) => u.searchParams.set('sslmode', 'disable')))).toBe(false);
    expect(await encrypted(variant(url, (u) => u.searchParams.set('sslmode', 'require')))).toBe(true);
    const verified = variant(url, (u) => {
      u.searchParams.set('sslmode', 'verify-full');
      u.searchParams.set('sslrootcert', ca!);
    });
    expect(await encrypted(verified)).toBe(true);
    // A self-signed certificate nobody vouched for: verify-full without the CA refuses to connect.
    await expect(openPgStore(variant(url, (u) => u.searchParams.set('sslmode', 'verify-full')), { folder: temp!.dir })).rejects.toThrow(/self.signed|certificate/i);
  });
});
