import { AppError } from '../errors';
import type { ServiceContext } from '../services/context';
import { testConnection } from '../sync/connection';
import { providerSettingsView, saveProviderSettings } from '../sync/settings';
import type { PartialHandlerTable } from './table';

/** Issue 12 is being built: the channels are in the contract, their handlers answer so until the services land. */
const notYet = (): Promise<never> => Promise.reject(new AppError('conflict', 'Sync with the provider is not built yet'));

export const syncHandlers = (ctx: ServiceContext) =>
  ({
    'sync.settings': () => providerSettingsView(ctx),
    'sync.saveSettings': (input) => saveProviderSettings(ctx, input),
    'sync.testConnection': () => testConnection(ctx),
    'sync.status': notYet,
    'sync.items': notYet,
    'sync.retry': notYet,
    'sync.discard': notYet,
    'sync.push': notYet,
  }) satisfies PartialHandlerTable;
