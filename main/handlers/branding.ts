import { AppError } from '../errors';
import type { ServiceContext } from '../services/context';
import type { PartialHandlerTable } from './table';

const notYet = (): Promise<never> => Promise.reject(new AppError('internal', 'Not built yet'));

/** Issue 15: branding and access (Branding page). */
export function brandingHandlers(ctx: ServiceContext) {
  void ctx;
  return {
    'branding.get': notYet,
    'branding.save': notYet,
    'branding.previewTemplate': notYet,
    'branding.autoConnect': notYet,
  } satisfies PartialHandlerTable;
}
