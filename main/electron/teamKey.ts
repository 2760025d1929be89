import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_ENV, keyBox, keyFromText, lazyBox } from '../services/secrets';
import { SecretBoxError, type SecretBox } from '../sync/secretBox';

/** The team key the reseller entered in Settings → Database, sealed by the OS keychain, in the data folder. */
export const TEAM_KEY_FILE = 'team.key.sealed';

/** The keychain as far as the team key needs it (Electron safeStorage, through safeStorageBox's checks). */
export interface TeamKeychain {
  canSeal(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

/** What Settings → Database may do with the team key on this host: never read it back. */
export interface TeamKeyHolder {
  /** 'environment' (RESELLER_CONSOLE_KEY wins), 'saved' (team.key.sealed), or 'none'. */
  source(): 'environment' | 'saved' | 'none';
  /** False where the keychain cannot seal it: a team key is then not saved. */
  canSave(): boolean;
  /** Checks the key (keyFromText) and keeps it sealed by the keychain; takes effect at the next start. */
  save(text: string): void;
}

/** A box that carries Settings → Database's way to the team key (the desktop app's). */
export type TeamKeyedBox = SecretBox & { readonly teamKey: TeamKeyHolder };

export const teamKeyOf = (box: SecretBox): TeamKeyHolder | undefined => (box as Partial<TeamKeyedBox>).teamKey;

/** The team key as keyFromText reads it, with a message about the team key rather than the environment variable. */
export function teamKeyFromText(text: string): Buffer {
  try {
    return keyFromText(text);
  } catch {
    throw new SecretBoxError('Team key: too short — enter a passphrase of at least 16 characters, or 32 bytes in hex or base64');
  }
}

const keyIdOf = (sealed: string): string | undefined => /^rcs1:([0-9a-f]{8}):/.exec(sealed)?.[1];

/**
 * Issue 16, the desktop app on a team server: several computers share one database, so a
 * password sealed on one must open on the others. While the database open is a PostgreSQL
 * server, passwords are sealed with the TEAM key: RESELLER_CONSOLE_KEY when set, else the team
 * key entered in Settings → Database (`team.key.sealed`, sealed by the OS keychain; never in
 * plain text). Without either, this computer's own key is used, as before. The local file
 * and the demo keep this computer's key (`local`, safeStorageBox). Opening goes by the key id
 * a sealed value carries, so a password sealed with this computer's key (the server password
 * in the choice file, one saved before the team key) still opens here.
 */
export function teamKeyBox(options: {
  local: SecretBox;
  keychain: TeamKeychain;
  dataFolder: string;
  env: Readonly<Record<string, string | undefined>>;
  /** True while the database open is a team server (not the local file, not the demo). */
  serverOpen: () => boolean;
}): TeamKeyedBox {
  const { local, keychain, dataFolder, env } = options;
  const path = join(dataFolder, TEAM_KEY_FILE);
  const source = (): 'environment' | 'saved' | 'none' => (env[KEY_ENV] ? 'environment' : existsSync(path) ? 'saved' : 'none');
  let loaded: { box: SecretBox; id: string } | null | undefined;
  // Read once: a team key saved in Settings → Database takes effect at the next start, with the database choice.
  const team = (): { box: SecretBox; id: string } | null => {
    if (loaded !== undefined) return loaded;
    const from = source();
    let key: Buffer | null = null;
    if (from === 'environment') key = keyFromText(env[KEY_ENV]!);
    else if (from === 'saved') {
      if (!keychain.canSeal()) throw new SecretBoxError('This computer has no keychain to open the saved team key: passwords cannot be kept encrypted, so they are not saved');
      key = teamKeyFromText(keychain.decryptString(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64')));
    }
    if (!key) {
      loaded = null;
      return loaded;
    }
    const box = lazyBox(() => keyBox(key));
    const id = keyIdOf(box.seal('id'))!;
    loaded = { box, id };
    return loaded;
  };
  const sealing = (): SecretBox => (options.serverOpen() ? (team()?.box ?? local) : local);
  return {
    canSeal: () => {
      try {
        return sealing().canSeal();
      } catch {
        return false;
      }
    },
    seal: (secret) => sealing().seal(secret),
    open(sealed) {
      const id = keyIdOf(sealed);
      if (id && source() !== 'none') {
        let found: { box: SecretBox; id: string } | null = null;
        try {
          found = team();
        } catch {
          // A team key that cannot be read here: this computer's own key may still open it.
        }
        if (found && found.id === id) return found.box.open(sealed);
      }
      try {
        return local.open(sealed);
      } catch (error) {
        if (id && options.serverOpen() && error instanceof SecretBoxError && /another key/.test(error.message)) {
          throw new SecretBoxError('This password was sealed with another team key: every computer of the team enters the same team key in Settings → Database (or the same RESELLER_CONSOLE_KEY); else enter the password again');
        }
        throw error;
      }
    },
    teamKey: {
      source,
      canSave: () => keychain.canSeal(),
      save(text) {
        const key = teamKeyFromText(text);
        if (!keychain.canSeal()) throw new SecretBoxError('This computer has no keychain to keep the team key encrypted, so it was not saved');
        // The key in the same form keyFromText reads back (hex), sealed by the keychain; written whole, then moved in place.
        const sealed = keychain.encryptString(key.toString('hex')).toString('base64');
        writeFileSync(`${path}.new`, `${sealed}\n`, { mode: 0o600 });
        renameSync(`${path}.new`, path);
      },
    },
  };
}
