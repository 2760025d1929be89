import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError } from '../errors';
import { backupDatabase, replaceDatabaseFile } from '../services/backup';
import { openStore } from '../../db/open';
import { parseCommandOptions, print, requireOption } from './options';
import { readableFile } from './files';
import { UserError, type FileCommand } from './run';

const megabytes = (bytes: number): string => `${(bytes / 1_000_000).toFixed(1)} MB`;

/** A service's refusal (a damaged file, a newer version) is the person's to fix: one line, exit 1. */
async function userFacing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.code !== 'internal') throw new UserError(error.message);
    throw error;
  }
}

/**
 * `backup` and `restore` work on the database file itself, not through the handler table:
 * the command line opens no connection of its own for them (a restore replaces the file).
 */
export const backupCommands: FileCommand[] = [
  {
    name: 'backup',
    usage: 'backup --out F [--force]                          a copy of the database, safe while the app or an import writes',
    withoutStore: true,
    async run(ctx) {
      const { values } = parseCommandOptions(ctx, { out: { type: 'string' }, force: { type: 'boolean' } });
      const out = resolve(requireOption(values.out, 'backup', '--out F'));
      if (!existsSync(ctx.databasePath)) throw new UserError(`There is no database at ${ctx.databasePath} to back up`);
      if (existsSync(out) && !values.force) throw new UserError(`${out} already exists: choose another name, or add --force to replace it`);
      if (existsSync(out) && !statSync(out).isFile()) throw new UserError(`${out} is a folder or a device, not a file`);
      if (!existsSync(dirname(out))) throw new UserError(`The folder ${dirname(out)} does not exist`);
      const result = await userFacing(() => backupDatabase(ctx.databasePath, out));
      print(ctx, result, `Backed up ${ctx.databasePath} to ${result.path} (${megabytes(result.bytes)}, schema ${result.schemaVersion}); it passed SQLite's integrity check.`);
    },
  },
  {
    name: 'restore',
    usage: 'restore --from F                                 replace the database with a backup (checked first; the old one is kept aside). Close the app first',
    withoutStore: true,
    async run(ctx) {
      const { values } = parseCommandOptions(ctx, { from: { type: 'string' } });
      const from = resolve(requireOption(values.from, 'restore', '--from F'));
      await readableFile(from);
      if (resolve(from) === resolve(ctx.databasePath)) throw new UserError('That backup is the database itself');
      const result = await userFacing(() =>
        replaceDatabaseFile(ctx.databasePath, from, ctx.now(), async () => {
          // Opened once: migrated to this version, then closed (the app opens it next).
          const store = await openStore(ctx.databasePath);
          await store.close();
        }),
      );
      print(
        ctx,
        result,
        `Restored ${ctx.databasePath} from ${from}: ${result.clients} clients, ${result.calls} calls (schema ${result.schemaVersion}).\nThe database it replaced is kept at ${result.keptAside}.`,
      );
    },
  },
];
