import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ChosenFile, FilePurpose } from '../../preload/schemas/files';
import { AppError } from '../errors';

/**
 * Files the person chose (issue 14). The window never sees or sends a file-system path: the
 * host's Open dialog (Electron) or an upload into main (the headless host) gives main a path,
 * and the window gets a grant — a random token naming that one file for one purpose, for a
 * short while. A channel that reads a chosen file takes the grant, never a path.
 */
export const GRANT_TTL_MS = 10 * 60_000;

interface Grant {
  path: string;
  name: string;
  purpose: FilePurpose;
  expires: number;
}

export class FileGrants {
  private readonly grants = new Map<string, Grant>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = GRANT_TTL_MS,
  ) {}

  /** A grant for `path`, chosen for `purpose`. */
  grant(path: string, purpose: FilePurpose, name = basename(path)): ChosenFile {
    this.sweep();
    const grant = randomUUID();
    this.grants.set(grant, { path, name, purpose, expires: this.now() + this.ttlMs });
    let bytes = 0;
    try {
      bytes = statSync(path).size;
    } catch {
      bytes = 0;
    }
    return { grant, name, bytes };
  }

  /** The path a grant names, while it lasts and for the purpose it was given for; refused otherwise. */
  path(grant: string, purpose: FilePurpose): string {
    return this.file(grant, purpose).path;
  }

  /** The file a grant names (its path, and the name the person knows it by), while it lasts, for its purpose. */
  file(grant: string, purpose: FilePurpose): { path: string; name: string } {
    const found = this.grants.get(grant);
    if (!found || found.expires <= this.now()) {
      this.grants.delete(grant);
      throw new AppError('invalid_input', 'That file choice has expired: choose the file again.', [{ path: 'grant', message: 'Choose the file again' }]);
    }
    if (found.purpose !== purpose) throw new AppError('invalid_input', 'That file was chosen for something else: choose it again here.', [{ path: 'grant', message: 'Choose the file again' }]);
    return { path: found.path, name: found.name };
  }

  /** Ends a grant (used once: a restore). */
  revoke(grant: string): void {
    this.grants.delete(grant);
  }

  private sweep(): void {
    const now = this.now();
    for (const [grant, found] of this.grants) if (found.expires <= now) this.grants.delete(grant);
  }
}

/** The host's Open dialog: a path the person chose for `purpose`, or null when cancelled. */
export type FilePicker = (purpose: FilePurpose) => Promise<string | null>;

/** What a host gives the handlers for chosen files: the grants, and its Open dialog when it has one. */
export interface FileAccess {
  grants: FileGrants;
  picker: FilePicker | null;
  /** Where uploads land (the headless host): a folder of main's own. */
  uploadsDir: string;
}

interface Upload {
  purpose: FilePurpose;
  name: string;
  bytes: number;
  received: number;
  path: string;
  file: number;
  expires: number;
}

/**
 * Uploads from a window that has no Open dialog of main's (the headless host in a browser):
 * the file comes in pieces into the uploads folder, and its last piece returns a grant as a
 * dialog would. An upload left unfinished past the grants' lifetime is dropped with its file.
 */
export class FileUploads {
  private readonly uploads = new Map<string, Upload>();

  constructor(
    private readonly access: FileAccess,
    private readonly now: () => number = Date.now,
  ) {}

  begin(input: { purpose: FilePurpose; name: string; bytes: number }): { uploadId: string } {
    this.sweep();
    mkdirSync(this.access.uploadsDir, { recursive: true });
    const uploadId = randomUUID();
    // Main's own name for the file; the person's name is only shown.
    const path = join(this.access.uploadsDir, `${uploadId}.upload`);
    this.uploads.set(uploadId, { ...input, received: 0, path, file: openSync(path, 'wx', 0o600), expires: this.now() + GRANT_TTL_MS });
    return { uploadId };
  }

  chunk(input: { uploadId: string; base64: string; last: boolean }): Promise<ChosenFile | { uploadId: string; received: number }> {
    const upload = this.uploads.get(input.uploadId);
    if (!upload) return Promise.reject(new AppError('not_found', 'That upload was not found: choose the file again.'));
    const piece = Buffer.from(input.base64, 'base64');
    if (upload.received + piece.length > upload.bytes) {
      this.abandon(input.uploadId);
      return Promise.reject(new AppError('invalid_input', 'The file sent is bigger than announced: choose it again.'));
    }
    writeSync(upload.file, piece);
    upload.received += piece.length;
    if (!input.last) return Promise.resolve({ uploadId: input.uploadId, received: upload.received });
    closeSync(upload.file);
    this.uploads.delete(input.uploadId);
    if (upload.received !== upload.bytes) {
      rmSync(upload.path, { force: true });
      return Promise.reject(new AppError('invalid_input', 'The file sent is smaller than announced: choose it again.'));
    }
    return Promise.resolve(this.access.grants.grant(upload.path, upload.purpose, upload.name));
  }

  private abandon(uploadId: string): void {
    const upload = this.uploads.get(uploadId);
    if (!upload) return;
    closeSync(upload.file);
    rmSync(upload.path, { force: true });
    this.uploads.delete(uploadId);
  }

  private sweep(): void {
    const now = this.now();
    for (const [uploadId, upload] of this.uploads) if (upload.expires <= now) this.abandon(uploadId);
  }
}
