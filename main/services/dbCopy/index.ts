import { dirname, resolve } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import { LATEST_SCHEMA_VERSION } from '../../../db/migrations/index';
import { openPgStore, pgPoolConfig, redactedUrl } from '../../../db/pg';
import type { Database } from '../../../db/schema';
import { AppError } from '../../errors';
import { BULK_MIN_ROWS, withConstraintsAfter } from './bulk';
import { moneyFacts, moneyProblems, numberingFacts, type MoneyFacts } from './checks';
import { copyTableRows, quoteIdentifier } from './rows';
import { openCopySource, type CopySource } from './source';
import { copyOrder, readSourceTables, type CopyTable } from './tables';
import { checkTargetBeforeMigrating, onConnection, refusedNotEmpty, SEEDED_BY_MIGRATIONS, tablesHoldingRows, unreachable } from './target';

/**
 * Issue 16, `db copy --from reseller.db --to postgres://…`: moves a reseller's SQLite file to
 * a team server. The file is only read (an older one through a migrated temp copy); the
 * server's database must be empty. Every table goes over in foreign-key order, all in one
 * transaction with the checks at its end: a copy that fails, or does not check out, commits
 * nothing, and the next run finds the database as empty as before.
 */

export interface DbCopyProgress {
  table: string;
  /** Rows of this table written so far, of `tableRows`. */
  rows: number;
  tableRows: number;
  /** Tables finished before this one, of `tables`. */
  tablesDone: number;
  tables: number;
}

export interface DbCopyOptions {
  from: string;
  to: string;
  /** Where PGPASSWORD (and PGUSER) are read; process.env unless given. */
  env?: NodeJS.ProcessEnv;
  onProgress?: (progress: DbCopyProgress) => void;
  /** From how many rows a table's indexes and foreign keys are built after its rows (tests lower it to take that path with the demo). */
  bulkMinRows?: number;
}

export interface DbCopyResult {
  from: string;
  /** The server's URL without its password. */
  to: string;
  /** The source file's version as found, and the version both databases have now. */
  sourceVersion: number;
  schemaVersion: number;
  /** Whether an older file was migrated (in a temp copy) before its rows were read. */
  sourceMigrated: boolean;
  tables: { name: string; rows: number }[];
  rows: number;
  durationMs: number;
  verified: {
    /** Tables whose row count on the server equals the file's. */
    tables: number;
    /** Clients whose balance equals the sum of their ledger. */
    balances: number;
    ledgerEntries: number;
    /** ledger_totals rows equal to the `group by` of the ledger recomputed on the server. */
    ledgerTotals: number;
    invoices: { count: number; first: number | null; last: number | null; lastNumber: number; jumps: [number, number][] };
    /** Identity sequences moved past the highest id copied. */
    sequences: number;
  };
}

export async function copyDatabase(options: DbCopyOptions): Promise<DbCopyResult> {
  const started = performance.now();
  const from = resolve(options.from);
  const env = options.env ?? process.env;
  // The URL first: a typo is said before a big file is read.
  const config = pgPoolConfig(options.to, { env });
  const source = await openCopySource(from);
  try {
    const tables = copyOrder(readSourceTables(source.sqlite));
    // The server next, before the file's checks and counts (seconds on a big file): refused or unreachable, said at once.
    await checkTargetBeforeMigrating(options.to, config, tables.map((table) => table.name));
    const sourceFacts = await moneyFacts(source.db);
    const sourceProblems = moneyProblems(sourceFacts);
    if (sourceProblems.length > 0) {
      throw new AppError(
        'invalid_input',
        `${from} does not add up (${sourceProblems.join('; ')}); a copy would carry that over, so nothing was copied`,
      );
    }
    const sourceCounts = new Map(tables.map((table) => [table.name, countRows(source, table.name)]));
    const store = await openPgStore(options.to, { folder: dirname(from), env, maxConnections: 2 }).catch((error: unknown) => {
      throw unreachable(options.to, error);
    });
    try {
      const client = await store.pool.connect().catch((error: unknown) => {
        throw unreachable(options.to, error);
      });
      try {
        const copied = await copyInOneTransaction(client, source, tables, sourceCounts, sourceFacts, options);
        // The planner's statistics of what was just copied, so the first instances opening it plan with them, not
        // waiting for autovacuum (without them invoices/issue.ts's anti-join plans a nested loop that grows with the
        // ledger). The copy stands committed whatever happens here: ANALYZE only refreshes statistics.
        await client.query('analyze').catch(() => undefined);
        return {
          from,
          to: redactedUrl(options.to),
          sourceVersion: source.foundVersion,
          schemaVersion: LATEST_SCHEMA_VERSION,
          sourceMigrated: source.migrated,
          tables: copied.tables,
          rows: copied.tables.reduce((sum, table) => sum + table.rows, 0),
          durationMs: Math.round(performance.now() - started),
          verified: copied.verified,
        };
      } finally {
        client.release();
      }
    } finally {
      await store.close();
    }
  } finally {
    await source.close();
  }
}

function countRows(source: CopySource, table: string): number {
  const row = source.sqlite.prepare(`select count(*) from ${quoteIdentifier(table)}`).pluck().get();
  return Number(row);
}

async function copyInOneTransaction(
  client: pg.PoolClient,
  source: CopySource,
  tables: CopyTable[],
  sourceCounts: Map<string, number>,
  sourceFacts: MoneyFacts,
  options: DbCopyOptions,
): Promise<Pick<DbCopyResult, 'tables' | 'verified'>> {
  const db = onConnection(client);
  await client.query('begin');
  try {
    // Two copies into one database at once: the second waits here, then finds the first's rows.
    await sql`select pg_advisory_xact_lock(hashtext('reseller-console:db-copy'))`.execute(db);
    const holding = await tablesHoldingRows(db, tables.map((table) => table.name));
    if (holding.length > 0) throw refusedNotEmpty(options.to, holding);
    await checkSameColumns(db, tables);
    const copied: { name: string; rows: number }[] = [];
    for (const [index, table] of tables.entries()) {
      const tableRows = sourceCounts.get(table.name) ?? 0;
      const report = (rows: number): void => options.onProgress?.({ table: table.name, rows, tableRows, tablesDone: index, tables: tables.length });
      report(0);
      if (SEEDED_BY_MIGRATIONS.has(table.name) && tableRows > 0) await sql`delete from ${sql.table(table.name)}`.execute(db);
      const rows = tableRows > 0 ? await withConstraintsAfter(db, table.name, tableRows >= (options.bulkMinRows ?? BULK_MIN_ROWS), () => copyTableRows(source.sqlite, client, table, report)) : 0;
      copied.push({ name: table.name, rows });
    }
    const sequences = await moveSequences(db, tables);
    const verified = await verify(db, tables, sourceCounts, sourceFacts);
    await client.query('commit');
    return { tables: copied, verified: { ...verified, sequences } };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    const said = unreachable(options.to, error);
    if (said instanceof AppError || !(said instanceof Error)) throw said;
    const failed = new AppError('internal', `The copy failed and was rolled back; the server holds nothing of it: ${said.message}`);
    failed.cause = said;
    throw failed;
  } finally {
    await db.destroy();
  }
}

/** The server's tables have every column the file's have (both at the latest version: a difference is a bug of the migrations). */
async function checkSameColumns(db: Kysely<Database>, tables: CopyTable[]): Promise<void> {
  const result = await sql<{ table_name: string; column_name: string }>`select table_name, column_name from information_schema.columns
    where table_schema = current_schema()`.execute(db);
  const onServer = new Set(result.rows.map((row) => `${row.table_name}.${row.column_name}`));
  const missing = tables.flatMap((table) => table.columns.map((column) => `${table.name}.${column}`)).filter((name) => !onServer.has(name));
  if (missing.length > 0) throw new AppError('internal', `The server's schema lacks ${missing.slice(0, 5).join(', ')}: the same version should have the same columns`);
}

/** Each identity sequence past the highest id copied, so the app's next row continues after them. */
async function moveSequences(db: Kysely<Database>, tables: CopyTable[]): Promise<number> {
  const copied = new Set(tables.map((table) => table.name));
  const identities = await sql<{ table_name: string; column_name: string }>`select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and is_identity = 'YES' order by table_name`.execute(db);
  let moved = 0;
  for (const { table_name: table, column_name: column } of identities.rows) {
    if (!copied.has(table)) continue;
    const result = await sql`select setval(pg_get_serial_sequence(${quoteIdentifier(table)}, ${column}), max(${sql.ref(column)}))
      from ${sql.table(table)} having max(${sql.ref(column)}) is not null`.execute(db);
    moved += result.rows.length;
  }
  return moved;
}

/** The copy checks out: every count equal, the money adds up on the server, the invoice numbers are the file's. */
async function verify(
  db: Kysely<Database>,
  tables: CopyTable[],
  sourceCounts: Map<string, number>,
  sourceFacts: MoneyFacts,
): Promise<Omit<DbCopyResult['verified'], 'sequences'>> {
  const problems: string[] = [];
  for (const table of tables) {
    const result = await sql<{ n: number }>`select count(*) as n from ${sql.table(table.name)}`.execute(db);
    const onServer = Number(result.rows[0]?.n ?? 0);
    const inFile = sourceCounts.get(table.name) ?? 0;
    if (onServer !== inFile) problems.push(`${table.name} has ${onServer} rows on the server, ${inFile} in the file`);
  }
  const facts = await moneyFacts(db);
  problems.push(...moneyProblems(facts));
  const { numbers, lastNumber, nextNumber } = facts.invoices;
  if (numbers.length !== sourceFacts.invoices.numbers.length || numbers.some((number, index) => number !== sourceFacts.invoices.numbers[index])) {
    problems.push('the invoice numbers on the server are not the file\'s');
  }
  if (lastNumber !== sourceFacts.invoices.lastNumber || nextNumber !== sourceFacts.invoices.nextNumber) {
    problems.push(`invoice_numbering is ${nextNumber}/${lastNumber} on the server, ${sourceFacts.invoices.nextNumber}/${sourceFacts.invoices.lastNumber} in the file`);
  }
  if (problems.length > 0) {
    throw new AppError('internal', `The copy does not check out, so it was rolled back and the server holds nothing of it: ${problems.join('; ')}`);
  }
  const numbering = numberingFacts(facts.invoices);
  return {
    tables: tables.length,
    balances: facts.clients,
    ledgerEntries: facts.ledgerEntries,
    ledgerTotals: facts.ledgerTotals,
    invoices: { count: numbering.count, first: numbering.first, last: numbering.last, lastNumber, jumps: numbering.jumps },
  };
}
