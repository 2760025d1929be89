import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { CreditNoteData } from '../../../preload/schemas/invoices';
import { AppError, fieldError, notFound } from '../../errors';
import { micros, moneyToText, parseMoney } from '../../money';
import { loadClient } from '../clients';
import { localDate } from '../clock';
import { isoNow, type ServiceContext } from '../context';
import { moneyDoor } from '../ledger';
import { lockClient } from '../locks';
import { invoiceLook } from '../branding/invoiceLook';
import { getCurrency } from '../settings';
import { clientBlock, companyBlock, insertLines, latestInvoice, takeNumber, type InvoiceContent } from './issue';
import { logoId, readInvoiceSettings } from './settings';

/** Issue 16: an invoice's corrections wait for whatever another instance does to the same client's invoices. */
async function lockInvoiceClient(ctx: ServiceContext, trx: Kysely<Database>, invoiceId: number): Promise<void> {
  const owner = await trx.selectFrom('invoices').select('client_id').where('id', '=', invoiceId).executeTakeFirst();
  if (owner) await lockClient(trx, ctx.store.dialect, owner.client_id);
}

/**
 * Voids an invoice: it keeps its number and its content; the taxes it posted are reversed
 * (reversal entries, held by the void invoice with the taxes, so they net to zero on it);
 * the other entries it held are released and land on the client's next invoice. Only the
 * client's latest invoice can be voided — an older one is corrected by a credit note — so
 * the chain of balances (opening = previous closing) stays true; one with credit notes
 * cannot be voided (it was corrected already).
 */
export async function voidInvoice(ctx: ServiceContext, input: { id: number; reason: string }): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    await lockInvoiceClient(ctx, trx, input.id);
    const invoice = await trx.selectFrom('invoices').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!invoice) throw notFound(`Invoice ${input.id}`);
    if (invoice.status === 'void') throw new AppError('conflict', `${invoice.number_text} is void already`);
    if (invoice.kind !== 'invoice') throw new AppError('conflict', `${invoice.number_text} is a credit note: it cannot be voided`);
    const latest = await latestInvoice(trx, invoice.client_id);
    if (latest && latest.id !== invoice.id) {
      throw new AppError('conflict', `Only the client's latest invoice can be voided (${latest.number_text}); correct ${invoice.number_text} with a credit note`);
    }
    const credited = await trx.selectFrom('invoices').select('number_text').where('credit_for_invoice_id', '=', invoice.id).executeTakeFirst();
    if (credited) throw new AppError('conflict', `${invoice.number_text} was corrected by credit note ${credited.number_text}: it cannot be voided`);
    const now = isoNow(ctx);
    const taxes = await trx
      .selectFrom('invoice_entries as claim')
      .innerJoin('ledger_entries as entry', 'entry.id', 'claim.ledger_entry_id')
      .select(['entry.id', 'entry.amount_micros', 'entry.description'])
      .where('claim.invoice_id', '=', invoice.id)
      .where('claim.released_at', 'is', null)
      .where('entry.kind', '=', 'tax')
      .execute();
    const door = moneyDoor(ctx.store);
    const reversals: number[] = [];
    for (const tax of taxes) {
      const id = await door.post(
        trx,
        {
          clientId: invoice.client_id,
          kind: 'reversal',
          amount: micros(-tax.amount_micros),
          description: `Reversal of tax #${tax.id}: invoice ${invoice.number_text} void (${input.reason})`,
          occurredOn: localDate(ctx.now()),
          reference: `invoice-void:${invoice.id}:${tax.id}`,
          reversesEntryId: tax.id,
        },
        now,
      );
      if (id !== null) reversals.push(id);
    }
    const keep = taxes.map((tax) => tax.id);
    let release = trx.updateTable('invoice_entries').set({ released_at: now }).where('invoice_id', '=', invoice.id).where('released_at', 'is', null);
    if (keep.length > 0) release = release.where('ledger_entry_id', 'not in', keep);
    await release.execute();
    if (reversals.length > 0) await trx.insertInto('invoice_entries').values(reversals.map((id) => ({ invoice_id: invoice.id, ledger_entry_id: id }))).execute();
    await trx.updateTable('invoices').set({ status: 'void', voided_at: now, void_reason: input.reason }).where('id', '=', invoice.id).execute();
    return invoice.id;
  });
}

/**
 * A credit note against an issued invoice: its own number in the one sequence, a 'credit'
 * entry on the ledger dated today (it lands on the client's next invoice, under credits),
 * at most what the invoice charged (charges and taxes) less the credit notes before it.
 */
export async function issueCreditNote(ctx: ServiceContext, input: CreditNoteData): Promise<number> {
  const parsed = parseMoney(input.amount);
  if (!parsed.ok) throw fieldError('amount', `Amount: ${parsed.message}`);
  if (parsed.value <= 0) throw fieldError('amount', 'Amount: a credit note credits more than 0');
  return ctx.db.transaction().execute(async (trx) => {
    await lockInvoiceClient(ctx, trx, input.invoiceId);
    const invoice = await trx.selectFrom('invoices').selectAll().where('id', '=', input.invoiceId).executeTakeFirst();
    if (!invoice) throw notFound(`Invoice ${input.invoiceId}`);
    if (invoice.kind !== 'invoice') throw new AppError('conflict', `${invoice.number_text} is a credit note: credit the invoice it corrects`);
    if (invoice.status === 'void') throw new AppError('conflict', `${invoice.number_text} is void: there is nothing to credit`);
    const before = await trx
      .selectFrom('invoices')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('credits_micros'), eb.lit(0)).as('credited'))
      .where('credit_for_invoice_id', '=', invoice.id)
      .executeTakeFirstOrThrow();
    const charged = invoice.subtotal_micros + invoice.tax_micros;
    const left = charged - Number(before.credited);
    if (parsed.value > left) {
      throw fieldError('amount', `Amount: at most ${moneyToText(micros(Math.max(0, left)))} — what ${invoice.number_text} charged, less its credit notes`);
    }
    const settings = await readInvoiceSettings(trx);
    const client = await loadClient(trx, invoice.client_id);
    const { number, text } = await takeNumber(trx, settings.numberPrefix);
    const now = isoNow(ctx);
    const today = localDate(ctx.now());
    const description = `Credit note ${text} for invoice ${invoice.number_text}: ${input.reason}`;
    const entry = await moneyDoor(ctx.store).post(
      trx,
      { clientId: invoice.client_id, kind: 'credit', amount: micros(parsed.value), description, occurredOn: today, reference: `credit-note:${number}` },
      now,
    );
    if (entry === null) throw new AppError('internal', `Credit note ${text} was already posted`);
    const look = await invoiceLook(trx, settings);
    const content: InvoiceContent = {
      companyBlock: companyBlock(settings),
      clientBlock: clientBlock(client),
      paymentInstructions: settings.paymentInstructions,
      currency: await getCurrency(trx),
      taxes: [],
      reason: input.reason,
      ...(look.accent ? { accent: look.accent } : {}),
    };
    const inserted = await trx
      .insertInto('invoices')
      .values({
        number,
        number_text: text,
        kind: 'credit_note',
        status: 'issued',
        client_id: invoice.client_id,
        issue_date: today,
        period_start: invoice.period_start,
        period_end: invoice.period_end,
        credit_for_invoice_id: invoice.id,
        opening_micros: 0,
        subtotal_micros: 0,
        tax_micros: 0,
        payments_micros: 0,
        credits_micros: parsed.value,
        closing_micros: 0,
        total_due_micros: 0,
        rounding_micros: 0,
        logo_id: await logoId(trx, look.logo),
        content: JSON.stringify(content),
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertLines(trx, inserted.id, [
      { section: 'credits', date: null, description: `Credit for invoice ${invoice.number_text} (${invoice.period_start} to ${invoice.period_end}): ${input.reason}`, count: null, billedSeconds: null, amount: -parsed.value },
    ]);
    return inserted.id;
  });
}
