import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index';
import { openStore, type PgStore } from '../../db/open';
import { openPgStore } from '../../db/pg';
import { runCli } from '../../main/cli/run';
import { createHandlerTable } from '../../main/handlers/index';
import { moneyFacts, moneyProblems } from '../../main/services/dbCopy/checks';
import { copyDatabase, type DbCopyResult } from '../../main/services/dbCopy/index';
import { tablesHoldingRows } from '../../main/services/dbCopy/target';
import type { LedgerEntryView } from '../../preload/schemas/clients';
import type { BrandingView } from '../../preload/schemas/branding';
import { channelCaller } from '../helpers/channels';
import { admin, pgDatabaseUrl, pgTestUrl } from '../helpers/pgServer';

// Issue 16: `db copy --from reseller.db --to postgres://…` moves a reseller to a team server.

const NOW = new Date('2026-11-25T12:00:00.000Z');
/** A text the CSV of COPY must carry over as it is: quotes, commas, lines, a backslash, beyond ASCII. */
const AWKWARD_NOTE = 'He said "call me", then left;\nline two,\tcomma\\backslash \\N ☎ é \r\n"';

let dir: string;
let source: string;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`) }, { now: () => NOW });
  return { code, out, err };
}

let serial = 0;
const made: string[] = [];
/** An empty database on the test cluster, as a reseller's administrator would create one. */
async function emptyDatabase(): Promise<string> {
  serial += 1;
  const name = `rc_copy${process.pid}_${serial}`;
  await admin((client) => client.query(`create database ${name}`));
  made.push(name);
  return pgDatabaseUrl(name);
}

/** The test cluster's password, which no output may show. */
const password = (): string => decodeURIComponent(new URL(pgTestUrl()).password);

const fileHash = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * A realistic reseller: the demo (clients with payments, packages, DIDs, sub accounts,
 * rated calls, a year of issued invoices), then a payment and its reversal, a credit note,
 * a branding logo, and a client whose notes a CSV could get wrong.
 */
async function buildSource(path: string): Promise<void> {
  const demo = await cli('--db', path, 'demo', '--clients', '6', '--cdrs', '3000');
  expect(demo.code, demo.err).toBe(0);
  const store = await openStore(path);
  try {
    const table = createHandlerTable({ store, host: 'headless', now: () => NOW });
    const { ok } = channelCaller(() => table);
    const [payment] = await ok<LedgerEntryView[]>('clients.payment', { clientId: 2, amount: '12.34', description: 'Cheque' });
    await ok('clients.reverse', { entryId: payment!.id, reason: 'Cheque bounced' });
    const invoice = store.sqlite.prepare<[], { id: number }>(`select id from invoices where kind = 'invoice' and subtotal_micros > 10000 order by id limit 1`).get();
    await ok('invoices.creditNote', { invoiceId: invoice!.id, amount: '0.01', reason: 'Goodwill' });
    const branding = await ok<BrandingView>('branding.get');
    const logo = readFileSync(join(__dirname, '../e2e/fixtures/invoice-logo.png'));
    await ok('branding.save', { settings: branding.settings, images: { logo: `data:image/png;base64,${logo.toString('base64')}` } });
    store.sqlite.prepare('update clients set notes = ? where id = 3').run(AWKWARD_NOTE);
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rc-db-copy-'));
  source = join(dir, 'reseller.db');
  await buildSource(source);
}, 60_000);

afterAll(async () => {
  await admin(async (client) => {
    for (const name of made) await client.query(`drop database if exists ${name} with (force)`);
  });
  rmSync(dir, { recursive: true, force: true });
});

let target: PgStore | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

/** The source's tables (as the copy lists them) with their primary keys, read from the file itself. */
function sourceTables(sqlite: BetterSqlite3.Database): { name: string; key: string[] }[] {
  const names = sqlite
    .prepare<[], { name: string }>(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name != 'deferred_indexes' order by name`)
    .all();
  return names.map(({ name }) => ({
    name,
    key: sqlite
      .prepare<[string], { name: string; pk: number }>('select name, pk from pragma_table_info(?) where pk > 0 order by pk')
      .all(name)
      .map((column) => column.name),
  }));
}

function sourceTableNames(path: string): string[] {
  const sqlite = new BetterSqlite3(path, { readonly: true });
  try {
    return sourceTables(sqlite).map((table) => table.name);
  } finally {
    sqlite.close();
  }
}

async function serverRows(store: PgStore, table: string, key: string[]): Promise<Record<string, unknown>[]> {
  const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by ${sql.join(key.map((column) => sql.ref(column)))}`.execute(store.db);
  return result.rows;
}

async function serverCounts(store: PgStore, tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(store.db)).rows[0]!.n);
  return counts;
}

/** Every table of the file on the server, every row field by field, and the result's counts the file's. */
async function expectSameRows(path: string, store: PgStore, result: DbCopyResult): Promise<void> {
  const sqlite = new BetterSqlite3(path, { readonly: true });
  try {
    const tables = sourceTables(sqlite);
    expect(tables.map((table) => table.name)).toEqual([...result.tables.map((table) => table.name)].sort());
    let rows = 0;
    for (const { name, key } of tables) {
      const inFile = sqlite.prepare(`select * from "${name}" order by ${key.map((column) => `"${column}"`).join(', ')}`).all();
      expect(await serverRows(store, name, key), name).toEqual(inFile);
      expect(result.tables.find((table) => table.name === name)?.rows, name).toBe(inFile.length);
      rows += inFile.length;
    }
    expect(result.rows).toBe(rows);
  } finally {
    sqlite.close();
  }
}

describe('db copy', () => {
  it('copies every table of a reseller, row for row, and the server goes on where the file stopped', async () => {
    const url = await emptyDatabase();
    const run = await cli('db', 'copy', '--from', source, '--to', url, '--json');
    expect(run.code, run.err).toBe(0);
    const result = JSON.parse(run.out) as DbCopyResult;
    expect(run.out + run.err).not.toContain(password());
    expect(result).toMatchObject({ from: source, schemaVersion: LATEST_SCHEMA_VERSION, sourceVersion: LATEST_SCHEMA_VERSION, sourceMigrated: false });

    target = await openPgStore(url, { folder: dir });
    // Every table, every row, field by field (the demo's 3,000 calls and 2,000-odd ledger entries included).
    await expectSameRows(source, target, result);
    for (const name of ['clients', 'calls', 'ledger_entries', 'invoices', 'invoice_lines', 'subaccounts', 'dids', 'packages', 'branding_images']) {
      expect(result.tables.find((table) => table.name === name)?.rows, name).toBeGreaterThan(0);
    }

    // The rows a CSV could get wrong, named: the awkward note, the logo's bytes, a reversal, a credit note with its lines.
    const client = await target.db.selectFrom('clients').select('notes').where('id', '=', 3).executeTakeFirstOrThrow();
    expect(client.notes).toBe(AWKWARD_NOTE);
    const logo = await target.db.selectFrom('branding_images').select(['data', 'bytes']).where('kind', '=', 'logo').executeTakeFirstOrThrow();
    expect(Buffer.from(logo.data).equals(readFileSync(join(__dirname, '../e2e/fixtures/invoice-logo.png')))).toBe(true);
    const reversal = await target.db.selectFrom('ledger_entries').selectAll().where('kind', '=', 'reversal').executeTakeFirstOrThrow();
    expect(reversal.reverses_entry_id).toBeLessThan(reversal.id);
    const creditNote = await target.db.selectFrom('invoices').selectAll().where('kind', '=', 'credit_note').executeTakeFirstOrThrow();
    expect(creditNote.credit_for_invoice_id).not.toBeNull();
    expect(await target.db.selectFrom('invoice_lines').select('id').where('invoice_id', '=', creditNote.id).execute()).not.toHaveLength(0);

    // The planner has the copied tables' statistics at once (the test cluster runs no autovacuum).
    const analyzed = await sql<{ relname: string }>`select relname from pg_stat_user_tables
      where relname in ('calls', 'ledger_entries', 'invoices') and last_analyze is not null order by relname`.execute(target.db);
    expect(analyzed.rows.map((row) => row.relname)).toEqual(['calls', 'invoices', 'ledger_entries']);

    // The money adds up on the server, checked here on its own.
    const unbalanced = await sql<{ id: number }>`select c.id from clients c
      where c.balance_micros <> coalesce((select sum(amount_micros) from ledger_entries l where l.client_id = c.id), 0)`.execute(target.db);
    expect(unbalanced.rows).toEqual([]);
    const numbers = await target.db.selectFrom('invoices').select('number').orderBy('number').execute();
    expect(numbers.map((row) => row.number)).toEqual(numbers.map((_, index) => index + 1));
    const numbering = await target.db.selectFrom('invoice_numbering').selectAll().executeTakeFirstOrThrow();
    expect(numbering.last_number).toBe(numbers.length);
    expect(result.verified).toMatchObject({ tables: result.tables.length, invoices: { count: numbers.length, first: 1, last: numbers.length, jumps: [] } });

    // New rows continue after the copied ids: every identity sequence, and an insert without an id.
    const identities = await sql<{ table_name: string }>`select table_name from information_schema.columns
      where table_schema = current_schema() and is_identity = 'YES' and column_name = 'id'`.execute(target.db);
    for (const { table_name: table } of identities.rows) {
      const max = Number((await sql<{ max: number | null }>`select max(id) as max from ${sql.table(table)}`.execute(target.db)).rows[0]!.max ?? 0);
      if (max === 0) continue;
      const next = await sql<{ next: number }>`select nextval(pg_get_serial_sequence(${table}, 'id')) as next`.execute(target.db);
      expect(Number(next.rows[0]!.next), table).toBe(max + 1);
    }
    const maxPackage = await target.db.selectFrom('packages').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow();
    const added = await target.db
      .insertInto('packages')
      .values({ name: 'After the move', markup_fixed_e8: 0, markup_percent_e4: 0, pulse_seconds: 60, created_at: NOW.toISOString(), updated_at: NOW.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(added.id).toBe(Number(maxPackage.max) + 2); // nextval above took max + 1
  });

  it('prints a human summary, and refuses a second copy into the same database without changing it', async () => {
    const url = await emptyDatabase();
    const first = await cli('db', 'copy', '--from', source, '--to', url);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/^Copied .*reseller\.db \(schema \d+\) to postgresql:\/\/reseller@127\.0\.0\.1:\d+\/rc_copy/);
    expect(first.out).toMatch(/[\d,]+ rows in \d+ tables, [\d.]+ s/);
    expect(first.out).toMatch(/calls\s+3,000/);
    expect(first.out).toContain('balances equal their ledger');
    expect(first.out).toMatch(/invoice numbers 1\.\.\d+, no repeat, no gap/);
    expect(first.out + first.err).not.toContain(password());

    target = await openPgStore(url, { folder: dir });
    const names = sourceTableNames(source);
    const before = await serverCounts(target, names);
    const clientsBefore = await target.db.selectFrom('clients').selectAll().orderBy('id').execute();
    const sequenceBefore = await sql<{ last: number }>`select last_value as last from calls_id_seq`.execute(target.db);

    const again = await cli('db', 'copy', '--from', source, '--to', url);
    expect(again.code).toBe(1);
    expect(again.err.trim().split('\n')).toHaveLength(1);
    expect(again.err).toMatch(/already holds data \(clients, packages, calls, ledger_entries and \d+ more\)/);
    expect(again.err).toContain('drop the database and create it again');
    expect(again.out).toBe('');
    expect(await serverCounts(target, names)).toEqual(before);
    expect(await target.db.selectFrom('clients').selectAll().orderBy('id').execute()).toEqual(clientsBefore);
    expect((await sql<{ last: number }>`select last_value as last from calls_id_seq`.execute(target.db)).rows).toEqual(sequenceBefore.rows);
  });

  it('refuses a database holding any data (one setting), migrated or not, and writes nothing there', async () => {
    const url = await emptyDatabase();
    target = await openPgStore(url, { folder: dir });
    await target.db.insertInto('settings').values({ key: 'currency', value: 'EUR' }).execute();
    const refused = await cli('db', 'copy', '--from', source, '--to', url);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('already holds data (settings)');
    expect(await tablesHoldingRows(target.db, ['clients', 'calls', 'invoice_numbering', 'settings'])).toEqual(['settings']);

    // An older app's database with data: refused before the migrations would touch it.
    const older = await emptyDatabase();
    const old = await openPgStore(older, { folder: dir, migrateTo: 5 });
    try {
      await sql`insert into packages (name, markup_fixed_e8, markup_percent_e4, pulse_seconds, created_at, updated_at) values ('Old', 0, 0, 60, 'x', 'x')`.execute(old.db);
      expect((await cli('db', 'copy', '--from', source, '--to', older)).err).toContain('already holds data (packages)');
      expect((await sql<{ version: number }>`select version from schema_version`.execute(old.db)).rows[0]!.version).toBe(5);
    } finally {
      await old.close();
    }
  });

  it('copies an older file through a migrated temp copy, leaving the file as it was', async () => {
    const path = join(dir, 'old.db');
    const old = await openStore(path, { migrateTo: 13 });
    old.sqlite.exec(`insert into packages (name, markup_fixed_e8, markup_percent_e4, pulse_seconds, created_at, updated_at) values ('Old', 100, 0, 60, '2025-01-01', '2025-01-01')`);
    old.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    await old.close();
    const hash = fileHash(path);
    const url = await emptyDatabase();
    // The password from PGPASSWORD when the URL has none.
    const withoutPassword = new URL(url);
    withoutPassword.password = '';
    const result = await copyDatabase({ from: path, to: withoutPassword.toString(), env: { PGPASSWORD: password() } });
    expect(result).toMatchObject({ sourceVersion: 13, schemaVersion: LATEST_SCHEMA_VERSION, sourceMigrated: true });
    expect(fileHash(path)).toBe(hash);
    const file = new BetterSqlite3(path, { readonly: true });
    expect(file.pragma('user_version', { simple: true })).toBe(13);
    file.close();
    target = await openPgStore(url, { folder: dir });
    expect(await target.db.selectFrom('packages').select(['id', 'name', 'markup_fixed_e8']).execute()).toEqual([{ id: 1, name: 'Old', markup_fixed_e8: 100 }]);
  });

  it('gives one line and exit 1 for a file it cannot copy or a server it cannot use, the password never shown', async () => {
    const url = await emptyDatabase();
    const oneLine = async (argv: string[], message: RegExp | string): Promise<void> => {
      const run = await cli(...argv);
      expect(run.code, run.err).toBe(1);
      expect(run.err.trim().split('\n')).toHaveLength(1);
      expect(run.err).toMatch(message);
      expect(run.err).not.toContain(password());
    };
    await oneLine(['db', 'copy', '--from', join(dir, 'missing.db'), '--to', url], 'Cannot read');
    await oneLine(['db', 'copy', '--from', dir, '--to', url], 'folder');
    writeFileSync(join(dir, 'notes.txt'), 'not a database at all, just some words in a file\n'.repeat(100));
    await oneLine(['db', 'copy', '--from', join(dir, 'notes.txt'), '--to', url], 'file is not a database');
    writeFileSync(join(dir, 'empty.db'), '');
    await oneLine(['db', 'copy', '--from', join(dir, 'empty.db'), '--to', url], 'it is empty');
    const newer = join(dir, 'newer.db');
    copyFileSync(source, newer);
    const file = new BetterSqlite3(newer);
    file.pragma('user_version = 99');
    file.close();
    await oneLine(['db', 'copy', '--from', newer, '--to', url], /newer version of Reseller Console \(schema 99/);
    await oneLine(['db', 'copy', '--from', source, '--to', 'mysql://someone@host/db'], 'starts with postgres://');
    await oneLine(['db', 'copy', '--from', source, '--to', 'postgres://'], 'PostgreSQL URL');
    await oneLine(['db', 'copy', '--from', source, '--to', url.replace(`:${password()}@`, ':wrong-password@')], 'password authentication failed');
    await oneLine(['db', 'copy', '--from', source, '--to', url.replace(/\/[^/]+$/, '/no_such_database')], 'does not exist');
    await oneLine(['db', 'copy', '--from', source, '--to', url.replace(/:\d+\//, ':1/')], 'ECONNREFUSED');
    await oneLine(['db', 'copy', '--from', source], 'db copy needs --to');
    await oneLine(['db', 'copy', '--to', url], 'db copy needs --from');
    // None of these wrote anything: the database is still empty, not even migrated.
    const probe = new pg.Client({ connectionString: url });
    await probe.connect();
    try {
      expect((await probe.query(`select to_regclass('schema_version') as t`)).rows).toEqual([{ t: null }]);
    } finally {
      await probe.end();
    }
  });

  it('refuses a file whose money does not add up, and the checks find a server whose money does not', async () => {
    const broken = join(dir, 'broken.db');
    copyFileSync(source, broken);
    const file = new BetterSqlite3(broken);
    file.prepare('update clients set balance_micros = balance_micros + 1 where id = 4').run();
    file.close();
    const url = await emptyDatabase();
    const refused = await cli('db', 'copy', '--from', broken, '--to', url);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/does not add up \(client 4's balance is .* but its ledger sums to .*\); a copy would carry that over, so nothing was copied/);

    // On the server: a copy that checks out, then an entry the ledger door never posted (no balance, no rollup), a number taken twice.
    await copyDatabase({ from: source, to: url });
    target = await openPgStore(url, { folder: dir });
    expect(moneyProblems(await moneyFacts(target.db))).toEqual([]);
    await target.db
      .insertInto('ledger_entries')
      .values({ client_id: 1, kind: 'charge', amount_micros: -5_000_000, description: 'Behind the door', occurred_on: '2026-11-20', created_at: NOW.toISOString() })
      .execute();
    await target.db.updateTable('invoice_numbering').set({ last_number: 1 }).execute();
    const problems = moneyProblems(await moneyFacts(target.db));
    expect(problems).toEqual([
      expect.stringMatching(/^client 1's balance is .* but its ledger sums to /),
      expect.stringMatching(/^ledger_totals for client 1, 2026-11, charge holds .*; the ledger has -5000000 micros in 1 entries$/),
      expect.stringMatching(/^invoice_numbering\.last_number is 1, the highest number issued \d+$/),
    ]);
  });

  it('leaves nothing behind when a row cannot be written, its constraints as they were, and the next run copies', async () => {
    const bad = join(dir, 'bad-row.db');
    copyFileSync(source, bad);
    const file = new BetterSqlite3(bad);
    // PostgreSQL's text holds no NUL character: the calls' COPY fails, after every table before it went in.
    file.prepare(`update calls set destination = 'x' || char(0) || 'y' where id = (select max(id) from calls)`).run();
    file.close();
    const url = await emptyDatabase();
    const fresh = await emptyDatabase();
    const migrated = await openPgStore(fresh, { folder: dir });
    const schema = await constraintsAndIndexes(migrated);
    await migrated.close();
    // bulkMinRows: the demo's 3,000 calls (and its ledger) go in before their indexes and foreign keys, as a reseller's millions do.
    await expect(copyDatabase({ from: bad, to: url, bulkMinRows: 1000 })).rejects.toThrow(/rolled back; the server holds nothing of it: .*0x00/);
    target = await openPgStore(url, { folder: dir });
    expect(await tablesHoldingRows(target.db, sourceTableNames(source))).toEqual([]);
    expect(await constraintsAndIndexes(target)).toEqual(schema);

    const result = await copyDatabase({ from: source, to: url, bulkMinRows: 1000 });
    expect(await constraintsAndIndexes(target)).toEqual(schema);
    await expectSameRows(source, target, result);
  });
});

/** Every constraint and index of the schema, by PostgreSQL's own definition. */
async function constraintsAndIndexes(store: PgStore): Promise<string[]> {
  const result = await sql<{ line: string }>`
    select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) as line from pg_constraint
      where connamespace = current_schema()::regnamespace
    union all
    select indexdef from pg_indexes where schemaname = current_schema()
    order by 1`.execute(store.db);
  return result.rows.map((row) => row.line);
}
