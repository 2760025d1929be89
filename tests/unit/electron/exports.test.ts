import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, Dialog } from 'electron';
import { dialogExportTargets } from '../../../main/electron/exports';

type FakeDialog = Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>;

function fakeDialog(save: { canceled: boolean; filePath?: string }, open: { canceled: boolean; filePaths: string[] } = { canceled: true, filePaths: [] }) {
  const showSaveDialog = vi.fn((..._args: unknown[]) => Promise.resolve({ canceled: save.canceled, filePath: save.filePath ?? '' }));
  const showOpenDialog = vi.fn((..._args: unknown[]) => Promise.resolve(open));
  return { dialog: { showSaveDialog, showOpenDialog } as unknown as FakeDialog, showSaveDialog, showOpenDialog };
}

const window = {} as BrowserWindow;

describe('Electron exports go where the Save dialog says', () => {
  it('asks over the window with the suggested name in the default folder, and writes at the chosen path', async () => {
    const fake = fakeDialog({ canceled: false, filePath: '/home/ada/Desktop/november.csv' });
    const targets = dialogExportTargets(fake.dialog, () => window, '/home/ada/Documents');
    expect(await targets.file('calls-from-2026-11-01.csv')).toEqual({ path: '/home/ada/Desktop/november.csv', shownAs: '/home/ada/Desktop/november.csv', downloadUrl: null });
    expect(fake.showSaveDialog).toHaveBeenCalledWith(window, {
      title: 'Export',
      defaultPath: '/home/ada/Documents/calls-from-2026-11-01.csv',
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
  });

  it('a cancelled dialog starts nothing', async () => {
    const fake = fakeDialog({ canceled: true });
    expect(await dialogExportTargets(fake.dialog, () => null, '/tmp').file('calls.csv')).toBeNull();
    expect(fake.showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: '/tmp/calls.csv' }));
  });

  it('a folder comes from the folder dialog', async () => {
    const fake = fakeDialog({ canceled: true }, { canceled: false, filePaths: ['/home/ada/invoices'] });
    expect(await dialogExportTargets(fake.dialog, () => window, '/home/ada').folder('invoices-2026-11')).toEqual({ path: '/home/ada/invoices', shownAs: '/home/ada/invoices', downloadUrl: null });
    expect(fake.showOpenDialog).toHaveBeenCalledWith(window, expect.objectContaining({ properties: ['openDirectory', 'createDirectory'] }));
  });
});
