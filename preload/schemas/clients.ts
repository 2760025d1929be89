import { z } from 'zod';
import { idField, nonNegativeMoney, requiredText as required, TEXT_LIMITS, textField as text } from './fields';
import type { Micros } from '../../main/money/units';
import { parseMoney } from '../../main/money/decimal';
import { LIMIT_TEXT, MAX_BALANCE_MICROS, MAX_ENTRY_MICROS } from '../common/limits';

export const isoDate = z
  .string({ error: 'Enter a date (YYYY-MM-DD)' })
  .max(10, 'Enter a date as YYYY-MM-DD')
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'That date does not exist');

/** A positive amount typed by a person: "12.50"; at most one ledger entry (preload/common/limits.ts). */
const positiveMoney = (label: string) =>
  z.string({ error: `${label}: enter an amount` }).max(40, `${label}: at most ${LIMIT_TEXT.entry}`).transform((raw, ctx) => {
    const parsed = parseMoney(raw);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    if (parsed.value <= 0) {
      ctx.addIssue({ code: 'custom', message: `${label} must be more than zero` });
      return z.NEVER;
    }
    if (parsed.value > MAX_ENTRY_MICROS) {
      ctx.addIssue({ code: 'custom', message: `${label}: at most ${LIMIT_TEXT.entry} in one entry` });
      return z.NEVER;
    }
    return parsed.value;
  });

/** A threshold typed by a person; '' means "no low-balance warning". */
const optionalThreshold = z.string({ error: 'Low-balance threshold: enter an amount or leave it empty' }).max(40, `Low-balance threshold: at most ${LIMIT_TEXT.balance}`).transform((raw, ctx): Micros | '' => {
  if (raw.trim() === '') return '';
  const parsed = parseMoney(raw);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  }
  if (parsed.value < 0) {
    ctx.addIssue({ code: 'custom', message: 'Low-balance threshold cannot be negative' });
    return z.NEVER;
  }
  if (parsed.value > MAX_BALANCE_MICROS) {
    ctx.addIssue({ code: 'custom', message: `Low-balance threshold: at most ${LIMIT_TEXT.balance}` });
    return z.NEVER;
  }
  return parsed.value;
});

const optionalEmail = z
  .string({ error: 'Enter an e-mail address or leave it empty' })
  .trim()
  .max(TEXT_LIMITS.email, `Notification e-mail: at most ${TEXT_LIMITS.email} characters`)
  .toLowerCase()
  .refine((value) => value === '' || z.email().safeParse(value).success, 'Enter a valid notification e-mail');

const clientFields = {
  firstName: required('First name', TEXT_LIMITS.name),
  lastName: required('Last name', TEXT_LIMITS.name),
  company: text('Company', TEXT_LIMITS.name),
  email: z
    .string({ error: 'E-mail is required' })
    .trim()
    .max(TEXT_LIMITS.email, `E-mail: at most ${TEXT_LIMITS.email} characters`)
    .toLowerCase()
    .pipe(z.email('Enter a valid e-mail address')),
  phone: text('Phone', TEXT_LIMITS.phone),
  street: text('Street', TEXT_LIMITS.street),
  city: text('City', TEXT_LIMITS.name),
  state: text('State / province', TEXT_LIMITS.name),
  country: text('Country', TEXT_LIMITS.name),
  postalCode: text('Postal code', TEXT_LIMITS.code),
  balanceMode: z.enum(['soft', 'hard'], { error: 'Choose SOFT or HARD balance' }),
  /** Empty = no low-balance warning. */
  lowBalanceThreshold: optionalThreshold,
  lowBalanceEmail: optionalEmail,
  notes: text('Notes', TEXT_LIMITS.notes),
};

/** Optional on create (empty when left out); on update only the fields sent change. */
export const clientInput = z
  .object({
    ...clientFields,
    company: clientFields.company.default(''),
    phone: clientFields.phone.default(''),
    street: clientFields.street.default(''),
    city: clientFields.city.default(''),
    state: clientFields.state.default(''),
    country: clientFields.country.default(''),
    postalCode: clientFields.postalCode.default(''),
    lowBalanceThreshold: clientFields.lowBalanceThreshold.default(''),
    lowBalanceEmail: clientFields.lowBalanceEmail.default(''),
    notes: clientFields.notes.default(''),
    /** A new client may start with a payment (issue 10): posted with the client, in one step. */
    openingPayment: nonNegativeMoney('Opening payment').optional(),
  })
  .strict();
export const clientUpdateInput = z.object(clientFields).partial().extend({ id: idField }).strict();

export const clientListInput = z
  .object({
    search: text('Search', TEXT_LIMITS.search).default(''),
    /** `open`: active and suspended (the list a reseller works from); `all`: closed clients too. */
    status: z.enum(['open', 'all', 'active', 'suspended', 'closed']).default('open'),
    sort: z.enum(['name', 'balance', 'created']).default('name'),
    direction: z.enum(['asc', 'desc']).default('asc'),
    /** Only clients whose balance is below zero. */
    negativeOnly: z.boolean().default(false),
  })
  .strict()
  .optional();

export const moneyMovementInput = z
  .object({
    clientId: idField,
    amount: positiveMoney('Amount'),
    description: text('Description', TEXT_LIMITS.description).default(''),
  })
  .strict();

export const reverseEntryInput = z
  .object({ entryId: idField, reason: text('Reason', TEXT_LIMITS.description).default('') })
  .strict();

/**
 * The ledger as a reseller filters it (issue 10): by kind, where "fee" gathers every fee
 * (package and DID, monthly and setup), and by the period the money applies to.
 */
export const LEDGER_KIND_FILTERS = ['all', 'payment', 'charge', 'fee', 'calls', 'reversal', 'tax', 'credit'] as const;
export type LedgerKindFilter = (typeof LEDGER_KIND_FILTERS)[number];

const ledgerFilterFields = {
  clientId: idField,
  kind: z.enum(LEDGER_KIND_FILTERS, { error: 'Choose a kind of entry' }).default('all'),
  from: isoDate.optional(),
  to: isoDate.optional(),
};

const periodInOrder = (filter: { from?: string | undefined; to?: string | undefined }): boolean =>
  filter.from === undefined || filter.to === undefined || filter.from <= filter.to;
const PERIOD_ORDER = { message: 'The period ends before it starts: choose a “to” date on or after the “from” date', path: ['to'] };

/** `clients.ledger`: one page of the filtered ledger, newest first. */
export const ledgerListInput = z
  .object({
    ...ledgerFilterFields,
    limit: z.number().int().min(1).max(1000).default(200),
    offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  })
  .strict()
  .refine(periodInOrder, PERIOD_ORDER);

/** `clients.ledgerCsv`: every entry of the filtered ledger, as a file. */
export const ledgerExportInput = z.object(ledgerFilterFields).strict().refine(periodInOrder, PERIOD_ORDER);

export const connectPackageInput = z
  .object({
    clientId: idField,
    packageId: idField,
    nextBillingDate: isoDate,
    chargeSetupNow: z.boolean().default(false),
  })
  .strict();

/**
 * `confirmManyCycles`: the person agreed to close more than a few cycles for one client
 * package (missed months); without it main refuses such a run and says how many.
 */
export const billingRunInput = z.object({ date: isoDate, confirmManyCycles: z.boolean().optional() }).strict();

export type ClientStatusView = 'active' | 'suspended' | 'closed';

export interface ClientSummary {
  id: number;
  name: string;
  company: string;
  email: string;
  balanceMode: 'soft' | 'hard';
  status: ClientStatusView;
  balance: string;
  belowThreshold: boolean;
  createdAt: string;
}

export interface ClientView extends ClientSummary {
  firstName: string;
  lastName: string;
  phone: string;
  street: string;
  city: string;
  state: string;
  country: string;
  postalCode: string;
  lowBalanceThreshold: string;
  lowBalanceEmail: string;
  notes: string;
}

export interface LedgerEntryView {
  id: number;
  occurredOn: string;
  kind: string;
  description: string;
  amount: string;
  runningBalance: string;
  reversible: boolean;
  reversedBy: number | null;
}

/**
 * One page of a client's ledger in the order of a statement: by the date the money applies
 * to, then by entry, newest first. Each row's running balance is the balance after it in
 * that order over the whole ledger (a filter hides rows, never changes their balances).
 */
export interface LedgerPage {
  rows: LedgerEntryView[];
  /** Entries matching the filter. */
  total: number;
  /** The client's balance: the running balance of the newest entry of the whole ledger. */
  balance: string;
}

export interface LedgerFile {
  fileName: string;
  csv: string;
  rows: number;
}

export interface ClientPackageView {
  id: number;
  packageId: number;
  packageName: string;
  nextBillingDate: string;
  cycleStartDate: string;
  setupFeePending: boolean;
  setupFee: string;
  monthlyFee: string;
  connectedAt: string;
}

export interface DidAssignmentView {
  id: number;
  didId: number;
  number: string;
  clientId: number;
  clientPackageId: number;
  packageName: string;
  minuteRate: string;
  monthlyFee: string;
  setupFee: string;
  assignedAt: string;
}

export interface SubaccountSummary {
  id: number;
  username: string;
  account: string;
  description: string;
  clientId: number | null;
  /** The client's name as lists show it (null: a reseller account of no client). */
  clientName: string | null;
  clientPackageId: number | null;
  packageName: string | null;
  /** The DIDs ringing on its client package (E.164 digits). */
  dids: string[];
}

export interface NoticeView {
  id: number;
  clientId: number | null;
  kind: string;
  message: string;
  createdAt: string;
}

export interface ClientManageView {
  client: ClientView;
  thisMonthSpend: string;
  packages: ClientPackageView[];
  dids: DidAssignmentView[];
  subaccounts: SubaccountSummary[];
  ledger: LedgerEntryView[];
  notices: NoticeView[];
}

export interface BillingRunResult {
  date: string;
  cyclesClosed: number;
  /** Invoices issued for the cycles closed (issue 11; when the invoice settings issue on cycle close). */
  invoicesIssued: number;
  entriesWritten: number;
  charged: string;
  clients: number;
  /** Client packages left unbilled, and why (a balance at its limit); still due, billed by a later run. */
  skipped: { clientId: number; clientName: string; clientPackageId: number; message: string }[];
}

export type ClientData = z.output<typeof clientInput>;
export type LedgerListData = z.output<typeof ledgerListInput>;
export type LedgerExportData = z.output<typeof ledgerExportInput>;
export type ClientUpdateData = z.output<typeof clientUpdateInput>;
export type ClientListData = z.output<typeof clientListInput>;
export type ConnectPackageData = z.output<typeof connectPackageInput>;
export type MoneyMovementData = z.output<typeof moneyMovementInput>;
