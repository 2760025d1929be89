import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { InvoiceSettingsData, InvoiceSettingsView, PaperSize, TaxLineView } from '../../../preload/schemas/invoices';
import type { TaxRate } from '../../engine/invoice';
import { fieldError } from '../../errors';
import { percentE4, percentToText } from '../../money';
import { loadClient } from '../clients';
import type { ServiceContext } from '../context';

/** The invoice settings as stored (settings key `invoices`, JSON); the numbering lives in `invoice_numbering`. */
export interface StoredInvoiceSettings {
  companyName: string;
  companyAddress: string;
  companyEmail: string;
  companyPhone: string;
  taxNumber: string;
  logo: string | null;
  numberPrefix: string;
  paper: PaperSize;
  paymentInstructions: string;
  defaultTaxes: TaxRate[];
  issueOnCycleClose: boolean;
}

const SETTINGS_KEY = 'invoices';

export const DEFAULT_INVOICE_SETTINGS: StoredInvoiceSettings = {
  companyName: '',
  companyAddress: '',
  companyEmail: '',
  companyPhone: '',
  taxNumber: '',
  logo: null,
  numberPrefix: 'INV-',
  paper: 'A4',
  paymentInstructions: '',
  defaultTaxes: [],
  issueOnCycleClose: true,
};

type Db = Kysely<Database>;

export async function readInvoiceSettings(db: Db): Promise<StoredInvoiceSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  if (!row) return DEFAULT_INVOICE_SETTINGS;
  return { ...DEFAULT_INVOICE_SETTINGS, ...(JSON.parse(row.value) as Partial<StoredInvoiceSettings>) };
}

export async function readNumbering(db: Db): Promise<{ next: number; last: number }> {
  const row = await db.selectFrom('invoice_numbering').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  return { next: Math.max(row.next_number, row.last_number + 1), last: row.last_number };
}

export const taxToView = (tax: TaxRate): TaxLineView => ({ name: tax.name, rate: trimZeros(percentToText(percentE4(tax.rateE4))) });
const trimZeros = (text: string): string => text.replace(/\.?0+$/, '');
const taxFromInput = (tax: { name: string; rate: number }): TaxRate => ({ name: tax.name, rateE4: tax.rate });

export async function invoiceSettingsView(ctx: ServiceContext): Promise<InvoiceSettingsView> {
  const stored = await readInvoiceSettings(ctx.db);
  const numbering = await readNumbering(ctx.db);
  return {
    companyName: stored.companyName,
    companyAddress: stored.companyAddress,
    companyEmail: stored.companyEmail,
    companyPhone: stored.companyPhone,
    taxNumber: stored.taxNumber,
    logo: stored.logo,
    numberPrefix: stored.numberPrefix,
    nextNumber: numbering.next,
    minNextNumber: numbering.last + 1,
    paper: stored.paper,
    paymentInstructions: stored.paymentInstructions,
    defaultTaxes: stored.defaultTaxes.map(taxToView),
    issueOnCycleClose: stored.issueOnCycleClose,
  };
}

/** `invoices.saveSettings`: the next number may move up (a new series), never back onto a number issued. */
export async function saveInvoiceSettings(ctx: ServiceContext, input: InvoiceSettingsData): Promise<InvoiceSettingsView> {
  await ctx.db.transaction().execute(async (trx) => {
    const numbering = await readNumbering(trx);
    if (input.nextNumber <= numbering.last) {
      throw fieldError('nextNumber', `The next invoice number must be at least ${numbering.last + 1}: number ${numbering.last} was already issued`);
    }
    const stored: StoredInvoiceSettings = {
      companyName: input.companyName,
      companyAddress: input.companyAddress,
      companyEmail: input.companyEmail,
      companyPhone: input.companyPhone,
      taxNumber: input.taxNumber,
      logo: input.logo,
      numberPrefix: input.numberPrefix,
      paper: input.paper,
      paymentInstructions: input.paymentInstructions,
      defaultTaxes: input.defaultTaxes.map(taxFromInput),
      issueOnCycleClose: input.issueOnCycleClose,
    };
    const value = JSON.stringify(stored);
    await trx
      .insertInto('settings')
      .values({ key: SETTINGS_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
    await trx.updateTable('invoice_numbering').set({ next_number: input.nextNumber }).where('id', '=', 1).execute();
  });
  return invoiceSettingsView(ctx);
}

export async function readClientTaxes(db: Db, clientId: number): Promise<TaxRate[] | null> {
  const row = await db.selectFrom('client_invoice_taxes').select('taxes').where('client_id', '=', clientId).executeTakeFirst();
  return row ? (JSON.parse(row.taxes) as TaxRate[]) : null;
}

/** The taxes an invoice of the client charges: its own list, else the default list. */
export async function taxesOfClient(db: Db, clientId: number): Promise<TaxRate[]> {
  return (await readClientTaxes(db, clientId)) ?? (await readInvoiceSettings(db)).defaultTaxes;
}

export async function clientTaxesView(ctx: ServiceContext, clientId: number): Promise<TaxLineView[] | null> {
  await loadClient(ctx.db, clientId);
  const taxes = await readClientTaxes(ctx.db, clientId);
  return taxes ? taxes.map(taxToView) : null;
}

export async function setClientTaxes(ctx: ServiceContext, input: { clientId: number; taxes: { name: string; rate: number }[] | null }): Promise<TaxLineView[] | null> {
  await ctx.db.transaction().execute(async (trx) => {
    await loadClient(trx, input.clientId);
    if (input.taxes === null) {
      await trx.deleteFrom('client_invoice_taxes').where('client_id', '=', input.clientId).execute();
      return;
    }
    const taxes = JSON.stringify(input.taxes.map(taxFromInput));
    await trx
      .insertInto('client_invoice_taxes')
      .values({ client_id: input.clientId, taxes })
      .onConflict((oc) => oc.column('client_id').doUpdateSet({ taxes }))
      .execute();
  });
  return clientTaxesView(ctx, input.clientId);
}

/** The logo's row, written once per distinct image. */
export async function logoId(db: Db, dataUrl: string | null): Promise<number | null> {
  if (dataUrl === null) return null;
  const sha256 = createHash('sha256').update(dataUrl).digest('hex');
  const found = await db.selectFrom('invoice_logos').select('id').where('sha256', '=', sha256).executeTakeFirst();
  if (found) return found.id;
  const inserted = await db.insertInto('invoice_logos').values({ sha256, data_url: dataUrl }).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}
