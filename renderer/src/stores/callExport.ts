import { create } from 'zustand';
import type { ChannelInput } from '../../../preload/contract';
import type { ExportProgress } from '../../../preload/schemas/calls';
import { callChannel, toApiError } from '../queries/channel';
import { onExportProgress } from '../queries/ServerEvents';
import { showToast } from './toasts';
import { downloadFrom } from '../lib/download';

type ExportInput = ChannelInput<'calls.export'>;

interface CallExportState {
  /** The export on its way or the last one ended; null before any. */
  progress: ExportProgress | null;
  problem: string | null;
  starting: boolean;
  start(input: ExportInput): Promise<void>;
  cancel(): Promise<void>;
}

/**
 * One CSV export of calls at a time: main streams the file and reports 'export.progress';
 * this store follows it (also while the reseller is on another page), then downloads the
 * file (headless host) or says where it was saved (Electron).
 */
export const useCallExport = create<CallExportState>()((set, get) => {
  // What main said of each export so far: a small file may be done before calls.export answers.
  const heard = new Map<number, ExportProgress>();
  const follow = (progress: ExportProgress): void => {
    set({ progress });
    if (progress.status === 'done') {
      if (progress.downloadUrl) downloadFrom(progress.downloadUrl, progress.fileName);
      showToast({ tone: 'success', title: 'Calls exported', description: `${progress.rows.toLocaleString('en-US')} calls in ${progress.shownAs ?? progress.fileName}` });
    } else if (progress.status === 'failed') {
      showToast({ tone: 'error', title: 'The export failed', description: progress.message ?? '' });
    }
  };
  onExportProgress((progress) => {
    heard.set(progress.exportId, progress);
    const current = get().progress;
    if (current !== null && current.exportId === progress.exportId && current.status === 'running') follow(progress);
  });
  return {
    progress: null,
    problem: null,
    starting: false,
    start: async (input) => {
      set({ starting: true, problem: null });
      try {
        const started = await callChannel('calls.export', input);
        set({ starting: false });
        if (!started.started) return;
        const known = heard.get(started.exportId);
        const running: ExportProgress = { exportId: started.exportId, fileName: started.fileName, rows: 0, total: started.total, status: 'running', shownAs: null, downloadUrl: null, message: null };
        set({ progress: running });
        if (known) follow(known);
      } catch (error) {
        set({ starting: false, problem: toApiError(error).message });
      }
    },
    cancel: async () => {
      const progress = get().progress;
      if (progress === null || progress.status !== 'running') return;
      await callChannel('calls.cancelExport', { exportId: progress.exportId }).catch(() => undefined);
    },
  };
});
