import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { UserError } from './run';

/**
 * What the command line accepts as a path, checked before anything opens it: a FIFO, a
 * device or a folder never reaches a reader that would wait on it forever or fail with a
 * stack trace; the person reads one line saying what is wrong with the path.
 */

/** Pseudo file systems: their "files" are not data (reading /proc/kmsg or a device waits forever). */
const SYSTEM_ROOTS = ['/proc', '/sys', '/dev'];

function isUnderSystemRoot(path: string): boolean {
  const absolute = resolve(path);
  return SYSTEM_ROOTS.some((root) => absolute === root || absolute.startsWith(root + sep));
}

/** A file the command reads (--file, a CDR file): it must exist and be a regular file. */
export async function readableFile(path: string): Promise<{ size: number }> {
  if (isUnderSystemRoot(path)) throw new UserError(`Cannot read ${path}: it is a system file, not a data file`);
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new UserError(`Cannot read ${path}: no such file`);
  }
  if (info.isDirectory()) throw new UserError(`Cannot read ${path}: it is a folder, not a file`);
  if (!info.isFile()) throw new UserError(`Cannot read ${path}: it is not a regular file (a pipe or a device)`);
  return { size: info.size };
}

/** The database path (--db): a regular file, or a path where one can be created. */
export async function databasePath(path: string): Promise<string> {
  if (isUnderSystemRoot(path)) throw new UserError(`Cannot use ${path} as the database: it is a system file`);
  let info;
  try {
    info = await stat(path);
  } catch {
    return path; // created on open; a folder that cannot be created fails there, with its reason
  }
  if (info.isDirectory()) throw new UserError(`Cannot use ${path} as the database: it is a folder (give a file path, e.g. ${resolve(path, 'reseller.db')})`);
  if (!info.isFile()) throw new UserError(`Cannot use ${path} as the database: it is not a regular file`);
  return path;
}

/** Why a database could not be opened, in one line ("file is not a database", "unable to open database file"). */
export function openFailure(path: string, error: unknown): UserError {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new UserError(`Cannot open the database ${path}: ${reason}`);
}
