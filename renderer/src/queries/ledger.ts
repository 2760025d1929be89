import { useMutation } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ChannelInput } from '../../../preload/contract';
import type { LedgerEntryView, LedgerKindFilter, LedgerPage } from '../../../preload/schemas/clients';
import { CALL_PAGE_SIZE } from './callPaging';
import { callChannel } from './channel';
import { usePagedList, type PagedList } from './pagedList';

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

export interface LedgerPages extends Omit<PagedList<LedgerEntryView, LedgerPage>, 'lastPage'> {
  /** The client's balance, from main's last answer (the statement's last line). */
  balance: string | null;
}

/**
 * A client's ledger in statement order, read a page at a time as its table scrolls: one
 * infinite query per filter (queries/pagedList.ts, as the Global CDR). The key starts
 * with 'clients.ledger', whose READS entry refreshes it when money moves.
 */
export function useLedgerPages(clientId: number, filter: LedgerFilter): LedgerPages {
  const input = useMemo(() => ({ ...ledgerExportInput(clientId, filter), limit: CALL_PAGE_SIZE }), [clientId, filter]);
  const { lastPage, ...list } = usePagedList<LedgerEntryView, LedgerPage>({
    channel: 'clients.ledger',
    input,
    read: (offset) => callChannel('clients.ledger', { ...input, offset }),
    enabled: !isPeriodBackwards(filter),
    waitingPage: (last) => ({ rows: [], total: last?.total ?? 0, balance: last?.balance ?? '0' }),
  });
  return { ...list, balance: lastPage?.balance ?? null };
}

/** `clients.ledgerCsv`: the filtered ledger as a file, asked for when the person exports. */
export function useLedgerExport() {
  const mutation = useMutation({ mutationFn: (input: LedgerExportInput) => callChannel('clients.ledgerCsv', input) });
  return { exportLedger: mutation.mutateAsync, exporting: mutation.isPending };
}
