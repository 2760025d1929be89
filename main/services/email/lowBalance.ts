import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { ClientsTable, Database, EmailOutboxTable } from '../../../db/schema';
import { DEFAULT_TEMPLATES, interfaceUrlOf, TEMPLATE_PLACEHOLDERS, templateProblems, type EmailTemplate } from '../../../preload/common/branding';
import { formatMoney, micros } from '../../money';
import { fillEmail, type RenderedEmail } from '../branding/templates';
import { newEmailRow } from './outbox';
import { canSend, EMAIL_SETTINGS_KEY, parseEmailSettings } from './settings';

/**
 * Issue 15: the low-balance e-mail, queued by the ledger door (main/services/ledger.ts) in the
 * transaction where the client crossed below its threshold — once per crossing, as the notice
 * is. The door is a synchronous better-sqlite3 transaction (bulk call imports post through
 * it), so this composes synchronously, on statements prepared once, and reads only when a
 * crossing happens: an entry that crosses nothing costs nothing here.
 *
 * The words are the reseller's low-balance template filled with the same values as the
 * branding's async renderer (renderBrandedEmail, main/services/branding/templates.ts) and by
 * its fillEmail, so the Branding page's preview is what the client gets; composed now, the
 * e-mail keeps the balance of the crossing.
 */

type ClientRow = Pick<ClientsTable, 'first_name' | 'last_name' | 'company' | 'email' | 'low_balance_email' | 'low_balance_threshold_micros'> & { id: number };

/** What the composition reads of the settings (the JSON rows as stored). */
export interface LowBalanceSources {
  branding: string | undefined;
  invoices: string | undefined;
}

const asRecord = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});

function parseJson(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  try {
    return asRecord(JSON.parse(text));
  } catch {
    return {};
  }
}

/** The saved low-balance template when it is whole and checks out (as branding.save left it), else the default. */
function lowBalanceTemplate(branding: Record<string, unknown>): EmailTemplate {
  const saved = asRecord(asRecord(branding.templates).lowBalance);
  const { subject, body } = saved;
  if (typeof subject !== 'string' || typeof body !== 'string') return DEFAULT_TEMPLATES.lowBalance;
  const allowed = TEMPLATE_PLACEHOLDERS.lowBalance;
  return templateProblems(subject, allowed).length === 0 && templateProblems(body, allowed).length === 0 ? { subject, body } : DEFAULT_TEMPLATES.lowBalance;
}

const trimmedText = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** Where a client's low-balance notice goes: its low-balance address, else its e-mail; '' when none. */
export const lowBalanceAddress = (client: Pick<ClientRow, 'email' | 'low_balance_email'>): string => client.low_balance_email.trim() || client.email.trim();

/**
 * The e-mail for a client whose balance fell to `balance` micros, below its threshold. Pure.
 * The values are templates.ts's: the company is the invoices' company name, else the portal title.
 */
export function composeLowBalanceEmail(sources: LowBalanceSources, client: ClientRow, balance: number, currency: string): RenderedEmail {
  const branding = parseJson(sources.branding);
  const invoices = parseJson(sources.invoices);
  const all: Record<string, string> = {
    'client.firstname': client.first_name,
    'client.lastname': client.last_name,
    'client.company': client.company,
    'client.email': client.email,
    company: trimmedText(invoices.companyName) || trimmedText(branding.title),
    interface_url: interfaceUrlOf(typeof branding.hostName === 'string' ? branding.hostName : ''),
    balance: formatMoney(micros(balance), currency),
    threshold: formatMoney(micros(client.low_balance_threshold_micros ?? 0), currency),
  };
  const values = Object.fromEntries(TEMPLATE_PLACEHOLDERS.lowBalance.filter((name) => name in all).map((name) => [name, all[name] ?? '']));
  return fillEmail(lowBalanceTemplate(branding), values);
}

export interface LowBalanceMailer {
  /** Queues the crossing's e-mail when e-mail is on and the client has an address; the new row's id, or null. */
  queue(client: ClientRow, balance: number, currency: string, createdAt: string): number | null;
}

type InsertParams = [
  EmailOutboxTable['kind'],
  EmailOutboxTable['client_id'],
  EmailOutboxTable['invoice_id'],
  EmailOutboxTable['to_address'],
  EmailOutboxTable['subject'],
  EmailOutboxTable['text_body'],
  EmailOutboxTable['html_body'],
  EmailOutboxTable['next_attempt_at'],
  EmailOutboxTable['last_error'],
  EmailOutboxTable['created_at'],
  EmailOutboxTable['sent_at'],
];

/** Prepared on the door's connection (the statements compiled by Kysely from db/schema.ts, as the door's are). */
export function lowBalanceMailer(db: Kysely<Database>, sqlite: BetterSqlite3.Database): LowBalanceMailer {
  const shape = newEmailRow({ kind: 'low_balance', clientId: 0, invoiceId: null, to: '', subject: '', text: '', html: '' }, '');
  const insert = sqlite.prepare<InsertParams>(db.insertInto('email_outbox').values(shape).compile().sql);
  const readSetting = sqlite.prepare<[string], string>(db.selectFrom('settings').select('value').where('key', '=', '').compile().sql).pluck();
  return {
    queue(client, balance, currency, createdAt) {
      const settings = parseEmailSettings(readSetting.get(EMAIL_SETTINGS_KEY));
      // Off: nothing is queued (the notice in the app stays); no address: nobody to write to.
      if (!settings.enabled || !canSend(settings)) return null;
      const to = lowBalanceAddress(client);
      if (to === '') return null;
      const email = composeLowBalanceEmail({ branding: readSetting.get('branding'), invoices: readSetting.get('invoices') }, client, balance, currency);
      const row = newEmailRow({ kind: 'low_balance', clientId: client.id, invoiceId: null, to, subject: email.subject, text: email.text, html: email.html }, createdAt);
      const result = insert.run(row.kind, row.client_id, row.invoice_id, row.to_address, row.subject, row.text_body, row.html_body, row.next_attempt_at, row.last_error, row.created_at, row.sent_at);
      return Number(result.lastInsertRowid);
    },
  };
}
