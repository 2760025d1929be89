import { AppError } from '../errors';
import type { ServiceContext } from '../services/context';
import type { PartialHandlerTable } from './table';

/** Issue 12 is being built: the channels are in the contract, their handlers answer so until the services land. */
const notYet = (): Promise<never> => Promise.reject(new AppError('conflict', 'Sync with the provider is not built yet'));

export const syncHandlers = (_ctx: ServiceContext) =>
  ({
    'sync.settings': notYet,
    'sync.saveSettings': notYet,
    'sync.testConnection': notYet,
    'sync.status': notYet,
    'sync.items': notYet,
    'sync.retry': notYet,
    'sync.discard': notYet,
    'sync.push': notYet,
  }) satisfies PartialHandlerTable;
