import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openStore } from '../../db/open';
import { EventBus } from '../events';
import { createWorkspace } from '../handlers/workspace';
import { resolveDatabasePath } from '../paths';
import { createBillingScheduler } from '../services/billingScheduler';
import { createPushWorker, type ProviderLookup } from '../sync/pushWorker';
import { onAppStart } from '../services/startup';
import { startHost } from './server';
import { HostDownloads } from './downloads';
import { testClockFromEnv } from './testClock';

/** `npm run serve -- [--db PATH] [--port N]`: the headless host. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, port: { type: 'string' }, renderer: { type: 'string' } },
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
  const store = await openStore(resolveDatabasePath(values.db));
  const billed = await onAppStart(store, now);
  if (billed.cyclesClosed > 0) console.log(`Billed ${billed.cyclesClosed} due cycles (${billed.charged}).`);
  if (billed.skipped.length > 0) console.log(`Skipped ${billed.skipped.length} client packages the ledger refused to charge (see the notices).`);
  const events = new EventBus();
  // The window may open the demo in its own file beside this one ("Try the demo") and come back.
  // Exports are written under an exports folder beside the database and downloaded once from there.
  const downloads = new HostDownloads(join(dirname(store.path), 'exports'));
  // Issue 12: no provider is configured yet here (Settings → Provider and RESELLER_API_* plug in through this lookup): changes wait in the outbox.
  const provider: ProviderLookup = () => null;
  const workspace = createWorkspace({ real: store, host: 'headless', events, now, exports: downloads.targets, provider });
  // Issue 10: while the host runs, due cycles are billed at local midnight (and on a day a sleep made it miss),
  // on the database open then.
  const scheduler = createBillingScheduler({ store: workspace.withStore, events, now });
  scheduler.start(billed.date);
  // Issue 12: the outbox is pushed while the host runs, from the database open then.
  const pushWorker = createPushWorker({ store: workspace.withStore, provider, events, now });
  pushWorker.start();
  const moveClock = testClock
    ? (instant: Date) => {
        testClock.set(instant);
        return scheduler.check('midnight');
      }
    : undefined;
  const host = await startHost({ table: workspace.table, rendererDir, port, events, testClock: moveClock, downloads });
  console.log(`Reseller Console (headless) is running. Database: ${store.path}`);
  if (testClock) console.log('Test clock on: POST /test/clock moves this host\'s clock (tests only).');
  console.log(`Open ${host.url}`);
  const stop = (): void => {
    void Promise.all([scheduler.stop(), pushWorker.stop()])
      .then(() => host.close())
      .then(() => workspace.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
