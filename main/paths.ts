import { homedir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';

export const APP_NAME = 'Reseller Console';

/** The same folder Electron's app.getPath('userData') gives, so every host finds one database. */
export function userDataDir(): string {
  const home = homedir();
  switch (process.platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', APP_NAME);
    case 'win32':
      return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
    default:
      return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_NAME);
  }
}

export const DATABASE_FILE = 'reseller.db';

/** --db PATH wins, then RESELLER_CONSOLE_DB, then the user data folder. */
export function resolveDatabasePath(explicit?: string): string {
  return explicit ?? process.env.RESELLER_CONSOLE_DB ?? join(userDataDir(), DATABASE_FILE);
}

/** The demo's own file, beside the reseller's: `reseller.db` → `reseller-demo.db` (issue 10: the demo never writes into real data). */
export function demoDatabasePathFor(realPath: string): string {
  const extension = extname(realPath);
  return join(dirname(realPath), `${basename(realPath, extension)}-demo${extension || '.db'}`);
}
