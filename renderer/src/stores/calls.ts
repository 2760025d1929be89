import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { ApiError } from '../../../preload/result';
import type { CallView } from '../../../preload/schemas/calls';
import { api } from '../api';
import type { LoadStatus } from './status';

export type CallStatusFilter = 'all' | 'rated' | 'unrated';

/** What the call list shows; '' and null mean "no limit". Dates are YYYY-MM-DD, both ends included. */
export interface CallFilter {
  clientId: number | null;
  from: string;
  to: string;
  status: CallStatusFilter;
}

export const NO_CALL_FILTER: CallFilter = { clientId: null, from: '', to: '', status: 'all' };

/** Rows per `calls.list` request: a screenful many times over, far below main's limit of 1,000. */
export const CALL_PAGE_SIZE = 200;
/** Pages kept in memory; scrolling through a million calls must not keep them all. */
const MAX_PAGES_KEPT = 40;

export interface CallPagerState {
  filter: CallFilter;
  /** Calls matching the filter, from main's last answer. */
  total: number;
  /** Loaded pages by index (page n holds rows n × CALL_PAGE_SIZE …). */
  pages: Readonly<Record<number, readonly CallView[]>>;
  status: LoadStatus;
  /** True while a new filter's first page is on its way; the old rows stay on screen meanwhile. */
  refreshing: boolean;
  error: ApiError | null;
  /** Reads the first page again (on opening the page, after an import or a re-rate). */
  reload(): Promise<void>;
  setFilter(change: Partial<CallFilter>): Promise<void>;
  /** Asks for the pages that hold rows first…last, when not loaded or on their way. */
  ensureRows(first: number, last: number): void;
}

export function callAt(state: Pick<CallPagerState, 'pages'>, index: number): CallView | undefined {
  return state.pages[Math.floor(index / CALL_PAGE_SIZE)]?.[index % CALL_PAGE_SIZE];
}

function listInput(filter: CallFilter, page: number) {
  return {
    status: filter.status,
    limit: CALL_PAGE_SIZE,
    offset: page * CALL_PAGE_SIZE,
    ...(filter.clientId === null ? {} : { clientId: filter.clientId }),
    ...(filter.from === '' ? {} : { from: filter.from }),
    ...(filter.to === '' ? {} : { to: filter.to }),
  };
}

/** Drops the pages farthest from the one just loaded once too many are kept. */
function trimPages(pages: Record<number, readonly CallView[]>, around: number): Record<number, readonly CallView[]> {
  const indexes = Object.keys(pages).map(Number);
  if (indexes.length <= MAX_PAGES_KEPT) return pages;
  const kept = indexes.sort((a, b) => Math.abs(a - around) - Math.abs(b - around)).slice(0, MAX_PAGES_KEPT);
  return Object.fromEntries(kept.map((index) => [index, pages[index]!]));
}

/**
 * A call list read a page at a time as the table scrolls (Global CDR, unrated calls).
 * Each answer carries the generation it was asked in: after a filter change or a reload,
 * answers to older questions are dropped, so rows of two filters never mix.
 */
export function createCallPager(initial: CallFilter): UseBoundStore<StoreApi<CallPagerState>> {
  let generation = 0;
  const inFlight = new Set<string>();

  return create<CallPagerState>()((set, get) => {
    const loadPage = async (page: number): Promise<void> => {
      const asked = generation;
      const key = `${asked}:${page}`;
      inFlight.add(key);
      const result = await api.calls.list(listInput(get().filter, page));
      inFlight.delete(key);
      if (asked !== generation) return;
      if (result.ok) set((state) => ({ pages: trimPages({ ...state.pages, [page]: result.value.rows }, page), total: result.value.total }));
      else set({ error: result.error });
    };

    return {
      filter: initial,
      total: 0,
      pages: {},
      status: 'idle',
      refreshing: false,
      error: null,

      async reload() {
        const asked = ++generation;
        set((state) => ({ status: state.status === 'ready' ? 'ready' : 'loading', refreshing: true, error: null }));
        const result = await api.calls.list(listInput(get().filter, 0));
        if (asked !== generation) return;
        if (result.ok) set({ pages: { 0: result.value.rows }, total: result.value.total, status: 'ready', refreshing: false });
        else set({ status: 'error', refreshing: false, error: result.error });
      },

      async setFilter(change) {
        set((state) => ({ filter: { ...state.filter, ...change } }));
        await get().reload();
      },

      ensureRows(first, last) {
        const { status, refreshing, pages } = get();
        if (status !== 'ready' || refreshing) return;
        for (let page = Math.floor(first / CALL_PAGE_SIZE); page <= Math.floor(last / CALL_PAGE_SIZE); page++) {
          if (!pages[page] && !inFlight.has(`${generation}:${page}`)) void loadPage(page);
        }
      },
    };
  });
}

/** The Global CDR: every call, newest first, with the reseller's filters. */
export const useCallList = createCallPager(NO_CALL_FILTER);

/** Calls kept as unrated with their reason (DESIGN.md rating rule 8: never dropped). */
export const useUnratedCalls = createCallPager({ ...NO_CALL_FILTER, status: 'unrated' });
