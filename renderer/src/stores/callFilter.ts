import { create } from 'zustand';

export type CallStatusFilter = 'all' | 'rated' | 'unrated';

/** What the call list shows; '' and null mean "no limit". Dates are YYYY-MM-DD, both ends included. */
export interface CallFilter {
  clientId: number | null;
  from: string;
  to: string;
  status: CallStatusFilter;
}

export const NO_CALL_FILTER: CallFilter = { clientId: null, from: '', to: '', status: 'all' };

export const isFiltered = (filter: CallFilter): boolean =>
  filter.clientId !== null || filter.from !== '' || filter.to !== '' || filter.status !== 'all';

interface CallFilterState {
  filter: CallFilter;
  setFilter(change: Partial<CallFilter>): void;
}

/**
 * The Global CDR's filter: the window's own state, kept here (not in the page) so it is
 * still set when the reseller comes back to the list. The calls themselves are server
 * state (queries/callList.ts), keyed by this filter.
 */
export const useCallFilter = create<CallFilterState>()((set) => ({
  filter: NO_CALL_FILTER,
  setFilter: (change) => set((state) => ({ filter: { ...state.filter, ...change } })),
}));
