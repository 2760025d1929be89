import { create } from 'zustand';
import type { ChannelInput } from '../../../preload/contract';
import type { ApiError } from '../../../preload/result';
import type { ClientSummary, ClientView } from '../../../preload/schemas/clients';
import { api } from '../api';
import { issuesByField, type FieldErrors } from '../lib/issues';
import type { LoadStatus } from './status';

export type ClientCreateInput = ChannelInput<'clients.create'>;
export type ClientUpdateInput = ChannelInput<'clients.update'>;

export type ClientStatusFilter = 'open' | 'all' | 'active' | 'suspended' | 'closed';
export type ClientSort = 'name' | 'balance' | 'created';
export type SortDirection = 'asc' | 'desc';

export interface ClientListQuery {
  search: string;
  status: ClientStatusFilter;
  sort: ClientSort;
  direction: SortDirection;
  negativeOnly: boolean;
}

export const DEFAULT_CLIENT_QUERY: ClientListQuery = { search: '', status: 'open', sort: 'name', direction: 'asc', negativeOnly: false };

interface ClientsState {
  query: ClientListQuery;
  clients: ClientSummary[];
  status: LoadStatus;
  error: ApiError | null;
  /** The client the edit form shows. */
  editing: ClientView | null;
  editingStatus: LoadStatus;
  saving: boolean;
  saveError: ApiError | null;
  fieldErrors: FieldErrors;
  load(): Promise<void>;
  /** Changes search, filters or sort and reloads the list from main. */
  setQuery(change: Partial<ClientListQuery>): Promise<void>;
  loadForEdit(id: number): Promise<void>;
  create(input: ClientCreateInput): Promise<ClientView | null>;
  update(input: ClientUpdateInput): Promise<ClientView | null>;
  clearErrors(): void;
}

// Typing in the search box sends one request per key; only the newest answer may land.
let latestListRequest = 0;

const noSaveErrors = { saveError: null, fieldErrors: {} } as const;

export const useClients = create<ClientsState>()((set, get) => ({
  query: DEFAULT_CLIENT_QUERY,
  clients: [],
  status: 'idle',
  error: null,
  editing: null,
  editingStatus: 'idle',
  saving: false,
  ...noSaveErrors,

  async load() {
    const request = ++latestListRequest;
    set((state) => ({ status: state.status === 'ready' ? 'ready' : 'loading', error: null }));
    const result = await api.clients.list(get().query);
    if (request !== latestListRequest) return;
    if (result.ok) set({ clients: result.value, status: 'ready' });
    else set({ status: 'error', error: result.error });
  },

  async setQuery(change) {
    set((state) => ({ query: { ...state.query, ...change } }));
    await get().load();
  },

  async loadForEdit(id) {
    set({ editing: null, editingStatus: 'loading', error: null, ...noSaveErrors });
    const result = await api.clients.get({ id });
    if (result.ok) set({ editing: result.value, editingStatus: 'ready' });
    else set({ editingStatus: 'error', error: result.error });
  },

  async create(input) {
    set({ saving: true, ...noSaveErrors });
    const result = await api.clients.create(input);
    if (!result.ok) {
      set({ saving: false, saveError: result.error, fieldErrors: issuesByField(result.error.issues) });
      return null;
    }
    set({ saving: false });
    return result.value;
  },

  async update(input) {
    set({ saving: true, ...noSaveErrors });
    const result = await api.clients.update(input);
    if (!result.ok) {
      set({ saving: false, saveError: result.error, fieldErrors: issuesByField(result.error.issues) });
      return null;
    }
    set({ saving: false, editing: result.value });
    return result.value;
  },

  clearErrors() {
    set(noSaveErrors);
  },
}));
