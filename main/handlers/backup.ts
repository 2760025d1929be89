import { basename, extname } from 'node:path';
import { AppError } from '../errors';
import { backupDatabase, backupStatus, checkBackupFile, refuseOnTeamServer, saveBackupSettings, TEAM_SERVER_BACKUPS, teamServerBackupStatus } from '../services/backup';
import type { ServiceContext } from '../services/context';
import type { ExportTargets } from '../services/exportTargets';
import { FileUploads, type FileAccess } from '../services/fileGrants';
import { localDate } from '../services/clock';
import type { PartialHandlerTable } from './table';
import { readFileSync, statSync } from 'node:fs';
import type { ChosenFileContent, FileReadPurpose } from '../../preload/schemas/files';
import { MAX_LOGO_CHARS } from '../../preload/common/invoiceLimits';
import { MAX_BRANDING_IMAGE_CHARS, imageTypeOf } from '../../preload/common/branding';
import { parseCdrFile } from '../cdr';
import { IMPORT_BATCH_SIZE } from '../services/calls/importCalls';
import type { ImportJobs } from '../services/calls/jobs';

/** The largest DID list or rates file read for the window (the channels that take their text allow 8 MB at most). */
const MAX_TEXT_BYTES = 8_000_000;

/** The largest data URL of each image purpose: an invoice logo, a branding image (2 MB of file). */
const MAX_IMAGE_CHARS = { logo: MAX_LOGO_CHARS, brandingImage: MAX_BRANDING_IMAGE_CHARS } as const;
const IMAGE_WHAT = { logo: 'a logo', brandingImage: 'a branding image (at most 2 MB)' } as const;

/** A small chosen file for the window: text, or an image as a data URL; refused with why when too big or not what it should be. */
function readChosenFile(file: { path: string; name: string }, purpose: FileReadPurpose): ChosenFileContent {
  const size = statSync(file.path).size;
  const refuse = (message: string): never => {
    throw new AppError('invalid_input', message, [{ path: 'file', message }]);
  };
  if (size === 0) refuse(`${file.name} is empty.`);
  if (purpose === 'logo' || purpose === 'brandingImage') {
    // Read no more than an image may be: a huge file chosen by mistake is refused by its size first.
    if (size > MAX_IMAGE_CHARS[purpose]) refuse(`${file.name} is too large for ${IMAGE_WHAT[purpose]}.`);
    const bytes = readFileSync(file.path);
    // The type by the first bytes (its name may say anything): a renamed program or an SVG is refused.
    const type = imageTypeOf(bytes);
    if (!type) refuse(`${file.name} is not a PNG or JPEG image.`);
    const dataUrl = `data:${type};base64,${bytes.toString('base64')}`;
    if (dataUrl.length > MAX_IMAGE_CHARS[purpose]) refuse(`${file.name} is too large for ${IMAGE_WHAT[purpose]}.`);
    return { name: file.name, bytes: size, text: null, dataUrl };
  }
  if (size > MAX_TEXT_BYTES) refuse(`${file.name} is larger than 8 MB.`);
  return { name: file.name, bytes: size, text: readFileSync(file.path, 'utf8'), dataUrl: null };
}

/**
 * Chosen files and backups (issue 14). `backup.restore` replaces the database file, so only
 * the app's workspace serves it (it closes the file first); a table on one file refuses.
 * Issue 16: on a team server (PostgreSQL) backups, their settings and a restore are refused
 * with what to use instead (backup.ts, TEAM_SERVER_BACKUPS), and the status says so.
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
      const store = ctx.store;
      if (store.dialect === 'postgres') refuseOnTeamServer();
      const name = basename(store.path, extname(store.path));
      const destination = await exports.file(`${name}-backup-${localDate(ctx.now())}.db`);
      if (!destination) return null;
      const made = await backupDatabase(store.path, destination.path);
      return { shownAs: destination.shownAs, downloadUrl: destination.downloadUrl, bytes: made.bytes };
    },
    'backup.status': () => (ctx.store.dialect === 'postgres' ? Promise.resolve(teamServerBackupStatus()) : backupStatus(ctx.store)),
    'backup.saveSettings': async (input) => {
      const store = ctx.store;
      if (store.dialect === 'postgres') refuseOnTeamServer();
      await saveBackupSettings(store.db, input);
      return backupStatus(store);
    },
    'backup.inspect': ({ grant }) => {
      const file = files.grants.file(grant, 'restore');
      return Promise.resolve({ name: file.name, ...checkBackupFile(file.path) });
    },
    'backup.restore': () =>
      Promise.reject(ctx.store.dialect === 'postgres' ? new AppError('conflict', TEAM_SERVER_BACKUPS) : new AppError('conflict', 'This database was opened on its own (--db): restore it with the command line (restore --from F)')),
  } satisfies PartialHandlerTable;
}
