import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, LedgerKind } from '../../../db/schema';
import { nextDay, previousDay } from '../../engine/billingDates';
import { chargeLines, composeInvoice, computeTaxes, taxableBase, type CallGroup, type ComposedLine, type InvoiceEntry } from '../../engine/invoice';
import { AppError } from '../../errors';
import { micros, moneyToText, percentE4, percentToText } from '../../money';
import { clientName, loadClient } from '../clients';
import { localDate } from '../clock';
import { isoNow, type ServiceContext } from '../context';
import { moneyDoor } from '../ledger';
import { lockClient } from '../locks';
import { invoiceLook } from '../branding/invoiceLook';
import { getCurrency } from '../settings';
import { logoId, readInvoiceSettings, taxesOfClient, type StoredInvoiceSettings } from './settings';

/** The blocks of an invoice as printed when it was issued (immutable with it). */
export interface InvoiceContent {
  companyBlock: string[];
  clientBlock: string[];
  paymentInstructions: string;
  currency: string;
  /** The taxes charged: name, rate (1e-4 %), base and amount in micros. */
  taxes: { name: string; rateE4: number; base: number; amount: number }[];
  /** Credit notes: why. */
  reason?: string;
  /** Issue 15: the branding's colour (#rrggbb) when the invoices take the branding; absent: the invoice's own. */
  accent?: string;
}

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Takes the next number of the reseller's one sequence (invoices and credit notes) in the
 * caller's transaction: a rolled-back issue gives its number back, so there is never a gap;
 * `last_number` only grows, so a number is never given twice.
 */
export async function takeNumber(trx: Db, prefix: string): Promise<{ number: number; text: string }> {
  // One statement, read and write together: on PostgreSQL the row lock makes concurrent issuers
  // (several instances) take turns, and each reads the number the one before it left (issue 16).
  const { last_number: next } = await trx
    .updateTable('invoice_numbering')
    .set((eb) => ({ next_number: eb('next_number', '+', 1), last_number: eb.ref('next_number') }))
    .where('id', '=', 1)
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return { number: next, text: `${prefix}${String(next).padStart(6, '0')}` };
}

export function companyBlock(settings: StoredInvoiceSettings): string[] {
  const lines = [settings.companyName, ...settings.companyAddress.split(/\r?\n/)];
  if (settings.companyPhone) lines.push(settings.companyPhone);
  if (settings.companyEmail) lines.push(settings.companyEmail);
  if (settings.taxNumber) lines.push(`Tax number: ${settings.taxNumber}`);
  return lines.map((line) => line.trim()).filter(Boolean);
}

export function clientBlock(client: Awaited<ReturnType<typeof loadClient>>): string[] {
  const cityLine = [client.city, client.state, client.postal_code].filter(Boolean).join(' ');
  return [`${client.first_name} ${client.last_name}`.trim(), client.company, client.street, cityLine, client.country, client.email]
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The ledger entries of the client dated on or before `to` that no invoice holds yet. Index: ledger_entries_client_applies. */
async function unclaimedEntries(trx: Db, clientId: number, to: string): Promise<InvoiceEntry[]> {
  const rows = await trx
    .selectFrom('ledger_entries as entry')
    .leftJoin('ledger_entries as reversed', 'reversed.id', 'entry.reverses_entry_id')
    .select(['entry.id', 'entry.kind', 'entry.amount_micros', 'entry.description', 'entry.occurred_on', 'reversed.kind as reversed_kind'])
    .where('entry.client_id', '=', clientId)
    .where('entry.occurred_on', '<=', to)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('invoice_entries as claim').select('claim.id').whereRef('claim.ledger_entry_id', '=', 'entry.id').where('claim.released_at', 'is', null))),
    )
    .orderBy('entry.occurred_on')
    .orderBy('entry.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    amount: row.amount_micros,
    description: row.description,
    occurredOn: row.occurred_on,
    reversedKind: (row.reversed_kind ?? null) as LedgerKind | null,
  }));
}

/** The period's rated calls grouped by destination (inbound calls by their DID). Index: calls by client and start. */
async function callGroups(trx: Db, clientId: number, from: string, to: string): Promise<CallGroup[]> {
  const destination = sql<string>`case when calls.direction = 'inbound' then 'Inbound calls' || coalesce(' on +' || calls.did_number, '')
    else coalesce(nullif(calls.description, ''), nullif(calls.country, ''), 'Other destinations') end`;
  const rows = await trx
    .selectFrom('calls')
    .select((eb) => [
      destination.as('destination'),
      eb.fn.countAll<number>().as('calls'),
      eb.fn.sum<number>('calls.billed_seconds').as('billed_seconds'),
      eb.fn.sum<number>('calls.charge_micros').as('charge'),
    ])
    .where('calls.client_id', '=', clientId)
    .where('calls.status', '=', 'rated')
    .where('calls.started_at', '>=', from)
    .where('calls.started_at', '<', nextDay(to))
    .where('calls.billed_seconds', '>', 0)
    .groupBy(destination)
    .execute();
  return rows.map((row) => ({ destination: row.destination, calls: Number(row.calls), billedSeconds: Number(row.billed_seconds), charge: Number(row.charge) }));
}

/** The balance of every entry the client's invoices hold: the opening balance of its next invoice. */
async function invoicedBalance(trx: Db, clientId: number): Promise<number> {
  const row = await trx
    .selectFrom('invoice_entries as claim')
    .innerJoin('invoices', 'invoices.id', 'claim.invoice_id')
    .innerJoin('ledger_entries as entry', 'entry.id', 'claim.ledger_entry_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('entry.amount_micros'), eb.lit(0)).as('balance'))
    .where('invoices.client_id', '=', clientId)
    .where('claim.released_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.balance);
}

/** The client's latest invoice still standing (not void, not a credit note), or undefined. */
export async function latestInvoice(trx: Db, clientId: number) {
  return trx
    .selectFrom('invoices')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('kind', '=', 'invoice')
    .where('status', '=', 'issued')
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface IssueRequest {
  clientId: number;
  /** Inclusive dates. */
  from: string;
  to: string;
}

const rateText = (rateE4: number): string => percentToText(percentE4(rateE4)).replace(/\.?0+$/, '');

/**
 * Issues one invoice inside the caller's transaction (a billing run's, or the one of
 * `issueInvoice`): takes the entries, computes and posts the taxes through the ledger
 * door, takes the number, writes the invoice, its lines and its claims. Refused when the
 * period starts on or before the end of the client's latest invoice (periods never overlap).
 */
export async function issueInTransaction(ctx: ServiceContext, trx: Db, request: IssueRequest): Promise<number> {
  // Issue 16: two instances issuing for one client take turns, so each sees the other's latest invoice and claims.
  await lockClient(trx, ctx.store.dialect, request.clientId);
  const client = await loadClient(trx, request.clientId);
  const previous = await latestInvoice(trx, request.clientId);
  if (previous && request.from <= previous.period_end) {
    throw new AppError('conflict', `${clientName(client)} is invoiced up to ${previous.period_end} (${previous.number_text}): the next invoice starts on ${nextDay(previous.period_end)} at the earliest`);
  }
  const today = localDate(ctx.now());
  const settings = await readInvoiceSettings(trx);
  const entries = await unclaimedEntries(trx, request.clientId, request.to);
  const groups = await callGroups(trx, request.clientId, request.from, request.to);
  const lines: ComposedLine[] = chargeLines(request, entries, groups);
  const base = taxableBase(lines);
  const taxes = computeTaxes(base, await taxesOfClient(trx, request.clientId));
  const { number, text } = await takeNumber(trx, settings.numberPrefix);
  const now = isoNow(ctx);
  const door = moneyDoor(ctx.store);
  const taxEntryIds: number[] = [];
  for (const [index, tax] of taxes.entries()) {
    const description = `${tax.name} ${rateText(tax.rateE4)} % on ${moneyToText(micros(base))}, invoice ${text}`;
    const id = await door.post(
      trx,
      { clientId: request.clientId, kind: 'tax', amount: micros(-tax.amount), description, occurredOn: request.to, reference: `invoice-tax:${number}:${index}` },
      now,
    );
    if (id === null) throw new AppError('internal', `The taxes of invoice ${text} were already posted`);
    taxEntryIds.push(id);
    lines.push({ section: 'taxes', date: null, description: `${tax.name} ${rateText(tax.rateE4)} %`, count: null, billedSeconds: null, amount: tax.amount });
  }
  const opening = await invoicedBalance(trx, request.clientId);
  if (previous && previous.closing_micros !== opening) {
    throw new AppError('internal', `Invoice chain broken: ${previous.number_text} closed at ${previous.closing_micros}, the entries invoiced sum to ${opening}`);
  }
  const composed = composeInvoice({ opening, lines, taxes });
  const look = await invoiceLook(trx, settings);
  const content: InvoiceContent = {
    companyBlock: companyBlock(settings),
    clientBlock: clientBlock(client),
    paymentInstructions: settings.paymentInstructions,
    currency: await getCurrency(trx),
    taxes: taxes.map((tax) => ({ name: tax.name, rateE4: tax.rateE4, base, amount: tax.amount })),
    ...(look.accent ? { accent: look.accent } : {}),
  };
  const inserted = await trx
    .insertInto('invoices')
    .values({
      number,
      number_text: text,
      kind: 'invoice',
      status: 'issued',
      client_id: request.clientId,
      issue_date: today,
      period_start: request.from,
      period_end: request.to,
      credit_for_invoice_id: null,
      opening_micros: composed.opening,
      subtotal_micros: composed.subtotal,
      tax_micros: composed.taxTotal,
      payments_micros: composed.payments,
      credits_micros: composed.credits,
      closing_micros: composed.closing,
      total_due_micros: composed.totalDue,
      rounding_micros: composed.rounding,
      logo_id: await logoId(trx, look.logo),
      content: JSON.stringify(content),
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertLines(trx, inserted.id, composed.lines);
  const claimed = [...entries.map((entry) => entry.id), ...taxEntryIds];
  for (let start = 0; start < claimed.length; start += 400) {
    await trx
      .insertInto('invoice_entries')
      .values(claimed.slice(start, start + 400).map((ledgerEntryId) => ({ invoice_id: inserted.id, ledger_entry_id: ledgerEntryId })))
      .execute();
  }
  return inserted.id;
}

export async function insertLines(trx: Db, invoiceId: number, lines: readonly ComposedLine[]): Promise<void> {
  const rows = lines.map((line, position) => ({
    invoice_id: invoiceId,
    position,
    section: line.section,
    occurred_on: line.date,
    description: line.description,
    call_count: line.count,
    billed_seconds: line.billedSeconds,
    amount_micros: line.amount,
  }));
  for (let start = 0; start < rows.length; start += 200) await trx.insertInto('invoice_lines').values(rows.slice(start, start + 200)).execute();
}

/** `invoices.issue`: one invoice on demand, in its own transaction. */
export async function issueInvoice(ctx: ServiceContext, request: IssueRequest): Promise<number> {
  const today = localDate(ctx.now());
  if (request.to > today) {
    throw new AppError('invalid_input', `An invoice covers days that are over: ${request.to} is after today (${today})`, [{ path: 'to', message: 'The period must end today at the latest' }]);
  }
  return ctx.db.transaction().execute((trx) => issueInTransaction(ctx, trx, request));
}

/**
 * At a billing run (main/services/billing.ts): the invoice of the cycle it closed, in the
 * run's transaction. A cycle [start, end) is invoiced as the days start … end − 1 — the fees
 * charged on the billing date `end` pay for the next cycle and land on the next invoice.
 * With several client packages the client's latest invoice may already cover the days:
 * the period starts after it, and nothing is issued when nothing is left. Returns the id or null.
 */
export async function issueForClosedCycle(ctx: ServiceContext, trx: Db, clientId: number, period: { start: string; end: string }): Promise<number | null> {
  const to = previousDay(period.end);
  let from = period.start;
  const previous = await latestInvoice(trx, clientId);
  if (previous && previous.period_end >= from) from = nextDay(previous.period_end);
  if (from > to) return null;
  return issueInTransaction(ctx, trx, { clientId, from, to });
}
