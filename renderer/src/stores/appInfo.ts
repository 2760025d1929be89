import { create } from 'zustand';
import type { ApiError } from '../../../preload/result';
import type { AppInfo } from '../../../preload/schemas/app';
import { api } from '../api';
import type { LoadStatus } from './status';

interface AppInfoState {
  info: AppInfo | null;
  status: LoadStatus;
  error: ApiError | null;
  load(): Promise<void>;
}

export const useAppInfo = create<AppInfoState>()((set) => ({
  info: null,
  status: 'idle',
  error: null,

  async load() {
    set((state) => ({ status: state.info ? 'ready' : 'loading', error: null }));
    const result = await api.app.info();
    if (result.ok) set({ info: result.value, status: 'ready' });
    else set({ status: 'error', error: result.error });
  },
}));
