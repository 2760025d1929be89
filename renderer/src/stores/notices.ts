import { create } from 'zustand';
import type { ApiError } from '../../../preload/result';
import type { NoticeView } from '../../../preload/schemas/clients';
import { api } from '../api';
import type { LoadStatus } from './status';

interface NoticesState {
  notices: NoticeView[];
  status: LoadStatus;
  error: ApiError | null;
  load(): Promise<void>;
}

/** Balance notices of every client (low balance, suspended, reactivated), newest first. */
export const useNotices = create<NoticesState>()((set) => ({
  notices: [],
  status: 'idle',
  error: null,

  async load() {
    set((state) => ({ status: state.status === 'ready' ? 'ready' : 'loading', error: null }));
    const result = await api.notices.list();
    if (result.ok) set({ notices: result.value, status: 'ready' });
    else set({ status: 'error', error: result.error });
  },
}));
