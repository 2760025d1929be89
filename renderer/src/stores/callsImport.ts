import { create } from 'zustand';
import type { ImportJobView } from '../../../preload/schemas/calls';
import { api } from '../api';
import { onImportProgress } from '../queries/ServerEvents';
import { sliceDecoder } from '../lib/fileText';
import { showToast } from './toasts';
import { plural } from '../../../preload/common/plural';

/** The file goes to main in slices of this size: any file size, a few slices in memory at a time. */
export const SLICE_BYTES = 2 * 1024 * 1024;
export type ImportPhase = 'idle' | 'reading' | 'running' | 'finished';

/** Why an import did not start or went no further: main refused it, or the file could not be read. */
export type ImportProblem = { kind: 'refused'; message: string };

interface CallsImportState {
  phase: ImportPhase;
  job: ImportJobView | null;
  problem: ImportProblem | null;
  cancelling: boolean;
  start(file: File): Promise<void>;
  /** The desktop app: a file chosen with main's Open dialog, read by main from where it is (issue 14). */
  startChosen(grant: string): Promise<void>;
  cancel(): Promise<void>;
  /** Back to the file picker, for the next file. */
  reset(): void;
}


function announceEnd(job: ImportJobView): void {
  const counts = `${plural(job.added, 'call', 'calls')} added, ${job.duplicates.toLocaleString('en-US')} already there, ${job.rejected.toLocaleString('en-US')} rejected.`;
  if (job.status === 'done' && job.message) showToast({ tone: 'info', title: 'Calls imported, with a warning', description: `${counts} ${job.message}` });
  else if (job.status === 'done') showToast({ tone: 'success', title: 'Calls imported', description: counts });
  else if (job.status === 'cancelled') showToast({ tone: 'info', title: 'Import cancelled', description: `The calls read before you cancelled are kept: ${counts}` });
  else showToast({ tone: 'error', title: 'The import failed', description: job.message ?? counts });
}

/**
 * One CDR file import at a time: the window reads the file's text, main imports it as a
 * job, and this store follows main's import.progress events until it ends. It lives here,
 * not in the page, so an import keeps being followed when the reseller opens another page.
 */
export const useCallsImport = create<CallsImportState>()((set, get) => {
  /** The job's view moved on (pushed by main, or asked for): show it; announce the end once. */
  const follow = (job: ImportJobView): void => {
    const current = get();
    if (current.job?.jobId !== job.jobId || current.phase === 'finished') return;
    if (job.status === 'running') {
      set({ job });
      return;
    }
    set({ job, phase: 'finished', cancelling: false });
    // The lists refresh from main's 'data.changed' of the import's last commit.
    announceEnd(job);
  };
  onImportProgress(follow);

  return {
    phase: 'idle',
    job: null,
    problem: null,
    cancelling: false,

    async start(file) {
      if (get().phase === 'running' || get().phase === 'reading') return;
      set({ phase: 'reading', job: null, problem: null });
      const begun = await api.calls.importBegin({ fileName: file.name, totalBytes: file.size });
      if (!begun.ok) {
        set({ phase: 'idle', problem: { kind: 'refused', message: begun.error.message } });
        return;
      }
      const jobId = begun.value.jobId;
      set({ phase: 'running', job: begun.value });
      // Slice by slice: main answers each slice once it has room for the next (backpressure).
      // UTF-8 or UTF-16, from the file's BOM; a character cut between slices is kept whole.
      const decoder = sliceDecoder();
      for (let offset = 0; ; offset += SLICE_BYTES) {
        const last = offset + SLICE_BYTES >= file.size;
        let text: string;
        try {
          text = decoder.decode(await file.slice(offset, offset + SLICE_BYTES).arrayBuffer(), last);
        } catch {
          await api.calls.cancelImport({ jobId });
          set({ problem: { kind: 'refused', message: `${file.name} could not be read. Is it still there?` } });
          return;
        }
        // The slice's size in the file: progress counts file bytes, whatever the encoding.
        const sent = await api.calls.importChunk({ jobId, text, bytes: Math.min(SLICE_BYTES, file.size - offset), last });
        if (!sent.ok) {
          set({ problem: { kind: 'refused', message: sent.error.message } });
          return;
        }
        // Each answer carries the job's view too; main's import.progress events do the rest.
        follow(sent.value);
        if (last || sent.value.status !== 'running' || get().job?.jobId !== jobId) return;
      }
    },

    async startChosen(grant) {
      if (get().phase === 'running' || get().phase === 'reading') return;
      set({ phase: 'reading', job: null, problem: null });
      const begun = await api.calls.importFile({ grant });
      if (!begun.ok) {
        set({ phase: 'idle', problem: { kind: 'refused', message: begun.error.message } });
        return;
      }
      set({ phase: 'running', job: begun.value });
      // Main reads the file; its import.progress events carry the job from here.
      follow(begun.value);
    },

    async cancel() {
      const job = get().job;
      if (!job || get().phase !== 'running') return;
      set({ cancelling: true });
      const result = await api.calls.cancelImport({ jobId: job.jobId });
      if (!result.ok) set({ cancelling: false, problem: { kind: 'refused', message: result.error.message } });
    },

    reset() {
      if (get().phase === 'running' || get().phase === 'reading') return;
      set({ phase: 'idle', job: null, problem: null, cancelling: false });
    },
  };
});
