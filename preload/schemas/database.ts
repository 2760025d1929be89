import { z } from 'zod';

/**
 * Issue 16, Settings → Database: where the data lives (this computer's file, or a team
 * server), and the choice for the next start. The server's password is sealed in main and
 * never sent back to the window.
 */

const serverUrl = z
  .string()
  .trim()
  .min(1, 'Server address: enter a postgres:// URL')
  .max(1000, 'Server address: at most 1000 characters')
  .regex(/^postgres(ql)?:\/\/[^/?#]+/, 'Server address: write postgres://user@host/database');

/** Blank keeps the saved password (or none: the URL's, or PGPASSWORD). */
const serverPassword = z.string().max(200, 'Password: at most 200 characters').optional();

/**
 * Issue 16: the team's key, the same on every computer of the team (passwords saved on one open
 * on the others): a passphrase of 16+ characters, or 32 bytes in hex or base64 (main checks it
 * with keyFromText). Blank keeps the saved one. Sealed by the keychain in main; never sent back.
 */
const teamKey = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.string().trim().min(16, 'Team key: too short — enter a passphrase of at least 16 characters, or 32 bytes in hex or base64').max(200, 'Team key: at most 200 characters').optional(),
);

export const databaseTestInput = z.object({ url: serverUrl, password: serverPassword }).strict();

export const databaseSaveInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file') }).strict(),
  z.object({ kind: z.literal('server'), url: serverUrl, password: serverPassword, teamKey }).strict(),
]);

export type DatabaseKind = 'file' | 'server';

export interface DatabaseView {
  /** What this start opened: the file's path, or the server's URL without its password. */
  current: { kind: DatabaseKind; location: string };
  /** What the next start opens (unless --db or RESELLER_CONSOLE_DB says otherwise). */
  saved: { kind: 'file' } | { kind: 'server'; url: string; passwordSaved: boolean };
  /** False where a password cannot be kept encrypted here: the server's must then come from PGPASSWORD. */
  canSavePassword: boolean;
  /**
   * Issue 16, the team's key on a server: 'environment' (RESELLER_CONSOLE_KEY), 'saved' (in
   * Settings → Database, sealed by the keychain) or 'none'; never the key. Null where this host
   * takes no team key from the window (the headless host: RESELLER_CONSOLE_KEY or its key file).
   */
  teamKey: { source: 'environment' | 'saved' | 'none'; canSave: boolean } | null;
}

/** "Test connection": the server's answer, or why it refused (reason for a program, message for a person). */
export interface DatabaseTest {
  ok: boolean;
  /** 'password', 'tls', 'unreachable', 'no_database', 'too_new', 'invalid_url', 'other'; null when it answered. */
  reason: string | null;
  /** "PostgreSQL 15.18" when it answered. */
  server: string | null;
  message: string;
}
