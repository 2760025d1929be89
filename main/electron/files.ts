import type { BrowserWindow, Dialog, OpenDialogOptions } from 'electron';
import type { FilePurpose } from '../../preload/schemas/files';
import type { FilePicker } from '../services/fileGrants';

/** The Open dialog of each purpose: its title and the files it offers. */
export const OPEN_DIALOGS: Record<FilePurpose, { title: string; filters: { name: string; extensions: string[] }[] }> = {
  restore: { title: 'Restore from a backup', filters: [{ name: 'Reseller Console backup', extensions: ['db', 'sqlite', 'sqlite3', 'bak'] }, { name: 'All files', extensions: ['*'] }] },
  cdr: { title: 'Import call records', filters: [{ name: 'Call records (CSV, JSON)', extensions: ['csv', 'json', 'txt'] }, { name: 'All files', extensions: ['*'] }] },
  dids: { title: 'Import a DID list', filters: [{ name: 'DID list (CSV, text)', extensions: ['csv', 'txt'] }] },
  logo: { title: 'Choose a logo', filters: [{ name: 'Images (PNG, JPEG)', extensions: ['png', 'jpg', 'jpeg'] }] },
  costs: { title: 'Import provider rates', filters: [{ name: 'Rates (CSV)', extensions: ['csv'] }] },
  brandingImage: { title: 'Choose an image for the client portal', filters: [{ name: 'Images (PNG, JPEG)', extensions: ['png', 'jpg', 'jpeg'] }] },
};

/**
 * Electron's Open dialog for chosen files (issue 14): main gets the path, the window a grant
 * (main/services/fileGrants.ts). Cancelling gives null.
 */
export function dialogFilePicker(dialog: Pick<Dialog, 'showOpenDialog'>, window: () => BrowserWindow | null, defaultFolder: string): FilePicker {
  return async (purpose) => {
    const options: OpenDialogOptions = { ...OPEN_DIALOGS[purpose], defaultPath: defaultFolder, properties: ['openFile'] };
    const owner = window();
    const answer = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    return answer.canceled ? null : (answer.filePaths[0] ?? null);
  };
}
