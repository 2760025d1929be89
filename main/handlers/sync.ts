import { AppError } from '../errors';
import type { ServiceContext } from '../services/context';
import type { Provider } from '../sync/provider';
import { linkPackage, packageProviderView } from '../sync/pull/packageLink';
import { pullFromProvider, pullStatus, reconcileNow } from '../sync/pull/pull';
import { reconciliationView } from '../sync/pull/reconcile';
import type { PartialHandlerTable } from './table';

/** Issue 12 is being built: the channels are in the contract, their handlers answer so until the services land. */
const notYet = (): Promise<never> => Promise.reject(new AppError('conflict', 'Sync with the provider is not built yet'));

/** The provider as the settings make it now (null: not set up); asked at each pull, so new settings apply at once. */
export type ProviderSource = () => Provider | null;

export const syncHandlers = (ctx: ServiceContext, provider: ProviderSource = () => null) =>
  ({
    'sync.settings': notYet,
    'sync.saveSettings': notYet,
    'sync.testConnection': notYet,
    'sync.status': notYet,
    'sync.items': notYet,
    'sync.retry': notYet,
    'sync.discard': notYet,
    'sync.push': notYet,
    'sync.pull': (input) => pullFromProvider(ctx, provider(), input),
    'sync.pullStatus': () => pullStatus(ctx),
    'sync.reconciliation': () => reconciliationView(ctx),
    'sync.reconcile': () => reconcileNow(ctx, provider()),
    'sync.packageLink': (input) => packageProviderView(ctx, input),
    'sync.linkPackage': (input) => linkPackage(ctx, input),
  }) satisfies PartialHandlerTable;
