import { AppError } from '../errors';
import type { ServiceContext } from '../services/context';
import { isoNow } from '../services/context';
import { discardItem, listOutboxItems, outboxStatus, retryItem } from '../sync/outbox';
import { pushDue, type ProviderLookup } from '../sync/pushWorker';
import type { PartialHandlerTable } from './table';

/** Issue 12 is being built: the channels are in the contract, their handlers answer so until the services land. */
const notYet = (): Promise<never> => Promise.reject(new AppError('conflict', 'Sync with the provider is not built yet'));

/** `provider`: the provider configured for this database (null: none, changes wait in the outbox). */
export const syncHandlers = (ctx: ServiceContext, provider: ProviderLookup = () => null) =>
  ({
    'sync.settings': notYet,
    'sync.saveSettings': notYet,
    'sync.testConnection': notYet,
    'sync.status': async () => outboxStatus(ctx.db, (await provider(ctx)) !== null),
    'sync.items': (input) => listOutboxItems(ctx.db, input),
    'sync.retry': (input) => retryItem(ctx.db, input.id),
    'sync.discard': (input) => discardItem(ctx.db, input.id, isoNow(ctx)),
    'sync.push': async () => {
      const configured = await provider(ctx);
      if (configured) await pushDue(ctx.store, { provider: configured, now: ctx.now, events: ctx.events, ignoreBackoff: true });
      return outboxStatus(ctx.db, configured !== null);
    },
  }) satisfies PartialHandlerTable;
