import { join } from 'node:path';
import { vi } from 'vitest';
import { runCli, type CliOptions } from '../../main/cli/run';
import { testStoreKind } from './pgServer';
import { tempStore, type TempStore } from './store';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export interface CliStore extends TempStore {
  /** What the test gives as `--db`: the file's path, or the test database's URL (issue 16: `--db postgres://…`). */
  db: string;
  /** Runs the command line on this database, collecting what it prints (a line per write). */
  cli(argv: string[], options?: CliOptions): Promise<CliRun>;
}

/**
 * A fresh database for command-line tests, on the store RC_TEST_STORE chooses. On PostgreSQL
 * the command line keeps what goes beside a database in this computer's data folder, and the
 * key for sealed passwords comes from RESELLER_CONSOLE_KEY, as a team's instances share it:
 * both are pointed at the test's own (vi.stubEnv), so the caller's afterEach must call
 * `vi.unstubAllEnvs()` before `cleanup()`.
 */
export async function cliStore(): Promise<CliStore> {
  const onServer = testStoreKind() === 'postgres';
  // Before the store: the test's own table seals with the same key as the command line then.
  if (onServer) vi.stubEnv('RESELLER_CONSOLE_KEY', 'the test team key, long enough to be a passphrase');
  const temp = await tempStore();
  if (onServer) vi.stubEnv('XDG_CONFIG_HOME', join(temp.dir, 'config'));
  const db = temp.location;
  return {
    ...temp,
    db,
    async cli(argv, options) {
      let out = '';
      let err = '';
      const code = await runCli(['--db', db, ...argv], { out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`) }, options);
      return { code, out, err };
    },
  };
}
