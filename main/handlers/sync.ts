import { isoNow, type ServiceContext } from '../services/context';
import { testConnection } from '../sync/connection';
import { providerFor, providerSettingsView, saveProviderSettings } from '../sync/settings';
import { linkPackage, packageProviderView } from '../sync/pull/packageLink';
import { pullFromProvider, pullStatus, reconcileNow } from '../sync/pull/pull';
import { reconciliationView } from '../sync/pull/reconcile';
import { discardItem, listOutboxItems, outboxStatus, retryItem } from '../sync/outbox';
import { pushDue, type ProviderLookup } from '../sync/pushWorker';
import type { PartialHandlerTable } from './table';

/** `provider`: the provider configured for this database (providerFor: the settings; null: none, changes wait in the outbox and pulls say so). */
export const syncHandlers = (ctx: ServiceContext, provider: ProviderLookup = providerFor) =>
  ({
    'sync.settings': () => providerSettingsView(ctx),
    'sync.saveSettings': (input) => saveProviderSettings(ctx, input),
    'sync.testConnection': () => testConnection(ctx),
    'sync.status': async () => outboxStatus(ctx.db, (await provider(ctx)) !== null),
    'sync.items': (input) => listOutboxItems(ctx.db, input),
    'sync.retry': (input) => retryItem(ctx.db, input.id),
    'sync.discard': (input) => discardItem(ctx.db, input.id, isoNow(ctx)),
    'sync.push': async () => {
      const configured = await provider(ctx);
      if (configured) await pushDue(ctx.store, { provider: configured, now: ctx.now, events: ctx.events, ignoreBackoff: true, secrets: ctx.secrets });
      return outboxStatus(ctx.db, configured !== null);
    },
    'sync.pull': async (input) => pullFromProvider(ctx, await provider(ctx), input),
    'sync.pullStatus': () => pullStatus(ctx),
    'sync.reconciliation': () => reconciliationView(ctx),
    'sync.reconcile': async () => reconcileNow(ctx, await provider(ctx)),
    'sync.packageLink': (input) => packageProviderView(ctx, input),
    'sync.linkPackage': (input) => linkPackage(ctx, input),
  }) satisfies PartialHandlerTable;
