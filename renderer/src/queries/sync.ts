import type { OutboxItemView } from '../../../preload/schemas/sync';
import { readView, useChannel, useChannelAction } from './channel';

/**
 * The outbox of changes on their way to the provider (issue 12). Live: a change anywhere
 * writes its outbox row and main's 'data.changed' refreshes these reads (channel.ts READS),
 * and the push worker announces 'sync' whenever an item moves.
 */
export function useSyncStatus() {
  return readView(useChannel('sync.status'));
}

export function useSyncItems() {
  const view = readView(useChannel('sync.items', { state: 'open', limit: 500 }));
  const retry = useChannelAction('sync.retry');
  const discard = useChannelAction('sync.discard');
  const push = useChannelAction('sync.push');
  return {
    ...view,
    items: view.data ?? [],
    retry: (item: OutboxItemView) => retry.run({ id: item.id }, () => ({ title: 'Queued again', description: `${item.summary} will be sent again, before the changes held behind it.` })),
    discard: (item: OutboxItemView) => discard.run({ id: item.id }, () => ({ title: 'Change discarded', description: `The provider will not hear of: ${item.summary}.` })),
    push: () =>
      push.run(undefined, (status) => ({
        title: status.configured ? 'Sent what was due' : 'No provider configured',
        description: status.configured ? `${status.pending} pending, ${status.failed} failed.` : 'Changes wait here until the provider is set up in Settings → Provider.',
      })),
    pushing: push.pending,
  };
}
