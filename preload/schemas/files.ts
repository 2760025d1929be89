import { z } from 'zod';
import { BACKUP_KEEP_LIMITS } from '../common/limits';
import { TEXT_LIMITS, textField } from './fields';

/** What a file is chosen for: each has its own Open dialog filter, and a grant serves only its purpose. */
export const filePurposes = ['restore', 'cdr', 'dids', 'logo', 'costs', 'brandingImage'] as const;
export type FilePurpose = (typeof filePurposes)[number];

export const fileChooseInput = z.object({ purpose: z.enum(filePurposes) }).strict();

/** A file the person chose: a grant naming it in main (never its path), its name and size to show. */
export interface ChosenFile {
  grant: string;
  name: string;
  bytes: number;
}

const grant = z.string().max(36, 'Choose the file again').uuid('Choose the file again');

export const grantInput = z.object({ grant }).strict();

/** The largest file the window may upload to main (a backup of a big database). */
export const MAX_UPLOAD_BYTES = 8_000_000_000;

export const uploadBeginInput = z
  .object({
    purpose: z.enum(filePurposes),
    name: textField('File name', TEXT_LIMITS.fileName).min(1, 'File name is required'),
    bytes: z.number().int().min(1, 'The file is empty').max(MAX_UPLOAD_BYTES, 'The file is too large'),
  })
  .strict();

export const uploadChunkInput = z
  .object({
    uploadId: z.string().max(36).uuid(),
    /** A piece of the file, base64: at most 3 MB of file a piece. */
    base64: z.string().max(4_000_000, 'Send pieces of at most 3 MB'),
    last: z.boolean(),
  })
  .strict();

export type UploadProgress = ChosenFile | { uploadId: string; received: number };

/** What a backup file holds, checked before a restore is offered. */
export interface BackupFileView {
  name: string;
  schemaVersion: number;
  clients: number;
  calls: number;
}

export interface BackupMade {
  /** Where it went (Electron: the path chosen), or its file name once downloaded (headless host). */
  shownAs: string;
  downloadUrl: string | null;
  bytes: number;
}

export interface RestoreDone extends BackupFileView {
  /** Where the database it replaced was kept. */
  keptAside: string;
}

export const backupSettingsInput = z
  .object({
    daily: z.boolean(),
    keep: z
      .number({ error: 'Keep a whole number of backups' })
      .int('Keep a whole number of backups')
      .min(BACKUP_KEEP_LIMITS.min, `Keep at least ${BACKUP_KEEP_LIMITS.min} backup`)
      .max(BACKUP_KEEP_LIMITS.max, `Keep at most ${BACKUP_KEEP_LIMITS.max} backups`),
  })
  .strict();

export interface BackupStatus {
  daily: boolean;
  keep: number;
  /** Where the daily backups go (beside the database). */
  folder: string;
  /** The daily backups there, newest first. */
  recent: { name: string; date: string; bytes: number }[];
  /**
   * Issue 16: why the app makes no backup of this database, or null. A team server's
   * (PostgreSQL) is backed up by the server's own tools (pg_dump): the Backups screen shows
   * this instead of its buttons.
   */
  teamServer: string | null;
}

/** The purposes whose file the window reads through its grant (files.read). */
export const fileReadPurposes = ['dids', 'logo', 'costs', 'brandingImage'] as const;
export type FileReadPurpose = (typeof fileReadPurposes)[number];

/** What the window reads of a small chosen file (a DID list, provider rates, a logo, a branding image): never its path. */
export const fileReadInput = z.object({ grant, purpose: z.enum(fileReadPurposes) }).strict();

export interface ChosenFileContent {
  name: string;
  bytes: number;
  /** A DID list's or a rates file's text (UTF-8); null for an image. */
  text: string | null;
  /** A logo or branding image as a data URL (PNG or JPEG, by its first bytes, whatever its name); null otherwise. */
  dataUrl: string | null;
}

/** A CDR file chosen with the desktop app's Open dialog, read by main from where it is (no upload). */
export const importFileInput = z.object({ grant, format: z.enum(['voipms-json', 'voipms-csv']).optional() }).strict();
