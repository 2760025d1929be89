import { create } from 'zustand';
import type { ApiError } from '../../../preload/result';
import { api } from '../api';
import type { LoadStatus } from './status';

export interface CallClientChoice {
  id: number;
  name: string;
  closed: boolean;
}

interface CallClientsState {
  clients: CallClientChoice[];
  status: LoadStatus;
  error: ApiError | null;
  load(): Promise<void>;
}

/**
 * The clients the call list can be filtered by: open ones and closed ones too, since a
 * deleted client keeps its call history.
 */
export const useCallClients = create<CallClientsState>()((set) => ({
  clients: [],
  status: 'idle',
  error: null,

  async load() {
    set((state) => ({ status: state.status === 'ready' ? 'ready' : 'loading', error: null }));
    const [open, closed] = await Promise.all([api.clients.list({ status: 'open' }), api.clients.list({ status: 'closed' })]);
    if (!open.ok || !closed.ok) {
      set({ status: 'error', error: !open.ok ? open.error : closed.ok ? null : closed.error });
      return;
    }
    const clients = [
      ...open.value.map((client) => ({ id: client.id, name: client.name, closed: false })),
      ...closed.value.map((client) => ({ id: client.id, name: client.name, closed: true })),
    ].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
    set({ clients, status: 'ready' });
  },
}));
