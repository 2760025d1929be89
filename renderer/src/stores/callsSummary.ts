import { create } from 'zustand';
import type { ApiError } from '../../../preload/result';
import { api } from '../api';
import type { LoadStatus } from './status';

interface CallsSummaryState {
  total: number;
  unrated: number;
  status: LoadStatus;
  error: ApiError | null;
  load(): Promise<void>;
}

/** How many calls there are and how many wait to be rated: the dashboard's and the sub navigation's counts. */
export const useCallsSummary = create<CallsSummaryState>()((set) => ({
  total: 0,
  unrated: 0,
  status: 'idle',
  error: null,

  async load() {
    set((state) => ({ status: state.status === 'ready' ? 'ready' : 'loading', error: null }));
    const [all, unrated] = await Promise.all([api.calls.list({ status: 'all', limit: 1 }), api.calls.list({ status: 'unrated', limit: 1 })]);
    if (all.ok && unrated.ok) set({ total: all.value.total, unrated: unrated.value.total, status: 'ready' });
    else set({ status: 'error', error: !all.ok ? all.error : unrated.ok ? null : unrated.error });
  },
}));
