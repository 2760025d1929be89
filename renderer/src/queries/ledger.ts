import { useInfiniteQuery, useMutation, type InfiniteData } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { ChannelInput } from '../../../preload/contract';
import type { ApiError } from '../../../preload/result';
import type { LedgerEntryView, LedgerKindFilter, LedgerPage } from '../../../preload/schemas/clients';
import type { LoadStatus } from '../stores/status';
import { CALL_PAGE_SIZE, MAX_PAGES_KEPT, nextOffset, nextPagingStep, previousOffset } from './callPaging';
import { callChannel, toApiError, type ChannelError } from './channel';

/** The Manage page's ledger filter: the window's own state; '' is "no bound". */
export interface LedgerFilter {
  kind: LedgerKindFilter;
  from: string;
  to: string;
}

export const NO_LEDGER_FILTER: LedgerFilter = { kind: 'all', from: '', to: '' };

export const isLedgerFiltered = (filter: LedgerFilter): boolean => filter.kind !== 'all' || filter.from !== '' || filter.to !== '';

/** A "to" before the "from": nothing is asked of main until the person fixes it. */
export const isPeriodBackwards = (filter: LedgerFilter): boolean => filter.from !== '' && filter.to !== '' && filter.to < filter.from;

type LedgerExportInput = ChannelInput<'clients.ledgerCsv'>;

export function ledgerExportInput(clientId: number, filter: LedgerFilter): LedgerExportInput {
  return {
    clientId,
    kind: filter.kind,
    ...(filter.from === '' ? {} : { from: filter.from }),
    ...(filter.to === '' ? {} : { to: filter.to }),
  };
}

export interface LedgerPages {
  total: number;
  /** The client's balance, from main's last answer (the statement's last line). */
  balance: string | null;
  rows: readonly LedgerEntryView[];
  offset: number;
  status: LoadStatus;
  refreshing: boolean;
  error: ApiError | null;
  reload(): Promise<unknown>;
  showRows(first: number, last: number): void;
}

const sameInput = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * A client's ledger in statement order, read a page at a time as its table scrolls: one
 * infinite query per filter (the Global CDR's pattern, queries/callList.ts). The key starts
 * with 'clients.ledger', whose READS entry refreshes it when money moves.
 */
export function useLedgerPages(clientId: number, filter: LedgerFilter): LedgerPages {
  const input = useMemo(() => ({ ...ledgerExportInput(clientId, filter), limit: CALL_PAGE_SIZE }), [clientId, filter]);
  const inputKey = JSON.stringify(input);
  const [anchor, setAnchor] = useState({ inputKey, pagesFrom: 0 });
  const pagesFrom = anchor.inputKey === inputKey ? anchor.pagesFrom : 0;

  const query = useInfiniteQuery<LedgerPage, ChannelError, InfiniteData<LedgerPage, number>, readonly unknown[], number>({
    queryKey: ['clients.ledger', input, { pagesFrom }],
    queryFn: ({ pageParam }) => callChannel('clients.ledger', { ...input, offset: pageParam }),
    initialPageParam: pagesFrom,
    getNextPageParam: (last, _pages, lastOffset) => nextOffset(lastOffset, last.total),
    getPreviousPageParam: (_first, _pages, firstOffset) => previousOffset(firstOffset),
    maxPages: MAX_PAGES_KEPT,
    enabled: !isPeriodBackwards(filter),
    placeholderData: (previous, previousQuery) => {
      if (!previous) return undefined;
      if (sameInput(previousQuery?.queryKey[1], input)) return previous;
      const last = previous.pages[previous.pages.length - 1];
      return { pages: [{ rows: [], total: last?.total ?? 0, balance: last?.balance ?? '0' }], pageParams: [pagesFrom] };
    },
  });

  const { data, isPlaceholderData, isFetching, isError, hasNextPage, hasPreviousPage, fetchNextPage, fetchPreviousPage, refetch } = query;
  const rows = useMemo(() => data?.pages.flatMap((page) => page.rows) ?? [], [data]);
  const offset = data?.pageParams[0] ?? 0;
  const lastPage = data?.pages[data.pages.length - 1];

  function showRows(first: number, last: number): void {
    if (!data || isPlaceholderData || isFetching || isError) return;
    const step = nextPagingStep(first, last, { offset, count: rows.length, hasNext: hasNextPage, hasPrevious: hasPreviousPage });
    if (step?.kind === 'jump') setAnchor({ inputKey, pagesFrom: step.pagesFrom });
    else if (step?.kind === 'next') void fetchNextPage();
    else if (step?.kind === 'previous') void fetchPreviousPage();
  }

  return {
    total: lastPage?.total ?? 0,
    balance: lastPage?.balance ?? null,
    rows,
    offset,
    status: data !== undefined ? 'ready' : query.status === 'error' ? 'error' : 'loading',
    refreshing: isPlaceholderData || query.isRefetching,
    error: query.error ? toApiError(query.error) : null,
    reload: refetch,
    showRows,
  };
}

/** `clients.ledgerCsv`: the filtered ledger as a file, asked for when the person exports. */
export function useLedgerExport() {
  const mutation = useMutation({ mutationFn: (input: LedgerExportInput) => callChannel('clients.ledgerCsv', input) });
  return { exportLedger: mutation.mutateAsync, exporting: mutation.isPending };
}
