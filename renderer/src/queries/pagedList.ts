import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { ApiError } from '../../../preload/result';
import type { LoadStatus } from '../stores/status';
import { MAX_PAGES_KEPT, nextOffset, nextPagingStep, previousOffset } from './callPaging';
import { toApiError, type ChannelError } from './channel';

/** One page of a long list as main answers it: its rows, and how many match in all. */
export interface ListPage<Row> {
  rows: readonly Row[];
  total: number;
}

export interface PagedList<Row, Page extends ListPage<Row>> {
  /** Rows matching the question, from main's last answer. */
  total: number;
  /** The loaded rows, in the list's order, from position `offset` on; the others are not in memory. */
  rows: readonly Row[];
  offset: number;
  /** Main's last page, for what it says besides rows (a balance). */
  lastPage: Page | undefined;
  status: LoadStatus;
  /** True while a new question's first page or a refresh is on its way. */
  refreshing: boolean;
  error: ApiError | null;
  reload(): Promise<unknown>;
  /** The table shows rows first…last: read the pages that hold them. */
  showRows(first: number, last: number): void;
}

interface PagedListOptions<Page> {
  /** The channel, first in the query key, so its READS entry refreshes the list on 'data.changed'. */
  channel: string;
  /** The question without its offset; one infinite query per question, so two never mix. */
  input: object;
  read(offset: number): Promise<Page>;
  enabled?: boolean;
  /** What a new question shows until its first page: no rows, and what the old last page knew (its count). */
  waitingPage(previousLast: Page | undefined): Page;
}

const sameInput = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * A long list read a page at a time as its table scrolls (Global CDR, unrated calls, a
 * client's ledger): one infinite query per question, at most MAX_PAGES_KEPT pages held,
 * and where the pages start (`pagesFrom`) for a jump far down the list.
 */
export function usePagedList<Row, Page extends ListPage<Row>>({ channel, input, read, enabled = true, waitingPage }: PagedListOptions<Page>): PagedList<Row, Page> {
  const inputKey = JSON.stringify(input);
  const [anchor, setAnchor] = useState({ inputKey, pagesFrom: 0 });
  // A new question starts at its first row.
  const pagesFrom = anchor.inputKey === inputKey ? anchor.pagesFrom : 0;

  const query = useInfiniteQuery<Page, ChannelError, InfiniteData<Page, number>, readonly unknown[], number>({
    queryKey: [channel, input, { pagesFrom }],
    queryFn: ({ pageParam }) => read(pageParam),
    initialPageParam: pagesFrom,
    getNextPageParam: (last, _pages, lastOffset) => nextOffset(lastOffset, last.total),
    getPreviousPageParam: (_first, _pages, firstOffset) => previousOffset(firstOffset),
    maxPages: MAX_PAGES_KEPT,
    enabled,
    // A jump within the same question keeps the rows it has meanwhile (they sit at their own
    // positions); a new question keeps only what the old one knew, never its rows.
    placeholderData: (previous, previousQuery) => {
      if (!previous) return undefined;
      if (sameInput(previousQuery?.queryKey[1], input)) return previous;
      return { pages: [waitingPage(previous.pages[previous.pages.length - 1])], pageParams: [pagesFrom] };
    },
  });

  const { data, isPlaceholderData, isFetching, isError, hasNextPage, hasPreviousPage, fetchNextPage, fetchPreviousPage, refetch } = query;
  const rows = useMemo(() => data?.pages.flatMap((page) => page.rows) ?? [], [data]);
  const offset = data?.pageParams[0] ?? 0;
  const lastPage = data?.pages[data.pages.length - 1];

  function showRows(first: number, last: number): void {
    // One request at a time; after a failure, the banner's "Try again" reads again.
    if (!data || isPlaceholderData || isFetching || isError) return;
    const step = nextPagingStep(first, last, { offset, count: rows.length, hasNext: hasNextPage, hasPrevious: hasPreviousPage });
    if (step?.kind === 'jump') setAnchor({ inputKey, pagesFrom: step.pagesFrom });
    else if (step?.kind === 'next') void fetchNextPage();
    else if (step?.kind === 'previous') void fetchPreviousPage();
  }

  return {
    total: lastPage?.total ?? 0,
    rows,
    offset,
    lastPage,
    status: data !== undefined ? 'ready' : query.status === 'error' ? 'error' : 'loading',
    refreshing: isPlaceholderData || query.isRefetching,
    error: query.error ? toApiError(query.error) : null,
    reload: refetch,
    showRows,
  };
}
