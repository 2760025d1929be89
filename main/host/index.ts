import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EventBus } from '../events';
import { createWorkspace } from '../handlers/workspace';
import { dataFolderFor, openStartLocation, startLocation } from '../openDatabase';
import { relayFollowing } from '../services/pgEvents';
import { defaultBoxFor } from '../services/secrets';
import { startDailyBackups } from '../services/dailyBackups';
import { FileGrants } from '../services/fileGrants';
import { testPickerFromEnv } from './testPicker';
import { userDataDir } from '../paths';
import { createBillingScheduler } from '../services/billingScheduler';
import { createPushWorker, ownProvider } from '../sync/pushWorker';
import { createEmailWorker } from '../services/email/worker';
import { onAppStart } from '../services/startup';
import { startHost } from './server';
import { HostDownloads } from './downloads';
import { testClockFromEnv } from './testClock';
import { testSecretBoxFromEnv } from './testSecretBox';
import { environmentAccess } from '../sync/settings';

/** The emulator lives with the tests' fixtures: loaded only when asked for. */
async function startDemoEmulator(): Promise<{ url: string; environment: Record<string, string>; stop(): Promise<void> }> {
  const { startDemoEmulator: start } = await import('../../tests/fixtures/emulator/demo');
  return start();
}

/**
 * `npm run serve -- [--db PATH | --db postgres://…] [--port N] [--emulator]`: the headless host.
 * Without --db: RESELLER_CONSOLE_DB, then the database chosen in Settings, then the file in
 * the user data folder (main/openDatabase.ts). With --emulator,
 * a provider emulator with demo data runs in this process and the host's provider settings
 * point at it (issue 12: try sync without an account).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, port: { type: 'string' }, renderer: { type: 'string' }, emulator: { type: 'boolean', default: false } },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number, got "${values.port}"`);
    process.exit(1);
  }
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const rendererDir = values.renderer ?? join(root, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error(`No built renderer in ${rendererDir}: run "npm run build" first.`);
    process.exit(1);
  }
  // Null unless a test started this host with NODE_ENV=test and RESELLER_CONSOLE_TEST_CLOCK=1 (see testClock.ts).
  const testClock = testClockFromEnv(process.env);
  const now = testClock ? testClock.now : () => new Date();
  // Issue 16: a file or a team server. The data folder holds the choice file and the key file that seals the server's password.
  const dataFolder = dataFolderFor(values.db, userDataDir());
  const startAt = startLocation({ explicit: values.db, env: process.env, dataFolder });
  const opening = { folder: dataFolder, secrets: defaultBoxFor(dataFolder) };
  const store = await openStartLocation(startAt, opening);
  const billed = await onAppStart(store, now);
  if (billed.cyclesClosed > 0) console.log(`Billed ${billed.cyclesClosed} due cycles (${billed.charged}).`);
  if (billed.skipped.length > 0) console.log(`Skipped ${billed.skipped.length} client packages the ledger refused to charge (see the notices).`);
  const events = new EventBus();
  // Issue 12: no keychain here; the API credentials come from RESELLER_API_USERNAME / _PASSWORD / _URL (or the emulator).
  const emulator = values.emulator ? await startDemoEmulator() : null;
  // Null unless a test asked for a box to save the password with (see testSecretBox.ts).
  const testSecrets = testSecretBoxFromEnv(process.env);
  const provider = environmentAccess(emulator ? { ...process.env, ...emulator.environment } : process.env, testSecrets ?? undefined);
  // The window may open the demo in its own file beside this one ("Try the demo") and come back.
  // Exports are written under an exports folder beside the database and downloaded once from there.
  const downloads = new HostDownloads(join(store.folder, 'exports'));
  // Null unless a test asked for an Open dialog it answers (see testPicker.ts): the window then chooses files as the desktop app does.
  const testPicker = testPickerFromEnv(process.env);
  const files = testPicker ? { grants: new FileGrants(), picker: testPicker.picker, uploadsDir: join(store.folder, 'uploads') } : undefined;
  const workspace = createWorkspace({ real: store, reopenReal: () => openStartLocation(startAt, opening), host: 'headless', events, now, exports: downloads.targets, provider, ...(files ? { files } : {}) });
  // Issue 16: on a team server, what other instances change reaches this window (LISTEN/NOTIFY), while the server's database is open.
  const relay = relayFollowing(workspace.withStore, events);
  // Issue 10: while the host runs, due cycles are billed at local midnight (and on a day a sleep made it miss),
  // on the database open then.
  const scheduler = createBillingScheduler({ store: workspace.withStore, events, now });
  scheduler.start(billed.date);
  // Issue 12: the outbox is pushed while the host runs, from the database open then.
  // Only the reseller's own database reaches the provider: the demo's made-up clients never do.
  const pushWorker = createPushWorker({ store: workspace.withStore, provider: ownProvider(store, provider), events, now });
  pushWorker.start();
  // Issue 15: the e-mail outbox is sent while the host runs, from the reseller's own database only
  // (by location, the file's path: a switch to the demo and back opens the file again); the demo's made-up clients get no mail.
  const emailWorker = createEmailWorker({ store: workspace.withStore, events, now, sendsFrom: (current) => current.location === store.location });
  emailWorker.start();
  // Issue 14: the daily backup (Settings → Backup), at the start and every hour, into backups/ beside the database.
  const backups = startDailyBackups({ store: workspace.withStore, now, log: (line) => console.log(line) });
  const moveClock = testClock
    ? (instant: Date) => {
        testClock.set(instant);
        return scheduler.check('midnight');
      }
    : undefined;
  const host = await startHost({ table: workspace.table, rendererDir, port, events, testClock: moveClock, downloads, ...(testPicker ? { testPick: testPicker.answer } : {}) });
  console.log(`Reseller Console (headless) is running. Database: ${store.location}`);
  if (testClock) console.log('Test clock on: POST /test/clock moves this host\'s clock (tests only).');
  if (testPicker) console.log('Test Open dialog on: POST /test/pick answers the next one (tests only).');
  if (testSecrets) console.log('Test secret box on: the API password can be saved (tests only).');
  if (emulator) console.log(`Provider emulator (demo data, user ${emulator.environment.RESELLER_API_USERNAME}) at ${emulator.url}`);
  console.log(`Open ${host.url}`);
  const stop = (): void => {
    backups.stop();
    void Promise.all([scheduler.stop(), pushWorker.stop(), emailWorker.stop()])
      .then(() => host.close())
      .then(() => relay.stop())
      .then(() => workspace.close())
      .then(() => emulator?.stop())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
