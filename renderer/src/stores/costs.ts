import { create } from 'zustand';
import type { ChannelInput } from '../../../preload/contract';
import type { ApiError } from '../../../preload/result';
import type { CostDeckSummary, CostImportResult } from '../../../preload/schemas/pricing';
import { api } from '../api';
import { issuesByField, type FieldErrors } from '../lib/issues';
import type { LoadStatus } from './status';

export type CostImportRequest = ChannelInput<'costs.import'>;

interface CostsState {
  /** Prefix count and last import per route. */
  summary: CostDeckSummary[];
  status: LoadStatus;
  importing: boolean;
  /** The last import: what went in and which lines were refused. */
  lastImport: CostImportResult | null;
  error: ApiError | null;
  fieldErrors: FieldErrors;
  load(): Promise<void>;
  importDeck(request: CostImportRequest): Promise<CostImportResult | null>;
  clearErrors(): void;
}

export const useCosts = create<CostsState>()((set) => ({
  summary: [],
  status: 'idle',
  importing: false,
  lastImport: null,
  error: null,
  fieldErrors: {},

  async load() {
    set((state) => ({ status: state.status === 'ready' ? 'ready' : 'loading' }));
    const result = await api.costs.summary();
    if (result.ok) set({ summary: result.value, status: 'ready' });
    else set({ status: 'error', error: result.error });
  },

  async importDeck(request) {
    set({ importing: true, error: null, fieldErrors: {}, lastImport: null });
    const result = await api.costs.import(request);
    if (!result.ok) {
      set({ importing: false, error: result.error, fieldErrors: issuesByField(result.error.issues) });
      return null;
    }
    set({ importing: false, lastImport: result.value });
    const summary = await api.costs.summary();
    if (summary.ok) set({ summary: summary.value, status: 'ready' });
    return result.value;
  },

  clearErrors() {
    set({ error: null, fieldErrors: {} });
  },
}));
