import { AppError } from '../errors';
import type { ServiceContext } from '../services/context';
import { testConnection } from '../sync/connection';
import { providerFor, providerSettingsView, saveProviderSettings } from '../sync/settings';
import type { Provider } from '../sync/provider';
import { linkPackage, packageProviderView } from '../sync/pull/packageLink';
import { pullFromProvider, pullStatus, reconcileNow } from '../sync/pull/pull';
import { reconciliationView } from '../sync/pull/reconcile';
import type { PartialHandlerTable } from './table';

/** Issue 12 is being built: the channels are in the contract, their handlers answer so until the services land. */
const notYet = (): Promise<never> => Promise.reject(new AppError('conflict', 'Sync with the provider is not built yet'));

/** The provider as the settings make it now (null: not set up); asked at each call, so new settings apply at once. */
export type ProviderSource = () => Provider | null | Promise<Provider | null>;

export const syncHandlers = (ctx: ServiceContext, provider: ProviderSource = () => providerFor(ctx)) =>
  ({
    'sync.settings': () => providerSettingsView(ctx),
    'sync.saveSettings': (input) => saveProviderSettings(ctx, input),
    'sync.testConnection': () => testConnection(ctx),
    'sync.status': notYet,
    'sync.items': notYet,
    'sync.retry': notYet,
    'sync.discard': notYet,
    'sync.push': notYet,
    'sync.pull': async (input) => pullFromProvider(ctx, await provider(), input),
    'sync.pullStatus': () => pullStatus(ctx),
    'sync.reconciliation': () => reconciliationView(ctx),
    'sync.reconcile': async () => reconcileNow(ctx, await provider()),
    'sync.packageLink': (input) => packageProviderView(ctx, input),
    'sync.linkPackage': (input) => linkPackage(ctx, input),
  }) satisfies PartialHandlerTable;
