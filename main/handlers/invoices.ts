import type { ServiceContext } from '../services/context';
import type { ExportTargets } from '../services/exportTargets';
import * as corrections from '../services/invoices/corrections';
import * as files from '../services/invoices/files';
import * as issue from '../services/invoices/issue';
import * as read from '../services/invoices/read';
import * as settings from '../services/invoices/settings';
import type { PartialHandlerTable } from './table';

export const invoiceHandlers = (ctx: ServiceContext, exports: ExportTargets) =>
  ({
    'invoices.settings': () => settings.invoiceSettingsView(ctx),
    'invoices.saveSettings': (input) => settings.saveInvoiceSettings(ctx, input),
    'invoices.clientTaxes': (input) => settings.clientTaxesView(ctx, input.id),
    'invoices.setClientTaxes': (input) => settings.setClientTaxes(ctx, input),
    'invoices.list': (input) => read.listInvoices(ctx, input),
    'invoices.get': (input) => read.getInvoice(ctx, input.id),
    'invoices.issue': async (input) => read.getInvoice(ctx, await issue.issueInvoice(ctx, input)),
    'invoices.void': async (input) => read.getInvoice(ctx, await corrections.voidInvoice(ctx, input)),
    'invoices.creditNote': async (input) => read.getInvoice(ctx, await corrections.issueCreditNote(ctx, input)),
    'invoices.pdf': (input) => files.invoicePdfFile(ctx, input),
    'invoices.csv': (input) => files.invoiceCsvFile(ctx, input.id),
    'invoices.exportMonth': (input) => files.exportMonth(ctx, exports, input),
  }) satisfies PartialHandlerTable;
