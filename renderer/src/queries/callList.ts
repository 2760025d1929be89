import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import type { ChannelInput } from '../../../preload/contract';
import type { CallPage, CallTotals } from '../../../preload/schemas/calls';
import type { CallFilter } from '../stores/callFilter';
import { callChannel, channelKey, readView, toApiError, type ReadView } from './channel';
import type { ApiError } from '../../../preload/result';
import type { LoadStatus } from '../stores/status';

/** Rows per page of the Global CDR: a screenful many times over, far below main's limit of 1,000. */
export const CDR_PAGE_SIZE = 200;

type FilterInput = NonNullable<ChannelInput<'calls.totals'>>;
type Seek = NonNullable<ChannelInput<'calls.list'>>['seek'];

/** The filter as the channels take it: only what limits the list. */
export function filterInput(filter: CallFilter): FilterInput {
  const search = filter.search.trim();
  return {
    status: filter.status,
    ...(filter.clientId === null ? {} : { clientId: filter.clientId }),
    ...(filter.subaccountId === null ? {} : { subaccountId: filter.subaccountId }),
    ...(filter.from === '' ? {} : { from: filter.from }),
    ...(filter.to === '' ? {} : { to: filter.to }),
    ...(filter.direction === '' ? {} : { direction: filter.direction }),
    ...(filter.disposition === '' ? {} : { disposition: filter.disposition }),
    ...(search === '' ? {} : { search }),
  };
}

/** Where the page on screen sits: counted from the first page (0, 1, …) or from the last one. */
export interface PagePlace {
  from: 'start' | 'end';
  index: number;
}

export interface CallKeysetList {
  page: CallPage | undefined;
  status: LoadStatus;
  error: ApiError | null;
  /** A page of this filter is on its way (the rows shown are the page before it, of the same filter). */
  refreshing: boolean;
  place: PagePlace;
  first(): void;
  previous(): void;
  next(): void;
  last(): void;
  reload(): Promise<unknown>;
}

/**
 * A call list read a page at a time by keyset (calls.list): first, last, or the page right
 * after / before the one on screen, never by OFFSET. One query per filter and place; a new
 * filter starts at its first page and never shows the old filter's rows while it loads.
 */
export function useCallKeysetList(filter: CallFilter): CallKeysetList {
  const base = useMemo(() => filterInput(filter), [filter]);
  const [cursor, setCursor] = useState<{ key: string; seek: Seek; place: PagePlace }>({ key: '', seek: 'first', place: { from: 'start', index: 0 } });
  const filterKey = JSON.stringify([base, filter.order]);
  // Another filter or order: back to its first page.
  const current = cursor.key === filterKey ? cursor : { key: filterKey, seek: 'first' as Seek, place: { from: 'start' as const, index: 0 } };
  const input: ChannelInput<'calls.list'> = { ...base, order: filter.order, seek: current.seek, limit: CDR_PAGE_SIZE };
  const query = useQuery<CallPage, Error>({
    queryKey: channelKey('calls.list', input),
    queryFn: () => callChannel('calls.list', input),
    // Moving between pages of one filter keeps the rows on screen until the next page is there; a new filter does not.
    placeholderData: (previous, previousQuery) => (previousQuery && JSON.stringify(pick(previousQuery.queryKey[1])) === JSON.stringify(pick(input)) ? previous : undefined),
  });
  const page = query.data;
  // The place of the rows on screen: while the next page loads, the previous page's rows
  // stay and so does their place (the label must not name rows that are not there yet).
  const [settledPlace, setSettledPlace] = useState<PagePlace>(current.place);
  const settled = !query.isPlaceholderData && page !== undefined;
  if (settled && (settledPlace.from !== current.place.from || settledPlace.index !== current.place.index)) setSettledPlace(current.place);
  const shown = query.isPlaceholderData ? settledPlace : current.place;
  const go = useCallback((seek: Seek, place: PagePlace) => setCursor({ key: filterKey, seek, place }), [filterKey]);
  const view = readView({ data: page, status: query.status, error: query.error as never, refetch: query.refetch });
  return {
    page,
    status: view.status,
    error: query.error ? toApiError(query.error) : null,
    refreshing: query.isPlaceholderData || query.isFetching,
    place: shown,
    first: () => go('first', { from: 'start', index: 0 }),
    last: () => go('last', { from: 'end', index: 0 }),
    next: () => {
      if (page?.next) go({ after: page.next }, shown.from === 'start' ? { from: 'start', index: shown.index + 1 } : { from: 'end', index: shown.index - 1 });
    },
    previous: () => {
      if (page?.previous) go({ before: page.previous }, shown.from === 'start' ? { from: 'start', index: shown.index - 1 } : { from: 'end', index: shown.index + 1 });
    },
    reload: query.refetch,
  };
}

/** The filter part of a list input (without the place), to tell a new filter from a new page. */
function pick(input: unknown): unknown {
  if (typeof input !== 'object' || input === null) return input;
  const { seek: _seek, ...rest } = input as Record<string, unknown>;
  return rest;
}

/** The whole filter's totals, read once per filter (not with every page). */
export function useCallTotals(filter: CallFilter | null): ReadView<CallTotals> {
  const input = useMemo(() => (filter === null ? null : filterInput(filter)), [filter]);
  const query = useQuery<CallTotals, Error>({
    queryKey: channelKey('calls.totals', input ?? undefined),
    queryFn: () => callChannel('calls.totals', input ?? undefined),
    enabled: input !== null,
  });
  return readView({ data: query.data, status: query.status, error: query.error as never, refetch: query.refetch });
}
