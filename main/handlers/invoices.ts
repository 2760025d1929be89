import { AppError } from '../errors';
import type { ServiceContext } from '../services/context';
import type { PartialHandlerTable } from './table';

// Issue 11 in progress: the invoice channels are declared (preload/schemas/invoices.ts);
// their services land next. Until then each answers plainly that it is not there yet.
const notYet = (): Promise<never> => Promise.reject(new AppError('conflict', 'Invoices are not built yet'));

export const invoiceHandlers = (_ctx: ServiceContext) =>
  ({
    'invoices.settings': notYet,
    'invoices.saveSettings': notYet,
    'invoices.clientTaxes': notYet,
    'invoices.setClientTaxes': notYet,
    'invoices.list': notYet,
    'invoices.get': notYet,
    'invoices.issue': notYet,
    'invoices.void': notYet,
    'invoices.creditNote': notYet,
    'invoices.pdf': notYet,
    'invoices.exportMonth': notYet,
  }) satisfies PartialHandlerTable;
