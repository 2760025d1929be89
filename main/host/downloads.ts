import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportTargets } from '../services/exportTargets';

/** GET DOWNLOADS_PATH + id: a finished export, once (main/host/server.ts). */
export const DOWNLOADS_PATH = '/api/downloads/';
const DOWNLOAD_ID = /^[0-9a-f]{32}$/;

export interface DownloadFile {
  path: string;
  /** The file's name for the person's Downloads folder. */
  name: string;
  /** Its own folder under the exports folder, removed once served. */
  folder: string;
}

/**
 * The headless host's exports (issue 11): each file is written in its own folder under
 * `dir`, and served once at an unguessable address (128 random bits): the window cannot
 * send the API token with a download it opens, so the address itself is the secret, and it
 * is only told it once the file is complete (the 'export.progress' event of its end).
 */
export class HostDownloads {
  private readonly files = new Map<string, DownloadFile>();

  constructor(private readonly dir: string) {}

  readonly targets: ExportTargets = {
    file: (name) => {
      const id = randomBytes(16).toString('hex');
      const folder = join(this.dir, id);
      mkdirSync(folder, { recursive: true });
      const path = join(folder, name);
      this.files.set(id, { path, name, folder });
      return Promise.resolve({ path, shownAs: name, downloadUrl: `${DOWNLOADS_PATH}${id}` });
    },
    // A folder of files (a month's invoices) cannot be one download: it stays in the exports folder, shown by its path.
    folder: (name) => {
      const path = join(this.dir, randomBytes(16).toString('hex'), name);
      mkdirSync(path, { recursive: true });
      return Promise.resolve({ path, shownAs: path, downloadUrl: null });
    },
  };

  /** The file of a download address, forgotten as it is given: a second request finds nothing. */
  take(id: string): DownloadFile | null {
    if (!DOWNLOAD_ID.test(id)) return null;
    const file = this.files.get(id);
    if (!file) return null;
    this.files.delete(id);
    return file;
  }
}
