import { app, BrowserWindow, dialog, ipcMain, safeStorage } from 'electron';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openStore, type Store } from '../../db/open';
import { createWorkspace, type WorkspaceHost } from '../handlers/workspace';
import { DATABASE_FILE } from '../paths';
import { createBillingScheduler } from '../services/billingScheduler';
import { createPushWorker, ownProvider, type PushWorker } from '../sync/pushWorker';
import { onAppStart } from '../services/startup';
import { EventBus } from '../events';
import { runBillingScheduler } from './billing';
import { dialogExportTargets } from './exports';
import { forwardEvents } from './events';
import { registerIpc, trustedSender } from './ipc';
import { safeStorageBox } from './secretBox';
import { createMainWindow, hardenSession } from './window';
import { setWorkerEntry } from '../workers/pool';

/** The Electron entry: thin. Opens the store, registers the handler table, opens the window. */
let workspace: WorkspaceHost | undefined;
let stopBilling: (() => Promise<void>) | undefined;
let pushWorker: PushWorker | undefined;
const here = fileURLToPath(new URL('.', import.meta.url));
// The export workers run the build's worker.js, beside this file (electron.vite.config.ts).
setWorkerEntry(join(here, 'worker.js'));

async function start(): Promise<void> {
  hardenSession();
  let store: Store;
  try {
    store = await openStore(join(app.getPath('userData'), DATABASE_FILE));
  } catch (error) {
    dialog.showErrorBox('Reseller Console cannot open its database', error instanceof Error ? error.message : String(error));
    app.quit();
    return;
  }
  const billed = await onAppStart(store);
  const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const pageUrl = devUrl ?? pathToFileURL(join(here, '../renderer/index.html')).href;
  // One bus: services (import progress, midnight billing) and the handler door (data.changed) emit, the window hears.
  const events = new EventBus();
  // "Try the demo" opens reseller-demo.db beside reseller.db; "Back to my data" comes back.
  // Exports ask where to go with the Save dialog, over the app's window.
  const exports = dialogExportTargets(dialog, () => BrowserWindow.getAllWindows()[0] ?? null, app.getPath('documents'));
  // Issue 12: the API password is sealed by the OS keychain; the desktop app reads no credentials from the environment.
  const provider = { secrets: safeStorageBox(() => safeStorage), environment: null };
  workspace = createWorkspace({ real: store, host: 'electron', events, exports, provider });
  // Issue 10: bill while the app runs, at local midnight and after the computer wakes, on the database open then.
  stopBilling = runBillingScheduler(createBillingScheduler({ store: workspace.withStore, events }), billed.date);
  // Issue 12: push the outbox while the app runs, from the database open then.
  // Only the reseller's own database reaches the provider: the demo's made-up clients never do.
  pushWorker = createPushWorker({ store: workspace.withStore, provider: ownProvider(store, provider), events });
  pushWorker.start();
  registerIpc(ipcMain, workspace.table, trustedSender(pageUrl), events);
  const window = createMainWindow({ preloadPath: join(here, '../preload/index.cjs'), pageUrl });
  forwardEvents(events, window.webContents);
}

if (!app.requestSingleInstanceLock()) app.quit();
app.enableSandbox();
app.whenReady().then(start, (error: unknown) => console.error(error));
app.on('window-all-closed', () => {
  // The scheduler first: a billing run in flight ends before the database closes.
  void (async () => {
    try {
      await Promise.all([stopBilling?.(), pushWorker?.stop()]);
      await workspace?.close();
    } finally {
      app.quit();
    }
  })();
});
