import { AppError } from '../errors';
import type { ServiceContext } from '../services/context';
import type { ExportTargets } from '../services/exportTargets';
import * as issue from '../services/invoices/issue';
import * as read from '../services/invoices/read';
import * as settings from '../services/invoices/settings';
import type { PartialHandlerTable } from './table';

const notYet = (): Promise<never> => Promise.reject(new AppError('conflict', 'Invoices are not built yet'));

export const invoiceHandlers = (ctx: ServiceContext, _exports: ExportTargets) =>
  ({
    'invoices.settings': () => settings.invoiceSettingsView(ctx),
    'invoices.saveSettings': (input) => settings.saveInvoiceSettings(ctx, input),
    'invoices.clientTaxes': (input) => settings.clientTaxesView(ctx, input.id),
    'invoices.setClientTaxes': (input) => settings.setClientTaxes(ctx, input),
    'invoices.list': (input) => read.listInvoices(ctx, input),
    'invoices.get': (input) => read.getInvoice(ctx, input.id),
    'invoices.issue': async (input) => read.getInvoice(ctx, await issue.issueInvoice(ctx, input)),
    'invoices.void': notYet,
    'invoices.creditNote': notYet,
    'invoices.pdf': notYet,
    'invoices.exportMonth': notYet,
  }) satisfies PartialHandlerTable;
