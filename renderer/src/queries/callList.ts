import { useMemo } from 'react';
import type { ChannelInput } from '../../../preload/contract';
import type { CallPage, CallView } from '../../../preload/schemas/calls';
import type { CallFilter } from '../stores/callFilter';
import { CALL_PAGE_SIZE } from './callPaging';
import { callChannel } from './channel';
import { usePagedList, type PagedList } from './pagedList';

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

export type CallPages = Omit<PagedList<CallView, CallPage>, 'lastPage'>;

/**
 * A call list read a page at a time as the table scrolls (Global CDR, unrated calls): one
 * infinite query per filter (queries/pagedList.ts). The key starts with 'calls.list', so the
 * channel's READS entry refreshes it on 'data.changed'; a new filter keeps only the count.
 */
export function useCallPages(filter: CallFilter): CallPages {
  const input = useMemo(() => listInput(filter), [filter]);
  return usePagedList<CallView, CallPage>({
    channel: 'calls.list',
    input,
    read: (offset) => callChannel('calls.list', { ...input, offset }),
    waitingPage: (last) => ({ rows: [], total: last?.total ?? 0 }),
  });
}
