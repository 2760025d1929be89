import { create } from 'zustand';
import type { CallDisposition } from '../../../preload/schemas/calls';

export type CallStatusFilter = 'all' | 'rated' | 'unrated';
export type CallOrder = 'newest' | 'oldest';
/** The guide's two views: Simple View hides the call type (busy, answered, failed, no answer) filter of the CDR. */
export type CdrView = 'standard' | 'simple';

/** What the call list shows; '' and null mean "no limit". Dates are YYYY-MM-DD, both ends included. */
export interface CallFilter {
  clientId: number | null;
  subaccountId: number | null;
  from: string;
  to: string;
  direction: '' | 'inbound' | 'outbound';
  disposition: '' | CallDisposition;
  /** Digits: part of the destination; text: a country or part of the description. */
  search: string;
  status: CallStatusFilter;
  order: CallOrder;
}

export const NO_CALL_FILTER: CallFilter = { clientId: null, subaccountId: null, from: '', to: '', direction: '', disposition: '', search: '', status: 'all', order: 'newest' };

/** Whether the list shows fewer calls than all (the order is not a filter). */
export const isFiltered = (filter: CallFilter): boolean =>
  filter.clientId !== null ||
  filter.subaccountId !== null ||
  filter.from !== '' ||
  filter.to !== '' ||
  filter.direction !== '' ||
  filter.disposition !== '' ||
  filter.search.trim() !== '' ||
  filter.status !== 'all';

interface CallFilterState {
  filter: CallFilter;
  view: CdrView;
  setFilter(change: Partial<CallFilter>): void;
  setView(view: CdrView): void;
}

/**
 * The Global CDR's filter and view: the window's own state, kept here (not in the page) so
 * it is still set when the reseller comes back to the list. The calls themselves are server
 * state (queries/callList.ts), keyed by this filter. A client's CDR keeps its own.
 */
export const useCallFilter = create<CallFilterState>()((set) => ({
  filter: NO_CALL_FILTER,
  view: 'standard',
  setFilter: (change) => set((state) => ({ filter: { ...state.filter, ...change } })),
  setView: (view) => set((state) => ({ view, filter: view === 'simple' ? { ...state.filter, disposition: '' } : state.filter })),
}));
