import type { Insertable } from 'kysely';
import type { ClientsTable, EmailOutboxTable } from '../../../db/schema';
import { DEFAULT_TEMPLATES, interfaceUrlOf, TEMPLATE_PLACEHOLDERS, templateProblems, type EmailTemplate } from '../../../preload/common/branding';
import { formatMoney, micros } from '../../money';
import { fillEmail, type RenderedEmail } from '../branding/templates';
import { newEmailRow } from './outbox';
import { canSend, parseEmailSettings } from './settings';

/**
 * Issue 15: the low-balance e-mail, queued by the ledger door (main/services/ledger.ts) in the
 * transaction where the client crossed below its threshold — once per crossing, as the notice
 * is. Composed synchronously from the settings the door reads only when a crossing happens:
 * an entry that crosses nothing costs nothing here.
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

/**
 * The crossing's e-mail as an email_outbox row, or null: e-mail off (the notice in the app
 * stays), or the client has no address (nobody to write to). `sources` are the settings rows
 * as stored (e-mail, branding, invoices). Pure: the ledger door asks for the settings and
 * inserts the row on its own connection (main/services/ledger/program.ts).
 */
export function lowBalanceEmailRow(
  sources: LowBalanceSources & { email: string | undefined },
  client: ClientRow,
  balance: number,
  currency: string,
  createdAt: string,
): Insertable<EmailOutboxTable> | null {
  const settings = parseEmailSettings(sources.email);
  if (!settings.enabled || !canSend(settings)) return null;
  const to = lowBalanceAddress(client);
  if (to === '') return null;
  const email = composeLowBalanceEmail(sources, client, balance, currency);
  return newEmailRow({ kind: 'low_balance', clientId: client.id, invoiceId: null, to, subject: email.subject, text: email.text, html: email.html }, createdAt);
}
