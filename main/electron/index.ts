import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, screen, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from '../../db/open';
import { createWorkspace, type WorkspaceHost } from '../handlers/workspace';
import { dbOptionOf, openStartLocation, startLocation } from '../openDatabase';
import { relayFollowing } from '../services/pgEvents';
import { DATABASE_FILE } from '../paths';
import { createBillingScheduler } from '../services/billingScheduler';
import { createPushWorker, ownProvider, type PushWorker } from '../sync/pushWorker';
import { createEmailWorker, type EmailWorker } from '../services/email/worker';
import { onAppStart } from '../services/startup';
import { EventBus } from '../events';
import { runBillingScheduler } from './billing';
import { dialogExportTargets } from './exports';
import { forwardEvents } from './events';
import { registerIpc, trustedSender } from './ipc';
import { desktopSecretBox } from './secretBox';
import { createMainWindow, currentPlacement, hardenSession } from './window';
import { setWorkerEntry } from '../workers/pool';
import { APP_VERSION } from '../version';
import { APP_PAGE_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolHandler } from './appProtocol';
import { installCrashHandlers, reloadCrashedRenderer, rotatingLog } from './crashLog';
import { openExternalSafely } from './externalLinks';
import { aboutDetails, appMenuTemplate } from './menu';
import { placeWindow, windowStateFile } from './windowState';
import { dialogFilePicker } from './files';
import { FileGrants } from '../services/fileGrants';
import { startDailyBackups } from '../services/dailyBackups';
import { brandingHostNames, watchOwnHosts, type OwnHosts } from '../services/branding/ownHosts';

/** The Electron entry: thin. Opens the store, registers the handler table, opens the window. */
let workspace: WorkspaceHost | undefined;
let stopBilling: (() => Promise<void>) | undefined;
let pushWorker: PushWorker | undefined;
let emailWorker: EmailWorker | undefined;
let stopBackups: (() => void) | undefined;
let ownHosts: OwnHosts | undefined;
let relay: { stop(): Promise<void> } | undefined;
const here = fileURLToPath(new URL('.', import.meta.url));
// The export workers run the build's worker.js, beside this file (electron.vite.config.ts).
setWorkerEntry(join(here, 'worker.js'));

// Issue 14: fatal errors and crashed windows go to a rotating log in the data folder.
const log = rotatingLog(app.getPath('userData'));
installCrashHandlers({ process, log, showError: (title, content) => dialog.showErrorBox(title, content) });
// The page's own scheme must be privileged before the app is ready.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

function mainWindow(): BrowserWindow | null {
  return BrowserWindow.getAllWindows()[0] ?? null;
}

async function start(): Promise<void> {
  hardenSession();
  // Only the built renderer's files, with the CSP as a response header (appProtocol.ts).
  protocol.handle(APP_SCHEME, appProtocolHandler(join(here, '../renderer')));
  const dataFolder = app.getPath('userData');
  // Issues 12 and 14: passwords are sealed with a data key the OS keychain protects; the only credential read from the environment is RESELLER_CONSOLE_KEY (a team key).
  // Issue 16: on a team server, with the team's key (RESELLER_CONSOLE_KEY, or the one saved in Settings → Database), so every computer opens them.
  let serverStore = false;
  const secrets = desktopSecretBox({ keychain: () => safeStorage, dataFolder, env: process.env, serverOpen: () => serverStore && (workspace?.current().workspace ?? 'real') === 'real' });
  const startAt = startLocation({ explicit: dbOptionOf(process.argv), env: process.env, dataFolder });
  const opening = { folder: dataFolder, secrets };
  let store: Store;
  try {
    // Issue 16: --db, RESELLER_CONSOLE_DB, the choice saved in Settings → Database (a team server), or the file in the data folder.
    store = await openStartLocation(startAt, opening);
  } catch (error) {
    dialog.showErrorBox('Reseller Console cannot open its database', error instanceof Error ? error.message : String(error));
    app.quit();
    return;
  }
  serverStore = store.dialect === 'postgres';
  const billed = await onAppStart(store, undefined, secrets);
  const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const pageUrl = devUrl ?? APP_PAGE_URL;
  // One bus: services (import progress, midnight billing) and the handler door (data.changed) emit, the window hears.
  const events = new EventBus();
  // "Try the demo" opens reseller-demo.db beside reseller.db; "Back to my data" comes back.
  // Exports ask where to go with the Save dialog, over the app's window.
  const exports = dialogExportTargets(dialog, mainWindow, app.getPath('documents'));
  const provider = { secrets, environment: null };
  // Issue 14: Open dialogs give main the path and the window a grant; uploads (the headless host's way) land in uploads/.
  const files = { grants: new FileGrants(), picker: dialogFilePicker(dialog, mainWindow, app.getPath('documents')), uploadsDir: join(dataFolder, 'uploads') };
  workspace = createWorkspace({ real: store, reopenReal: () => openStartLocation(startAt, opening), host: 'electron', events, exports, provider, files, secrets });
  // Issue 10: bill while the app runs, at local midnight and after the computer wakes, on the database open then.
  stopBilling = runBillingScheduler(createBillingScheduler({ store: workspace.withStore, events }), billed.date);
  // Issue 12: push the outbox while the app runs, from the database open then.
  // Only the reseller's own database reaches the provider: the demo's made-up clients never do.
  pushWorker = createPushWorker({ store: workspace.withStore, provider: ownProvider(store, provider), events, secrets });
  pushWorker.start();
  // Issue 15: send the e-mail outbox while the app runs, from the reseller's own database only
  // (by location, the file's path: a switch to the demo and back opens the file again); the demo's made-up clients get no mail.
  emailWorker = createEmailWorker({ store: workspace.withStore, events, secrets, sendsFrom: (current) => current.location === store.location, log: (line) => log.write('info', line) });
  emailWorker.start();
  // Issue 14: the daily backup (Settings → Backup), at the start and every hour, into backups/ beside the database.
  stopBackups = startDailyBackups({ store: workspace.withStore, log: (line) => log.write('info', line) }).stop;
  // Issue 16: on a team server, what other instances change reaches this window (LISTEN/NOTIFY).
  relay = relayFollowing(workspace.withStore, events, { log: (line) => log.write('error', line) });
  registerIpc(ipcMain, workspace.table, trustedSender(pageUrl), events);
  const placements = windowStateFile(dataFolder);
  // Issue 15: links to the reseller's own portal host (Branding → Host name) open like the provider's.
  const current = workspace;
  const linkHosts = watchOwnHosts({ read: () => current.withStore((opened) => brandingHostNames(opened.db)), events, log: (line) => log.write('error', line) });
  ownHosts = linkHosts;
  const openExternal = (url: string) => openExternalSafely(url, { open: (target) => shell.openExternal(target), log: (line) => log.write('info', line), ownHosts: linkHosts.hosts });
  const window = createMainWindow({
    preloadPath: join(here, '../preload/index.cjs'),
    pageUrl,
    placement: placeWindow(placements.load(), screen.getAllDisplays().map((display) => display.workArea)),
    openExternal,
  });
  window.on('close', () => {
    try {
      placements.save(currentPlacement(window));
    } catch (error) {
      log.write('error', `The window's place was not saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  reloadCrashedRenderer(window.webContents, { log, showError: (title, content) => dialog.showErrorBox(title, content) });
  forwardEvents(events, window.webContents);
  const about = aboutDetails({ version: APP_VERSION, dataFolder, electron: process.versions.electron, node: process.versions.node });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate(
        {
          navigate: (path) => events.emit('app.navigate', { path }),
          about: () => void dialog.showMessageBox(window, { type: 'info', buttons: ['OK'], ...about }),
          openDataFolder: () => void shell.openPath(dirname(join(dataFolder, DATABASE_FILE))),
          openHelp: openExternal,
        },
        { platform: process.platform, isPackaged: app.isPackaged },
      ),
    ),
  );
}

// One app per user: a second start focuses the window already open and exits.
if (!app.requestSingleInstanceLock()) app.exit(0);
app.on('second-instance', () => {
  const window = mainWindow();
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.focus();
});

app.enableSandbox();
app.whenReady().then(start, (error: unknown) => console.error(error));
app.on('window-all-closed', () => {
  // The scheduler first: a billing run in flight ends before the database closes.
  void (async () => {
    try {
      stopBackups?.();
      ownHosts?.stop();
      await Promise.all([stopBilling?.(), pushWorker?.stop(), emailWorker?.stop(), relay?.stop()]);
      await workspace?.close();
    } finally {
      app.quit();
    }
  })();
});
