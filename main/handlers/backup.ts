import { basename, extname } from 'node:path';
import { AppError } from '../errors';
import { backupDatabase, backupStatus, checkBackupFile, saveBackupSettings } from '../services/backup';
import type { ServiceContext } from '../services/context';
import type { ExportTargets } from '../services/exportTargets';
import { FileUploads, type FileAccess } from '../services/fileGrants';
import { localDate } from '../services/clock';
import type { PartialHandlerTable } from './table';

/**
 * Chosen files and backups (issue 14). `backup.restore` replaces the database file, so only
 * the app's workspace serves it (it closes the file first); a table on one file refuses.
 */
export function backupHandlers(ctx: ServiceContext, files: FileAccess, exports: ExportTargets) {
  const uploads = new FileUploads(files);
  return {
    'files.choose': async ({ purpose }) => {
      if (!files.picker) throw new AppError('conflict', 'This window sends the file itself (files.uploadBegin): there is no Open dialog here');
      const path = await files.picker(purpose);
      return path === null ? null : files.grants.grant(path, purpose);
    },
    'files.uploadBegin': (input) => Promise.resolve(uploads.begin(input)),
    'files.uploadChunk': (input) => uploads.chunk(input),
    'backup.create': async () => {
      const name = basename(ctx.store.path, extname(ctx.store.path));
      const destination = await exports.file(`${name}-backup-${localDate(ctx.now())}.db`);
      if (!destination) return null;
      const made = await backupDatabase(ctx.store.path, destination.path);
      return { shownAs: destination.shownAs, downloadUrl: destination.downloadUrl, bytes: made.bytes };
    },
    'backup.status': () => backupStatus(ctx.db, ctx.store.path),
    'backup.saveSettings': async (input) => {
      await saveBackupSettings(ctx.db, input);
      return backupStatus(ctx.db, ctx.store.path);
    },
    'backup.inspect': ({ grant }) => {
      const file = files.grants.file(grant, 'restore');
      return Promise.resolve({ name: file.name, ...checkBackupFile(file.path) });
    },
    'backup.restore': () => Promise.reject(new AppError('conflict', 'This database was opened on its own (--db): restore it with the command line (restore --from F)')),
  } satisfies PartialHandlerTable;
}
