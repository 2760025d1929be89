import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { plural } from '../../preload/common/plural';
import type { InvoiceSummary, InvoiceView } from '../../preload/schemas/invoices';
import { createHandlerTable, dispatch } from '../handlers/index';
import type { ExportTargets } from '../services/exportTargets';
import { parseCommandOptions, print, requireOption } from './options';
import { ChannelError, UserError, type Command, type CommandContext } from './run';

function invoiceId(text: string | undefined): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0) throw new UserError('Give the invoice id, e.g. "invoice show 3"');
  return id;
}

function numberOption(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new UserError(`${what} must be a whole number above 0`);
  return value;
}

const describe = (invoice: InvoiceSummary): string =>
  `#${invoice.id} ${invoice.number.padEnd(12)} ${invoice.kind === 'credit_note' ? 'credit note' : 'invoice    '} ${invoice.status.padEnd(6)} ${invoice.issueDate} ` +
  `${invoice.periodStart}..${invoice.periodEnd} ${invoice.clientName}: due ${invoice.totalDue}, closing ${invoice.closingBalance}`;

function describeInvoice(view: InvoiceView): string {
  const lines = [
    describe(view),
    `  opening balance ${view.openingBalance}`,
    ...view.lines.map(
      (line) =>
        `  ${line.section.padEnd(12)} ${line.amount.padStart(14)}  ${line.description}${line.count !== null ? ` (${plural(line.count, 'call', 'calls')}, ${line.minutes ?? '0'} min)` : ''}`,
    ),
    `  charges ${view.subtotal}, taxes ${view.taxes.map((tax) => `${tax.name} ${tax.amount}`).join(', ') || 'none'}, payments ${view.payments}`,
    ...(view.rounding !== null ? [`  rounding ${view.rounding}`] : []),
    `  closing balance ${view.closingBalance}, total due ${view.totalDue}`,
    ...(view.creditFor ? [`  credit note for ${view.creditFor.number}`] : []),
    ...view.creditNotes.map((note) => `  credited by ${note.number}: ${note.amount}`),
    ...(view.voidedAt ? [`  VOID ${view.voidedAt}: ${view.voidReason ?? ''}`] : []),
  ];
  return lines.join('\n');
}

/** `invoice export --dir D`: the PDFs go straight into D (the CLI names its folder; no dialog). */
function intoFolder(dir: string): ExportTargets {
  const place = (name: string) => {
    mkdirSync(dir, { recursive: true });
    return { path: dir, shownAs: dir, downloadUrl: null, name };
  };
  return {
    file: (name) => Promise.resolve({ ...place(name), path: resolve(dir, name) }),
    folder: (name) => Promise.resolve(place(name)),
  };
}

async function exportMonth(ctx: CommandContext, month: string, dir: string, paper: string | undefined) {
  const table = createHandlerTable({ store: ctx.store, host: 'headless', events: ctx.events, exports: intoFolder(resolve(dir)) });
  const stop = ctx.events.listen((name, payload) => {
    if (name !== 'invoices.exportProgress') return;
    const progress = payload as { done: number; total: number };
    if (!ctx.json && progress.done > 0 && (progress.done === progress.total || progress.done % 100 === 0)) ctx.io.err(`${progress.done}/${progress.total} PDFs written`);
  });
  try {
    const result = await dispatch(table, 'invoices.exportMonth', { month, ...(paper ? { paper } : {}) });
    if (!result.ok) throw new ChannelError(result.error.code, result.error.issues?.map((issue) => `${issue.path}: ${issue.message}`).join('; ') || result.error.message);
    return result.value as { month: string; folder: string; files: number };
  } finally {
    stop();
  }
}

export const invoiceCommands: Command[] = [
  {
    name: 'invoice list',
    usage: 'invoice list [--client ID] [--month YYYY-MM] [--status all|issued|void]   invoices and credit notes, newest first',
    async run(ctx) {
      const { values } = parseCommandOptions(ctx, { client: { type: 'string' }, month: { type: 'string' }, status: { type: 'string' } });
      const clientId = numberOption(values.client, '--client');
      const page = await ctx.call('invoices.list', {
        ...(clientId !== undefined ? { clientId } : {}),
        ...(values.month !== undefined ? { month: values.month } : {}),
        ...(values.status !== undefined ? { status: values.status } : {}),
        limit: 1000,
      });
      print(ctx, page, page.rows.length === 0 ? 'No invoices.' : [...page.rows.map(describe), `${plural(page.total, 'invoice', 'invoices')}`].join('\n'));
    },
  },
  {
    name: 'invoice show',
    usage: 'invoice show ID                an invoice as issued: lines, taxes, totals',
    async run(ctx) {
      const { positionals } = parseCommandOptions(ctx, {});
      const view = await ctx.call('invoices.get', { id: invoiceId(positionals[0]) });
      print(ctx, view, describeInvoice(view));
    },
  },
  {
    name: 'invoice issue',
    usage: 'invoice issue --client ID --from YYYY-MM-DD --to YYYY-MM-DD   issue an invoice for a period now',
    async run(ctx) {
      const { values } = parseCommandOptions(ctx, { client: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } });
      const clientId = numberOption(requireOption(values.client, 'invoice issue', '--client ID'), '--client');
      const view = await ctx.call('invoices.issue', {
        clientId,
        from: requireOption(values.from, 'invoice issue', '--from YYYY-MM-DD'),
        to: requireOption(values.to, 'invoice issue', '--to YYYY-MM-DD'),
      });
      print(ctx, view, `Issued ${describeInvoice(view)}`);
    },
  },
  {
    name: 'invoice void',
    usage: 'invoice void ID --reason T     void an invoice (it keeps its number; its taxes are reversed)',
    async run(ctx) {
      const { values, positionals } = parseCommandOptions(ctx, { reason: { type: 'string' } });
      const view = await ctx.call('invoices.void', { id: invoiceId(positionals[0]), reason: requireOption(values.reason, 'invoice void', '--reason T') });
      print(ctx, view, `Voided ${describe(view)}`);
    },
  },
  {
    name: 'invoice credit',
    usage: 'invoice credit ID --amount X --reason T   a credit note against an invoice',
    async run(ctx) {
      const { values, positionals } = parseCommandOptions(ctx, { amount: { type: 'string' }, reason: { type: 'string' } });
      const view = await ctx.call('invoices.creditNote', {
        invoiceId: invoiceId(positionals[0]),
        amount: requireOption(values.amount, 'invoice credit', '--amount X'),
        reason: requireOption(values.reason, 'invoice credit', '--reason T'),
      });
      print(ctx, view, `Issued credit note ${describe(view)} for ${view.creditFor?.number ?? ''}`);
    },
  },
  {
    name: 'invoice pdf',
    usage: 'invoice pdf ID --out F.pdf [--paper A4|Letter]   an invoice as a PDF file',
    async run(ctx) {
      const { values, positionals } = parseCommandOptions(ctx, { out: { type: 'string' }, paper: { type: 'string' } });
      const out = requireOption(values.out, 'invoice pdf', '--out F.pdf');
      const pdf = await ctx.call('invoices.pdf', { id: invoiceId(positionals[0]), ...(values.paper !== undefined ? { paper: values.paper } : {}) });
      try {
        await writeFile(out, Buffer.from(pdf.base64, 'base64'));
      } catch (error) {
        throw new UserError(`Cannot write ${out}: ${error instanceof Error ? error.message : String(error)}`);
      }
      print(ctx, { fileName: pdf.fileName, pages: pdf.pages, out }, `Wrote ${out} (${plural(pdf.pages, 'page', 'pages')})`);
    },
  },
  {
    name: 'invoice export',
    usage: 'invoice export --month YYYY-MM --dir D [--paper A4|Letter]   every invoice of a month as PDFs into a folder',
    async run(ctx) {
      const { values } = parseCommandOptions(ctx, { month: { type: 'string' }, dir: { type: 'string' }, paper: { type: 'string' } });
      const result = await exportMonth(ctx, requireOption(values.month, 'invoice export', '--month YYYY-MM'), requireOption(values.dir, 'invoice export', '--dir D'), values.paper);
      print(ctx, result, `Wrote ${plural(result.files, 'PDF', 'PDFs')} of ${result.month} into ${result.folder}`);
    },
  },
];
