import { create } from 'zustand';
import type { ChannelInput } from '../../../preload/contract';
import type { ApiError } from '../../../preload/result';
import type { DidImportResult, DidInventoryView } from '../../../preload/schemas/telephony';
import { api } from '../api';
import { perform, type ActionOutcome } from './clientsOutcome';
import type { LoadStatus } from './status';

export type DidAddInput = ChannelInput<'dids.add'>;

interface DidsState {
  dids: DidInventoryView[];
  status: LoadStatus;
  error: ApiError | null;
  load(): Promise<void>;
  add(input: DidAddInput): Promise<ActionOutcome<DidInventoryView[]>>;
  importList(text: string): Promise<ActionOutcome<DidImportResult>>;
}

/** The reseller's DID inventory: numbers ordered from the provider, free or assigned to a client. */
export const useDids = create<DidsState>()((set, get) => ({
  dids: [],
  status: 'idle',
  error: null,

  async load() {
    set((state) => ({ status: state.status === 'ready' ? 'ready' : 'loading', error: null }));
    const result = await api.dids.list();
    if (result.ok) set({ dids: result.value, status: 'ready' });
    else set({ status: 'error', error: result.error });
  },

  async add(input) {
    const outcome = await perform(api.dids.add(input), () => ({ title: 'DID added', description: `${input.number.trim()} is in your inventory.` }));
    if (outcome.ok) set({ dids: outcome.value, status: 'ready' });
    return outcome;
  },

  async importList(text) {
    const outcome = await perform(api.dids.import({ text }), (result) => ({
      title: 'DID list imported',
      description: `${result.added} added, ${result.alreadyThere} already there, ${result.rejected.length} rejected.`,
    }));
    if (outcome.ok) await get().load();
    return outcome;
  },
}));
