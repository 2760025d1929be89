import type { BrowserWindow, Dialog } from 'electron';
import type { ExportTargets } from '../services/exportTargets';

const FILTERS: Record<string, { name: string; extensions: string[] }[]> = {
  csv: [{ name: 'CSV', extensions: ['csv'] }],
  pdf: [{ name: 'PDF', extensions: ['pdf'] }],
  db: [{ name: 'Reseller Console backup', extensions: ['db'] }],
};

/**
 * Electron's exports (issue 11): the person picks where the file goes with the system's
 * Save dialog (a folder dialog for a folder of files); cancelling it starts nothing. Thin
 * on purpose: the writing is main's export service, the same in every host.
 */
export function dialogExportTargets(dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>, window: () => BrowserWindow | null, defaultFolder: string): ExportTargets {
  const parent = (): BrowserWindow | undefined => window() ?? undefined;
  return {
    async file(suggestedName) {
      const extension = suggestedName.split('.').pop() ?? '';
      const options = {
        title: extension === 'db' ? 'Save the backup' : 'Export',
        defaultPath: `${defaultFolder}/${suggestedName}`,
        filters: FILTERS[extension] ?? [],
      };
      const owner = parent();
      const answer = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      if (answer.canceled || !answer.filePath) return null;
      return { path: answer.filePath, shownAs: answer.filePath, downloadUrl: null };
    },
    async folder(suggestedName) {
      const options = { title: `Choose where to put ${suggestedName}`, defaultPath: defaultFolder, properties: ['openDirectory' as const, 'createDirectory' as const] };
      const owner = parent();
      const answer = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
      const chosen = answer.filePaths[0];
      if (answer.canceled || chosen === undefined) return null;
      return { path: chosen, shownAs: chosen, downloadUrl: null };
    },
  };
}
