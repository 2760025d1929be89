import { create } from 'zustand';
import type { ApiError } from '../../../preload/result';
import { api } from '../api';
import { refreshCallViews } from './callsRefresh';
import { showToast } from './toasts';

export interface RerateOutcome {
  rated: number;
  stillUnrated: number;
}

interface RerateUnratedState {
  busy: boolean;
  outcome: RerateOutcome | null;
  error: ApiError | null;
  rerate(): Promise<void>;
  clear(): void;
}

/** "Re-rate unrated calls", once the reseller created the missing sub account or package. */
export const useRerateUnrated = create<RerateUnratedState>()((set) => ({
  busy: false,
  outcome: null,
  error: null,

  async rerate() {
    set({ busy: true, error: null, outcome: null });
    const result = await api.calls.rerateUnrated();
    if (!result.ok) {
      set({ busy: false, error: result.error });
      return;
    }
    set({ busy: false, outcome: result.value });
    const { rated, stillUnrated } = result.value;
    showToast({
      tone: rated > 0 ? 'success' : 'info',
      title: rated > 0 ? 'Calls re-rated' : 'No call could be rated yet',
      description: `${rated.toLocaleString('en-US')} rated, ${stillUnrated.toLocaleString('en-US')} still unrated.`,
    });
    await refreshCallViews();
  },

  clear() {
    set({ outcome: null, error: null });
  },
}));
