import type { MenuItemConstructorOptions } from 'electron';
import { APP_SECTIONS } from '../../preload/common/sections';
import { APP_NAME } from '../paths';

/** What the menu's own entries do (the standard ones are Electron roles). */
export interface MenuActions {
  /** Shows a section of the window (the 'app.navigate' event). */
  navigate(path: string): void;
  /** The About dialog: version and data folder. */
  about(): void;
  /** Opens the folder of the database in the file manager. */
  openDataFolder(): void;
  /** Opens one of the provider's help pages in the browser (through the external-link allow-list). */
  openHelp(url: string): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** A packaged app has no developer tools entry. */
  isPackaged: boolean;
}

export const PROVIDER_HELP_URL = 'https://wiki.voip.ms/article/Reseller';

/** CmdOrCtrl+1…9 for the first nine sections, CmdOrCtrl+, for Settings (the platforms' habit). */
function sectionAccelerator(index: number, path: string): string | undefined {
  if (path === '/settings') return 'CmdOrCtrl+,';
  return index < 9 ? `CmdOrCtrl+${index + 1}` : undefined;
}

/**
 * The native menu (issue 14): the app's sections in View, File's import and quit, the
 * standard Edit / View / Window entries with their shortcuts (Electron roles), and Help with
 * About. On macOS the app menu comes first and holds About and Quit, as Mac apps do.
 */
export function appMenuTemplate(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const sections: MenuItemConstructorOptions[] = APP_SECTIONS.map((section, index) => ({
    label: section.label,
    accelerator: sectionAccelerator(index, section.path),
    click: () => actions.navigate(section.path),
  }));
  const about: MenuItemConstructorOptions = { label: `About ${APP_NAME}`, click: () => actions.about() };
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: APP_NAME,
      submenu: [about, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  }
  template.push(
    {
      label: 'File',
      submenu: [
        { label: 'Import calls…', accelerator: 'CmdOrCtrl+I', click: () => actions.navigate('/calls/import') },
        { label: 'New client…', accelerator: 'CmdOrCtrl+N', click: () => actions.navigate('/clients/new') },
        { type: 'separator' },
        { label: 'Open the data folder', click: () => actions.openDataFolder() },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'delete' }, { type: 'separator' }, { role: 'selectAll' }],
    },
    {
      label: 'View',
      submenu: [
        ...sections,
        { type: 'separator' },
        { role: 'reload' },
        ...(options.isPackaged ? [] : ([{ role: 'forceReload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[])),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Window',
      submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
    },
    {
      role: 'help',
      submenu: [{ label: 'Reseller guide (VoIP.ms)', click: () => actions.openHelp(PROVIDER_HELP_URL) }, ...(mac ? [] : [{ type: 'separator' } as MenuItemConstructorOptions, about])],
    },
  );
  return template;
}

/** The About dialog's text: what a support request needs (version, where the data is). */
export function aboutDetails(details: { version: string; dataFolder: string; electron?: string; node?: string }): { title: string; message: string; detail: string } {
  const runtime = [details.electron ? `Electron ${details.electron}` : null, details.node ? `Node ${details.node}` : null].filter((part) => part !== null).join(', ');
  return {
    title: `About ${APP_NAME}`,
    message: `${APP_NAME} ${details.version}`,
    detail: [`Data folder: ${details.dataFolder}`, runtime].filter((line) => line !== '').join('\n'),
  };
}
