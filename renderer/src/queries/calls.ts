import { useCallback, useMemo } from 'react';
import { showToast } from '../stores/toasts';
import { combinedStatus, readView, toApiError, useChannel, useChannelMutation } from './channel';

/** How many calls there are and how many wait to be rated: the dashboard's and the sub navigation's counts. */
export function useCallsSummary() {
  const all = readView(useChannel('calls.totals', { status: 'all' }));
  const unrated = readView(useChannel('calls.totals', { status: 'unrated' }));
  const status = combinedStatus(all, unrated);
  return {
    total: all.data?.calls ?? 0,
    unrated: unrated.data?.calls ?? 0,
    status,
    error: all.error ?? unrated.error,
    load: async () => {
      await Promise.all([all.reload(), unrated.reload()]);
    },
  };
}

export interface CallClientChoice {
  id: number;
  name: string;
  closed: boolean;
}

/**
 * The clients the call list can be filtered by: open ones and closed ones too, since a
 * deleted client keeps its call history.
 */
export function useCallClients(): { clients: CallClientChoice[] } {
  const open = useChannel('clients.list', { status: 'open' });
  const closed = useChannel('clients.list', { status: 'closed' });
  const clients = useMemo(
    () =>
      [
        ...(open.data ?? []).map((client) => ({ id: client.id, name: client.name, closed: false })),
        ...(closed.data ?? []).map((client) => ({ id: client.id, name: client.name, closed: true })),
      ].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' })),
    [open.data, closed.data],
  );
  return { clients };
}

/**
 * "Re-rate unrated calls", once the reseller created the missing sub account or package.
 * The call lists refresh through invalidation: this window's own domains here, the rest
 * (ledger, balances, notices) from main's 'data.changed'.
 */
export function useRerateUnrated() {
  const rerate = useChannelMutation('calls.rerateUnrated');
  const { mutateAsync } = rerate;
  // The toast shows even when the reseller left the page meanwhile (mutate's own callbacks would not run then).
  const run = useCallback(
    () =>
      mutateAsync(undefined).then(
        ({ rated, stillUnrated }) =>
          showToast({
            tone: rated > 0 ? 'success' : 'info',
            title: rated > 0 ? 'Calls re-rated' : 'No call could be rated yet',
            description: `${rated.toLocaleString('en-US')} rated, ${stillUnrated.toLocaleString('en-US')} still unrated.`,
          }),
        // main's refusal is shown on the card (`error`).
        () => undefined,
      ),
    [mutateAsync],
  );
  return {
    busy: rerate.isPending,
    outcome: rerate.data ?? null,
    error: rerate.error ? toApiError(rerate.error) : null,
    rerate: run,
  };
}

/**
 * The imports main recorded, newest first: one still running, one that finished, and one
 * whose process died ('interrupted', issue 9). An import's commits announce 'calls', so
 * the list follows a running import and shows it ended.
 */
export function useRecentImports() {
  const view = readView(useChannel('calls.imports'));
  return { ...view, imports: view.data ?? [] };
}
