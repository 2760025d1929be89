import { BrowserWindow, dialog, session, type Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../security';
import { DEFAULT_PLACEMENT, MIN_SIZE, type WindowPlacement } from './windowState';

export interface WindowOptions {
  preloadPath: string;
  /** The page: app://renderer/index.html, or the dev server's URL when developing. */
  pageUrl: string;
  /** Where the window opens (windowState.ts: the last place, fitted to the screens there are). */
  placement?: WindowPlacement;
  /** Links the page opens in a new window go to the browser through this (externalLinks.ts); refused ones are logged there. */
  openExternal?: (url: string) => void;
}

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
  const placement = options.placement ?? DEFAULT_PLACEMENT;
  // Every security setting of the window in this one literal (DESIGN.md "Electron security";
  // a static scanner such as Electronegativity reads them here, and wiring.test.ts checks the text).
  const window = new BrowserWindow({
    x: placement.x,
    y: placement.y,
    width: placement.width,
    height: placement.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Reseller Console',
    show: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  if (placement.maximized) window.maximize();
  const contents = window.webContents;
  // No navigation away from the app page; links to the web open in the user's browser, when allowed.
  contents.on('will-navigate', (event, url) => {
    if (url !== options.pageUrl) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (url !== options.pageUrl) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    options.openExternal?.(url);
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

/** Where the window is now, to open there next time (its size before it was maximized). */
export function currentPlacement(window: Pick<BrowserWindow, 'getNormalBounds' | 'isMaximized'>): WindowPlacement {
  const bounds = window.getNormalBounds();
  return { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height, maximized: window.isMaximized() };
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
