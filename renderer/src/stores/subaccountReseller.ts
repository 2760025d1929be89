import { create } from 'zustand';
import type { ApiError } from '../../../preload/result';
import type { ClientPackageView } from '../../../preload/schemas/clients';
import { api } from '../api';
import type { LoadStatus } from './status';

export interface ResellerClientChoice {
  id: number;
  name: string;
}

export interface ClientConnections {
  status: LoadStatus;
  /** The packages connected to the client now (the ones a sub account may be rated with). */
  packages: ClientPackageView[];
  error: ApiError | null;
}

interface SubaccountResellerState {
  /** Clients a sub account can be bound to: every client that is not closed. */
  clients: ResellerClientChoice[];
  clientsStatus: LoadStatus;
  clientsError: ApiError | null;
  /** By client id, for each client chosen on the edit page so far. */
  connections: Readonly<Record<number, ClientConnections>>;
  loadClients(): Promise<void>;
  /** Reads the client's connected packages again (another page may have changed them). */
  loadConnections(clientId: number): Promise<void>;
}

/** The choices of the reseller section on the sub account edit page (guide: "Edit Sub Account >> Manage"). */
export const useSubaccountReseller = create<SubaccountResellerState>()((set) => ({
  clients: [],
  clientsStatus: 'idle',
  clientsError: null,
  connections: {},

  async loadClients() {
    set((state) => ({ clientsStatus: state.clientsStatus === 'ready' ? 'ready' : 'loading', clientsError: null }));
    // A closed client cannot take a new sub account; `open` leaves closed ones out.
    const result = await api.clients.list({ status: 'open' });
    if (result.ok) set({ clients: result.value.map((client) => ({ id: client.id, name: client.name })), clientsStatus: 'ready' });
    else set({ clientsStatus: 'error', clientsError: result.error });
  },

  async loadConnections(clientId) {
    // Already shown: keep the list on screen while it is read again.
    set((state) => {
      const shown = state.connections[clientId];
      const reloading: ClientConnections = shown?.status === 'ready' ? shown : { status: 'loading', packages: [], error: null };
      return { connections: { ...state.connections, [clientId]: reloading } };
    });
    const result = await api.clients.manage({ id: clientId });
    const loaded: ClientConnections = result.ok
      ? { status: 'ready', packages: result.value.packages, error: null }
      : { status: 'error', packages: [], error: result.error };
    set((state) => ({ connections: { ...state.connections, [clientId]: loaded } }));
  },
}));
