import { basename, extname } from 'node:path';
import { AppError } from '../errors';
import { backupDatabase, backupStatus, checkBackupFile, saveBackupSettings } from '../services/backup';
import type { ServiceContext } from '../services/context';
import type { ExportTargets } from '../services/exportTargets';
import { FileUploads, type FileAccess } from '../services/fileGrants';
import { localDate } from '../services/clock';
import type { PartialHandlerTable } from './table';
import { readFileSync, statSync } from 'node:fs';
import type { ChosenFileContent } from '../../preload/schemas/files';
import { MAX_LOGO_CHARS } from '../../preload/common/invoiceLimits';
import { parseCdrFile } from '../cdr';
import { IMPORT_BATCH_SIZE } from '../services/calls/importCalls';
import type { ImportJobs } from '../services/calls/jobs';

/** The largest DID list or rates file read for the window (the channels that take their text allow 8 MB at most). */
const MAX_TEXT_BYTES = 8_000_000;

/** A logo's type by its first bytes (its name may say anything): PNG or JPEG, or null. */
function imageType(bytes: Buffer): 'image/png' | 'image/jpeg' | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

/** A small chosen file for the window: text, or a logo as a data URL; refused with why when too big or not what it should be. */
function readChosenFile(file: { path: string; name: string }, purpose: 'dids' | 'logo' | 'costs'): ChosenFileContent {
  const size = statSync(file.path).size;
  const refuse = (message: string): never => {
    throw new AppError('invalid_input', message, [{ path: 'file', message }]);
  };
  if (size === 0) refuse(`${file.name} is empty.`);
  if (purpose === 'logo') {
    const bytes = readFileSync(file.path);
    const type = imageType(bytes);
    if (!type) refuse(`${file.name} is not a PNG or JPEG image.`);
    const dataUrl = `data:${type};base64,${bytes.toString('base64')}`;
    if (dataUrl.length > MAX_LOGO_CHARS) refuse(`${file.name} is too large for a logo.`);
    return { name: file.name, bytes: size, text: null, dataUrl };
  }
  if (size > MAX_TEXT_BYTES) refuse(`${file.name} is larger than 8 MB.`);
  return { name: file.name, bytes: size, text: readFileSync(file.path, 'utf8'), dataUrl: null };
}

/**
 * Chosen files and backups (issue 14). `backup.restore` replaces the database file, so only
 * the app's workspace serves it (it closes the file first); a table on one file refuses.
 */
export function backupHandlers(ctx: ServiceContext, files: FileAccess, exports: ExportTargets, imports: ImportJobs) {
  const uploads = new FileUploads(files);
  return {
    'files.read': ({ grant, purpose }) => Promise.resolve(readChosenFile(files.grants.file(grant, purpose), purpose)),
    'calls.importFile': ({ grant, format }) => {
      const file = files.grants.file(grant, 'cdr');
      files.grants.revoke(grant);
      return Promise.resolve(
        imports.startBatches({
          source: file.name,
          totalBytes: statSync(file.path).size,
          batches: parseCdrFile(file.path, format, { batchSize: IMPORT_BATCH_SIZE }),
          ...(format ? { format } : {}),
        }),
      );
    },
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
