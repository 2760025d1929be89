import { pgPoolConfig, redactedUrl } from '../../db/pg';
import type { DatabaseTest, DatabaseView } from '../../preload/schemas/database';
import { AppError, fieldError } from '../errors';
import { readDatabaseChoice, testServer, writeDatabaseChoice, type DatabaseChoice } from '../openDatabase';
import type { ServiceContext } from '../services/context';
import { sealPassword } from '../services/secrets';
import { teamKeyFromText, teamKeyOf } from '../electron/teamKey';
import type { PartialHandlerTable } from './table';

/**
 * Issue 16, Settings → Database: the choice file lives in the app's data folder (the store's
 * `folder`: the database file's folder, or this computer's data folder beside a server), its
 * password sealed with the host's secret box. It takes effect at the next start.
 */
export const databaseHandlers = (ctx: ServiceContext): PartialHandlerTable => {
  const folder = ctx.store.folder;
  const holder = teamKeyOf(ctx.secrets);
  const view = (): DatabaseView => {
    const saved = readDatabaseChoice(folder);
    return {
      current: { kind: ctx.store.dialect === 'postgres' ? 'server' : 'file', location: ctx.store.location },
      saved: saved.kind === 'server' ? { kind: 'server', url: saved.url, passwordSaved: Boolean(saved.sealedPassword) } : { kind: 'file' },
      canSavePassword: ctx.secrets.canSeal(),
      teamKey: holder ? { source: holder.source(), canSave: holder.canSave() } : null,
    };
  };
  /** The saved password of this server, when the URL is the saved one (the form's password field is left blank). */
  const savedPasswordOf = (url: string): string | undefined => {
    const saved = readDatabaseChoice(folder);
    if (saved.kind !== 'server' || !saved.sealedPassword || saved.url !== redactedUrl(url)) return undefined;
    try {
      return ctx.secrets.open(saved.sealedPassword);
    } catch {
      return undefined;
    }
  };
  return {
    'database.status': () => Promise.resolve(view()),
    'database.testConnection': async ({ url, password }): Promise<DatabaseTest> => {
      const given = password || savedPasswordOf(url);
      const answer = await testServer(url, given ? { password: given } : {});
      return answer.ok ? { ok: true, reason: null, server: answer.server, message: answer.message } : { ok: false, reason: answer.reason, server: null, message: answer.message };
    },
    'database.choose': (input) => {
      if (input.kind === 'file') {
        writeDatabaseChoice(folder, { kind: 'file' });
        return Promise.resolve(view());
      }
      try {
        // Refused now rather than at the next start: an unknown parameter, an sslmode this app does not read.
        pgPoolConfig(input.url, { password: 'checked-later' });
      } catch (error) {
        throw new AppError('invalid_input', error instanceof Error ? error.message : String(error));
      }
      // A password written into the URL is sealed like one typed in the password field, never kept in the file in plain text.
      const inline = decodeURIComponent(new URL(input.url).password);
      const url = redactedUrl(input.url);
      const password = input.password || inline;
      let sealedPassword: string | undefined;
      if (password) {
        try {
          sealedPassword = sealPassword(ctx.secrets, password, 'server password');
        } catch (error) {
          throw new AppError('conflict', `${error instanceof Error ? error.message : String(error)}: give it in PGPASSWORD instead`);
        }
      } else {
        const saved = readDatabaseChoice(folder);
        if (saved.kind === 'server' && saved.url === url && saved.sealedPassword) sealedPassword = saved.sealedPassword;
      }
      if (input.teamKey) {
        // Checked before anything is saved: a short key is refused with the choice left as it was.
        try {
          teamKeyFromText(input.teamKey);
        } catch (error) {
          throw fieldError('teamKey', error instanceof Error ? error.message : String(error));
        }
        if (!holder) throw new AppError('conflict', 'This host takes the team key from RESELLER_CONSOLE_KEY (or its key file), not from the window');
        try {
          holder.save(input.teamKey);
        } catch (error) {
          throw new AppError('conflict', `${error instanceof Error ? error.message : String(error)}: give it in RESELLER_CONSOLE_KEY instead`);
        }
      }
      const choice: DatabaseChoice = { kind: 'server', url, ...(sealedPassword ? { sealedPassword } : {}) };
      writeDatabaseChoice(folder, choice);
      return Promise.resolve(view());
    },
  };
};
