import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where an export the person asked for is written (issue 11: exports of any size stream
 * to a file, never built in memory). Each host decides: Electron asks with a Save or a
 * folder dialog; the headless host and the command line write under an exports folder
 * (the host then serves the file for download). null: the person cancelled the dialog.
 */
export interface ExportDestination {
  /** The file (or folder) to write. */
  path: string;
  /** What to show the person: the path, or the file's name once downloaded. */
  shownAs: string;
  /** A one-time address the window downloads the finished file from (headless host); null in Electron. */
  downloadUrl: string | null;
}

export interface ExportTargets {
  file(suggestedName: string): Promise<ExportDestination | null>;
  folder(suggestedName: string): Promise<ExportDestination | null>;
}

/** Writes every export under `dir` (the command line, tests; the headless host's base). */
export function exportsFolder(dir: string): ExportTargets {
  const place = (name: string): ExportDestination => {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, name);
    return { path, shownAs: path, downloadUrl: null };
  };
  return {
    file: (name) => Promise.resolve(place(name)),
    folder: (name) => {
      const destination = place(name);
      mkdirSync(destination.path, { recursive: true });
      return Promise.resolve(destination);
    },
  };
}
