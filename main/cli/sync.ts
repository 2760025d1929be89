import type { OutboxItemView, SyncStatus } from '../../preload/schemas/sync';
import { parseCommandOptions, print } from './options';
import { UserError, type Command } from './run';

function statusText(status: SyncStatus): string {
  const provider = status.configured ? 'provider configured' : 'no provider configured (set RESELLER_API_USERNAME, RESELLER_API_PASSWORD): changes wait';
  return `${status.pending} pending, ${status.failed} failed; ${provider}; last sync ${status.lastSyncAt ?? 'never'}`;
}

function itemLine(item: OutboxItemView): string {
  const error = item.lastError ? ` — ${item.lastError.status}: ${item.lastError.message}` : '';
  return `#${String(item.id).padEnd(6)} ${item.state.padEnd(8)} ${item.method.padEnd(18)} ${item.summary}${error}`;
}

/** `sync …`: the outbox of changes on their way to the provider (issue 12). */
export const syncCommands: Command[] = [
  {
    name: 'sync status',
    usage: 'sync status [--json]                     changes waiting for the provider, and the ones it refused',
    async run(ctx) {
      parseCommandOptions(ctx, {});
      const status = await ctx.call('sync.status');
      const items = await ctx.call('sync.items', { state: 'open', limit: 1000 });
      print(ctx, { ...status, items }, [statusText(status), ...items.map(itemLine)].join('\n'));
    },
  },
  {
    name: 'sync push',
    usage: 'sync push [--json]                       send every waiting change now (exit 0 only when none is left pending or failed)',
    async run(ctx) {
      parseCommandOptions(ctx, {});
      const status = await ctx.call('sync.push');
      const items = await ctx.call('sync.items', { state: 'open', limit: 1000 });
      print(ctx, { ...status, items }, [statusText(status), ...items.map(itemLine)].join('\n'));
      if (status.pending + status.failed > 0) {
        throw new UserError(`${status.pending} changes still pending and ${status.failed} failed${status.configured ? '' : ': no provider is configured'}`);
      }
    },
  },
];
