import { BrowserWindow, dialog, session, shell, type Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../security';

export interface WindowOptions {
  preloadPath: string;
  /** file:// URL of the built page, or the dev server URL. */
  pageUrl: string;
}

/** Security settings every window gets (DESIGN.md "Electron security"). */
export const secureWebPreferences = (preloadPath: string) =>
  ({
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  }) as const;

/**
 * Denies every permission request, sends the CSP header with every response, and lets
 * only the page's own files download (a price list built in the window as a blob:, saved
 * through Electron's save dialog); anything else is refused.
 */
export function hardenSession(target: Session = session.defaultSession): void {
  target.on('will-download', (event, item) => {
    if (!item.getURL().startsWith('blob:')) event.preventDefault();
  });
  target.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: 'Reseller Console',
    show: false,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  const contents = window.webContents;
  // No navigation away from the app page; links to the web open in the user's browser.
  contents.on('will-navigate', (event, url) => {
    if (url !== options.pageUrl) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // The window holds unsaved edits (its beforeunload said so): Electron would cancel the
  // close or reload silently, so ask as a browser would. preventDefault lets it go on.
  contents.on('will-prevent-unload', (event) => {
    if (confirmLeaveWithoutSaving(window)) event.preventDefault();
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.pageUrl);
  return window;
}

/** Issue 10: closing or reloading with unsaved edits asks first; true to leave anyway. */
export function confirmLeaveWithoutSaving(window: BrowserWindow): boolean {
  const choice = dialog.showMessageBoxSync(window, {
    type: 'question',
    buttons: ['Leave without saving', 'Stay on this page'],
    defaultId: 1,
    cancelId: 1,
    title: 'Unsaved changes',
    message: 'Leave without saving?',
    detail: 'You have unsaved changes. If you leave now, they are lost.',
  });
  return choice === 0;
}
