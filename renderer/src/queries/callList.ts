import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { ChannelInput } from '../../../preload/contract';
import type { ApiError } from '../../../preload/result';
import type { CallPage, CallView } from '../../../preload/schemas/calls';
import type { CallFilter } from '../stores/callFilter';
import type { LoadStatus } from '../stores/status';
import { CALL_PAGE_SIZE, MAX_PAGES_KEPT, nextOffset, nextPagingStep, previousOffset } from './callPaging';
import { callChannel, toApiError, type ChannelError } from './channel';

type CallListInput = Omit<NonNullable<ChannelInput<'calls.list'>>, 'offset'>;

function listInput(filter: CallFilter): CallListInput {
  return {
    status: filter.status,
    limit: CALL_PAGE_SIZE,
    ...(filter.clientId === null ? {} : { clientId: filter.clientId }),
    ...(filter.from === '' ? {} : { from: filter.from }),
    ...(filter.to === '' ? {} : { to: filter.to }),
  };
}

const sameInput = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export interface CallPages {
  /** Calls matching the filter, from main's last answer. */
  total: number;
  /** The loaded rows, in the list's order, from position `offset` on; the others are not in memory. */
  rows: readonly CallView[];
  offset: number;
  status: LoadStatus;
  /** True while a new filter's first page or a refresh is on its way. */
  refreshing: boolean;
  error: ApiError | null;
  reload(): Promise<unknown>;
  /** The table shows rows first…last: read the pages that hold them. */
  showRows(first: number, last: number): void;
}

/**
 * A call list read a page at a time as the table scrolls (Global CDR, unrated calls): one
 * infinite query per filter. The key starts with 'calls.list', so the channel's READS entry
 * refreshes it on 'data.changed'; it holds the filter, so rows of two filters never mix (one
 * query's pages all answer one filter); and where the pages start (`pagesFrom`), for a jump.
 */
export function useCallPages(filter: CallFilter): CallPages {
  const input = useMemo(() => listInput(filter), [filter]);
  const inputKey = JSON.stringify(input);
  const [anchor, setAnchor] = useState({ inputKey, pagesFrom: 0 });
  // A new filter starts at its first row.
  const pagesFrom = anchor.inputKey === inputKey ? anchor.pagesFrom : 0;

  const query = useInfiniteQuery<CallPage, ChannelError, InfiniteData<CallPage, number>, readonly unknown[], number>({
    queryKey: ['calls.list', input, { pagesFrom }],
    queryFn: ({ pageParam }) => callChannel('calls.list', { ...input, offset: pageParam }),
    initialPageParam: pagesFrom,
    getNextPageParam: (last, _pages, lastOffset) => nextOffset(lastOffset, last.total),
    getPreviousPageParam: (_first, _pages, firstOffset) => previousOffset(firstOffset),
    maxPages: MAX_PAGES_KEPT,
    // A jump within the same filter keeps the rows it has meanwhile (they sit at their own
    // positions); a new filter keeps only the count, never the other filter's rows.
    placeholderData: (previous, previousQuery) => {
      if (!previous) return undefined;
      if (sameInput(previousQuery?.queryKey[1], input)) return previous;
      const total = previous.pages[previous.pages.length - 1]?.total ?? 0;
      return { pages: [{ rows: [], total }], pageParams: [pagesFrom] };
    },
  });

  const { data, isPlaceholderData, isFetching, isError, hasNextPage, hasPreviousPage, fetchNextPage, fetchPreviousPage, refetch } = query;
  const rows = useMemo(() => data?.pages.flatMap((page) => page.rows) ?? [], [data]);
  const offset = data?.pageParams[0] ?? 0;
  const total = data?.pages[data.pages.length - 1]?.total ?? 0;

  function showRows(first: number, last: number): void {
    // One request at a time; after a failure, the banner's "Try again" reads again.
    if (!data || isPlaceholderData || isFetching || isError) return;
    const step = nextPagingStep(first, last, { offset, count: rows.length, hasNext: hasNextPage, hasPrevious: hasPreviousPage });
    if (step?.kind === 'jump') setAnchor({ inputKey, pagesFrom: step.pagesFrom });
    else if (step?.kind === 'next') void fetchNextPage();
    else if (step?.kind === 'previous') void fetchPreviousPage();
  }

  const status: LoadStatus = data !== undefined ? 'ready' : query.status === 'error' ? 'error' : 'loading';
  return {
    total,
    rows,
    offset,
    status,
    refreshing: isPlaceholderData || query.isRefetching,
    error: query.error ? toApiError(query.error) : null,
    reload: refetch,
    showRows,
  };
}
