import { ServerLocationError } from '../../db/pg';
import { AppError } from '../errors';
import { copyDatabase, type DbCopyProgress, type DbCopyResult } from '../services/dbCopy/index';
import { readableFile } from './files';
import { parseCommandOptions, print, requireOption } from './options';
import { UserError, type FileCommand } from './run';

const count = (value: number): string => value.toLocaleString('en-US');

/** Progress on stderr, at most once a second: a small file copies without a line of it. */
function progressPrinter(err: (text: string) => void): (progress: DbCopyProgress) => void {
  const started = Date.now();
  let last = started;
  return (progress) => {
    const now = Date.now();
    if (now - last < 1000) return;
    last = now;
    err(
      `db copy [${((now - started) / 1000).toFixed(1)} s] table ${progress.tablesDone + 1} of ${progress.tables}, ${progress.table}: ${count(progress.rows)} of ${count(progress.tableRows)} rows`,
    );
  };
}

function human(result: DbCopyResult): string {
  const width = Math.max(...result.tables.map((table) => table.name.length));
  const { verified } = result;
  const invoices = verified.invoices;
  const numbering =
    invoices.count === 0
      ? 'no invoices'
      : `invoice numbers ${invoices.first}..${invoices.last}, no repeat, ` +
        (invoices.jumps.length === 0 ? 'no gap' : `${invoices.jumps.length} jump(s) where the file's series jumps (${invoices.jumps.map(([a, b]) => `${a}→${b}`).join(', ')})`) +
        `, last_number ${invoices.lastNumber}`;
  return [
    `Copied ${result.from} (schema ${result.sourceVersion}${result.sourceMigrated ? `, migrated to ${result.schemaVersion} in a temp copy; the file was not changed` : ''}) to ${result.to}:`,
    `  ${count(result.rows)} rows in ${result.tables.length} tables, ${(result.durationMs / 1000).toFixed(1)} s`,
    ...result.tables.filter((table) => table.rows > 0).map((table) => `    ${table.name.padEnd(width)}  ${count(table.rows).padStart(12)}`),
    `Verified: row counts equal in ${verified.tables} tables; ${count(verified.balances)} balances equal their ledger (${count(verified.ledgerEntries)} entries);`,
    `  ledger_totals equals its recomputed group by (${count(verified.ledgerTotals)} rows); ${numbering};`,
    `  ${verified.sequences} id sequences continue after the highest id copied.`,
  ].join('\n');
}

/** A refusal of the service (a file, a URL, a non-empty target) is the person's to fix: one line, exit 1. */
async function userFacing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ServerLocationError) throw new UserError(error.message);
    if (error instanceof AppError && error.code !== 'internal') throw new UserError(error.message);
    throw error;
  }
}

/** Issue 16: `db copy` moves a reseller's file to a team server (PostgreSQL); it opens no store of its own. */
export const dbCommands: FileCommand[] = [
  {
    name: 'db copy',
    usage: 'db copy --from F --to postgres://user@host/db [--json]   copy a SQLite file into an empty PostgreSQL database and verify it (password: the URL or PGPASSWORD)',
    withoutStore: true,
    async run(ctx) {
      const { values, positionals } = parseCommandOptions(ctx, { from: { type: 'string' }, to: { type: 'string' } });
      if (positionals.length > 0) throw new UserError(`db copy takes no argument "${positionals[0]}"`);
      const from = requireOption(values.from, 'db copy', '--from F');
      const to = requireOption(values.to, 'db copy', '--to postgres://user@host/database');
      await readableFile(from);
      const result = await userFacing(() => copyDatabase({ from, to, onProgress: progressPrinter(ctx.io.err) }));
      print(ctx, result, human(result));
    },
  },
];
