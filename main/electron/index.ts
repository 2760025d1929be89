import { app, dialog, ipcMain } from 'electron';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openStore, type Store } from '../../db/open';
import { createWorkspace, type WorkspaceHost } from '../handlers/workspace';
import { DATABASE_FILE } from '../paths';
import { onAppStart } from '../services/startup';
import { EventBus } from '../events';
import { forwardEvents } from './events';
import { registerIpc, trustedSender } from './ipc';
import { createMainWindow, hardenSession } from './window';

/** The Electron entry: thin. Opens the store, registers the handler table, opens the window. */
let workspace: WorkspaceHost | undefined;
const here = fileURLToPath(new URL('.', import.meta.url));

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
  await onAppStart(store);
  const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const pageUrl = devUrl ?? pathToFileURL(join(here, '../renderer/index.html')).href;
  // One bus: services (import progress) and the handler door (data.changed) emit, the window hears.
  const events = new EventBus();
  // "Try the demo" opens reseller-demo.db beside reseller.db; "Back to my data" comes back.
  workspace = createWorkspace({ real: store, host: 'electron', events });
  registerIpc(ipcMain, workspace.table, trustedSender(pageUrl), events);
  const window = createMainWindow({ preloadPath: join(here, '../preload/index.cjs'), pageUrl });
  forwardEvents(events, window.webContents);
}

if (!app.requestSingleInstanceLock()) app.quit();
app.enableSandbox();
app.whenReady().then(start, (error: unknown) => console.error(error));
app.on('window-all-closed', () => {
  void (workspace?.close() ?? Promise.resolve()).finally(() => app.quit());
});
