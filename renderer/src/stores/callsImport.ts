import { create } from 'zustand';
import type { ImportJobView } from '../../../preload/schemas/calls';
import { api } from '../api';
import { refreshCallViews } from './callsRefresh';
import { showToast } from './toasts';

/** main takes at most 8,000,000 characters of text (preload/schemas/calls.ts `importTextInput`). */
export const MAX_UPLOAD_BYTES = 8_000_000;
/** How often the progress is asked for while main imports. */
export const POLL_INTERVAL_MS = 300;

export type ImportPhase = 'idle' | 'reading' | 'running' | 'finished';

/** Why an import did not start: the file is too large for the window, or main refused it. */
export type ImportProblem = { kind: 'too-large'; fileName: string; bytes: number } | { kind: 'refused'; message: string };

interface CallsImportState {
  phase: ImportPhase;
  job: ImportJobView | null;
  /** Lines of the file sent, counted here: main reads a sent text in one piece, so its byte count jumps from 0 to all. */
  totalLines: number | null;
  problem: ImportProblem | null;
  cancelling: boolean;
  start(file: File): Promise<void>;
  cancel(): Promise<void>;
  /** Back to the file picker, for the next file. */
  reset(): void;
}

/** Lines as the CSV reader counts them: CRLF, LF or a lone CR each end one; a last line without a break counts too. */
export function countLines(text: string): number {
  let lines = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) lines++;
  }
  const last = text.charCodeAt(text.length - 1);
  return last === 0x0a || last === 0x0d ? lines : lines + 1;
}

const plural = (count: number, one: string, many: string): string => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

function announceEnd(job: ImportJobView): void {
  const counts = `${plural(job.added, 'call', 'calls')} added, ${job.duplicates.toLocaleString('en-US')} already there, ${job.rejected.toLocaleString('en-US')} rejected.`;
  if (job.status === 'done') showToast({ tone: 'success', title: 'Calls imported', description: counts });
  else if (job.status === 'cancelled') showToast({ tone: 'info', title: 'Import cancelled', description: `The calls read before you cancelled are kept: ${counts}` });
  else showToast({ tone: 'error', title: 'The import failed', description: job.message ?? counts });
}

/**
 * One CDR file import at a time: the window reads the file's text, main imports it as a
 * job, and this store asks for its progress until it ends. The polling lives here, not in
 * the page, so an import keeps being followed when the reseller opens another page.
 */
export const useCallsImport = create<CallsImportState>()((set, get) => {
  let timer: ReturnType<typeof setTimeout> | null = null;

  const poll = async (jobId: number): Promise<void> => {
    timer = null;
    const result = await api.calls.importStatus({ jobId });
    if (get().job?.jobId !== jobId) return;
    if (!result.ok) {
      // The job is gone (main restarted?): what it did is in the call list, its progress is not.
      set({ phase: 'finished', job: null, cancelling: false, problem: { kind: 'refused', message: result.error.message } });
      return;
    }
    const job = result.value;
    if (job.status === 'running') {
      set({ job });
      timer = setTimeout(() => void poll(jobId), POLL_INTERVAL_MS);
      return;
    }
    set({ job, phase: 'finished', cancelling: false });
    announceEnd(job);
    void refreshCallViews();
  };

  return {
    phase: 'idle',
    job: null,
    totalLines: null,
    problem: null,
    cancelling: false,

    async start(file) {
      if (get().phase === 'running' || get().phase === 'reading') return;
      if (file.size > MAX_UPLOAD_BYTES) {
        set({ phase: 'idle', job: null, problem: { kind: 'too-large', fileName: file.name, bytes: file.size } });
        return;
      }
      set({ phase: 'reading', job: null, problem: null });
      let text: string;
      try {
        text = await file.text();
      } catch {
        set({ phase: 'idle', problem: { kind: 'refused', message: `${file.name} could not be read. Is it still there?` } });
        return;
      }
      const result = await api.calls.importText({ text, fileName: file.name });
      if (!result.ok) {
        set({ phase: 'idle', problem: { kind: 'refused', message: result.error.message } });
        return;
      }
      set({ phase: 'running', job: result.value, totalLines: countLines(text) });
      timer = setTimeout(() => void poll(result.value.jobId), POLL_INTERVAL_MS);
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
      if (timer !== null) clearTimeout(timer);
      timer = null;
      set({ phase: 'idle', job: null, totalLines: null, problem: null, cancelling: false });
    },
  };
});
