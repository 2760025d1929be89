import { AppError } from '../errors';
import type { ServiceContext } from '../services/context';
import type { PartialHandlerTable } from './table';

const notYet = (): Promise<never> => Promise.reject(new AppError('internal', 'Not built yet'));

/** Issue 15: SMTP settings, the e-mail outbox, invoices by e-mail. */
export function emailHandlers(ctx: ServiceContext) {
  void ctx;
  return {
    'email.settings': notYet,
    'email.saveSettings': notYet,
    'email.test': notYet,
    'email.status': notYet,
    'email.list': notYet,
    'email.retry': notYet,
    'email.discard': notYet,
    'invoices.email': notYet,
  } satisfies PartialHandlerTable;
}
