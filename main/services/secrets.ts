import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';
import { chmodSync, closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { SecretBoxError, type SecretBox } from '../sync/secretBox';

/**
 * Secrets at rest (issue 14): the provider API password, sub account SIP passwords and the
 * clients' portal passwords are stored encrypted (AES-256-GCM, node:crypto) with a data key.
 * Where the key lives is the host's: the desktop app keeps it sealed by the OS keychain
 * (main/electron/secretBox.ts); the command line and the headless host take it from
 * RESELLER_CONSOLE_KEY or from a key file readable by its owner only, made on first use.
 *
 * A sealed value reads `rcs1:<key id>:<base64 of iv, tag, ciphertext>`: the key id (the
 * first bytes of the key's SHA-256) tells "sealed with another key" apart from "damaged".
 */
export const SEALED_PREFIX = 'rcs1:';
export const KEY_ENV = 'RESELLER_CONSOLE_KEY';
export const KEY_FILE = 'secret.key';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export const isSealed = (value: string): boolean => value.startsWith(SEALED_PREFIX);

const keyId = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 8);

/** Seals and opens with one 32-byte data key. */
export function keyBox(key: Buffer): SecretBox {
  if (key.length !== KEY_BYTES) throw new SecretBoxError(`A secret key is ${KEY_BYTES} bytes`);
  const id = keyId(key);
  return {
    canSeal: () => true,
    seal(secret) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return `${SEALED_PREFIX}${id}:${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64')}`;
    },
    open(sealed) {
      const [, found, payload] = /^rcs1:([0-9a-f]{8}):(.+)$/.exec(sealed) ?? [];
      if (!found || !payload) throw new SecretBoxError('This secret is not sealed by Reseller Console');
      if (found !== id) throw new SecretBoxError('This secret was sealed with another key (another computer, or another RESELLER_CONSOLE_KEY): enter it again');
      const bytes = Buffer.from(payload, 'base64');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
        decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError('This secret is damaged and cannot be opened: enter it again');
      }
    },
  };
}

/** A key given in the environment: 32 bytes as base64 or hex, or a passphrase of at least 16 characters (scrypt). */
export function keyFromText(text: string): Buffer {
  const trimmed = text.trim();
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return Buffer.from(trimmed, 'hex');
  const decoded = Buffer.from(trimmed, 'base64');
  if (decoded.length === KEY_BYTES && decoded.toString('base64').replace(/=+$/, '') === trimmed.replace(/=+$/, '')) return decoded;
  if (trimmed.length < 16) throw new SecretBoxError(`${KEY_ENV} is too short: give 32 bytes (base64 or hex) or a passphrase of at least 16 characters`);
  return scryptSync(trimmed, 'reseller-console secrets v1', KEY_BYTES);
}

/**
 * The key file of a data folder: read when there (refused when other users may read it),
 * made with 0600 permissions when not. Windows has no such mode bits: its user profile's
 * folder is private already.
 */
export function keyFromFile(folder: string, platform: NodeJS.Platform = process.platform): Buffer {
  const path = join(folder, KEY_FILE);
  if (!existsSync(path)) {
    const key = randomBytes(KEY_BYTES);
    let file: number;
    try {
      file = openSync(path, 'wx', 0o600);
    } catch (error) {
      // Another process made it a moment ago: read that one.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return keyFromFile(folder, platform);
      throw new SecretBoxError(`The key file ${path} could not be made: ${(error as Error).message}`);
    }
    try {
      writeSync(file, `${key.toString('base64')}\n`);
    } finally {
      closeSync(file);
    }
    if (platform !== 'win32') chmodSync(path, 0o600);
    return key;
  }
  if (platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    throw new SecretBoxError(`The key file ${path} can be read by other users: run "chmod 600 ${path}", then try again`);
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new SecretBoxError(`The key file ${path} is damaged (it should hold ${KEY_BYTES} bytes in base64)`);
  return key;
}

/** A box whose key is found when first used (a command that never touches a secret makes no key file). */
export function lazyBox(load: () => SecretBox): SecretBox {
  let box: SecretBox | undefined;
  let failure: unknown;
  const get = (): SecretBox => {
    if (box) return box;
    if (failure) throw failure instanceof Error ? failure : new SecretBoxError(String(failure));
    try {
      box = load();
      return box;
    } catch (error) {
      failure = error;
      throw error;
    }
  };
  return {
    canSeal: () => {
      try {
        return get().canSeal();
      } catch {
        return false;
      }
    },
    seal: (secret) => get().seal(secret),
    open: (sealed) => get().open(sealed),
  };
}

/** The command line's and the headless host's box: RESELLER_CONSOLE_KEY, or the key file beside the database. */
export function environmentKeyBox(env: Readonly<Record<string, string | undefined>>, folder: string): SecretBox {
  return lazyBox(() => keyBox(env[KEY_ENV] ? keyFromText(env[KEY_ENV]) : keyFromFile(folder)));
}

const boxes = new Map<string, SecretBox>();

/** The box of a database when its host gave none (the command line, tests): one per folder (the store's `folder`, beside the database). */
export function defaultBoxFor(folder: string): SecretBox {
  let box = boxes.get(folder);
  if (!box) {
    box = environmentKeyBox(process.env, folder);
    boxes.set(folder, box);
  }
  return box;
}

/** Seals a password to store; a host that cannot keep it encrypted refuses, never stores it in plain text. */
export function sealPassword(box: SecretBox, password: string, what: string): string {
  if (!box.canSeal()) throw new SecretBoxError(`This computer has no keychain to keep the ${what} encrypted, so it was not saved`);
  return box.seal(password);
}

/** A stored password in plain text: sealed ones opened, any left from before the migration as they are. */
export function openPassword(box: SecretBox, stored: string): string {
  return isSealed(stored) ? box.open(stored) : stored;
}

export interface SealReport {
  subaccounts: number;
  portalPasswords: number;
  outboxItems: number;
}

/**
 * A stored password's first characters, compared exactly with SEALED_PREFIX as `isSealed`
 * does. Not `like 'rcs1:%'`: SQLite's LIKE ignores case and PostgreSQL's does not, so a plain
 * password written "RCS1:…" would stay plain on one store only (issue 16).
 */
const prefixOf = (column: 'password' | 'portal_password') => sql<string>`substr(${sql.ref(column)}, 1, ${sql.lit(SEALED_PREFIX.length)})`;

/**
 * The migration of the passwords stored before issue 14: every sub account's SIP password
 * and client's portal password still in plain text is sealed, and outbox items that carry a
 * sub account's password are given a reference to it instead (resolved when sent). One
 * transaction; refused (SecretBoxError, nothing changed) when the box cannot seal.
 */
export async function sealStoredPasswords(db: Kysely<Database>, box: SecretBox): Promise<SealReport> {
  const report: SealReport = { subaccounts: 0, portalPasswords: 0, outboxItems: 0 };
  // Looked at first: a database with nothing to seal needs no key (none is made for it).
  const plainSubaccount = await db.selectFrom('subaccounts').select('id').where(prefixOf('password'), '!=', SEALED_PREFIX).executeTakeFirst();
  const plainPortal = await db.selectFrom('clients').select('id').where('portal_password', 'is not', null).where(prefixOf('portal_password'), '!=', SEALED_PREFIX).executeTakeFirst();
  const plainOutbox = await db.selectFrom('outbox').select('id').where('entity', '=', 'subaccount').where('params', 'like', '%"password":"%').executeTakeFirst();
  if (!plainSubaccount && !plainPortal && !plainOutbox) return report;
  if (!box.canSeal()) throw new SecretBoxError('Passwords are stored in plain text and this computer has no keychain to encrypt them: they were left as they are');
  await db.transaction().execute(async (trx) => {
    const subaccounts = await trx.selectFrom('subaccounts').select(['id', 'password']).where(prefixOf('password'), '!=', SEALED_PREFIX).execute();
    for (const row of subaccounts) {
      await trx.updateTable('subaccounts').set({ password: box.seal(row.password) }).where('id', '=', row.id).execute();
      report.subaccounts += 1;
    }
    const clients = await trx.selectFrom('clients').select(['id', 'portal_password']).where('portal_password', 'is not', null).where(prefixOf('portal_password'), '!=', SEALED_PREFIX).execute();
    for (const row of clients) {
      await trx.updateTable('clients').set({ portal_password: box.seal(row.portal_password!) }).where('id', '=', row.id).execute();
      report.portalPasswords += 1;
    }
    const items = await trx.selectFrom('outbox').select(['id', 'entity', 'entity_id', 'params']).where('entity', '=', 'subaccount').execute();
    for (const item of items) {
      const params = JSON.parse(item.params) as Record<string, unknown>;
      if (typeof params.password !== 'string') continue;
      params.password = { $ref: 'subaccountPassword', id: item.entity_id };
      await trx.updateTable('outbox').set({ params: JSON.stringify(params) }).where('id', '=', item.id).execute();
      report.outboxItems += 1;
    }
  });
  return report;
}
