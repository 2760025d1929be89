import { dailyBackupIfDue } from './backup';
import type { StoreLender } from './billingScheduler';

export interface DailyBackupTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realTimers: DailyBackupTimers = {
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/** How often a running app looks whether today's backup is due (a computer asleep at midnight still gets one). */
export const DAILY_BACKUP_CHECK_MS = 60 * 60_000;

/**
 * Issue 14: the automatic daily backup while the app runs — once at the start, then every
 * hour, on the database open then (the demo's too: it backs up its own file, apart; so does
 * the demo's file of a team server's instance, issue 16). A
 * backup that fails is logged and tried again at the next check; nothing else waits for it.
 */
export function startDailyBackups(options: { store: StoreLender; now?: () => Date; log(message: string): void; timers?: DailyBackupTimers }): { check(): Promise<void>; stop(): void } {
  const timers = options.timers ?? realTimers;
  const now = options.now ?? (() => new Date());
  let running: Promise<void> | null = null;
  const check = (): Promise<void> =>
    (running ??= options
      // Issue 16: a team server's database is backed up by the server's own tools (pg_dump, backup.ts's
      // TEAM_SERVER_BACKUPS), not by each instance of the app: nothing is due there, and nothing is logged.
      .store((store) => (store.dialect === 'sqlite' ? dailyBackupIfDue(store, now()) : Promise.resolve(null)))
      .then((made) => {
        if (made) options.log(`Daily backup written: ${made.path}`);
      })
      .catch((error: unknown) => options.log(`The daily backup failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = null;
      }));
  void check();
  const handle = timers.setInterval(() => void check(), DAILY_BACKUP_CHECK_MS);
  return { check, stop: () => timers.clearInterval(handle) };
}
