import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * Table types, in one place (CONVENTIONS.md). Money columns are INTEGER micros,
 * per-minute rates INTEGER 1e-8 units, percentages INTEGER 1e-4 percent: never REAL.
 */
export interface SettingsTable {
  key: string;
  value: string;
}

export interface PackagesTable {
  id: Generated<number>;
  name: string;
  markup_fixed_e8: number;
  markup_percent_e4: number;
  pulse_seconds: number;
  canada_route: Generated<Route>;
  international_route: Generated<Route>;
  free_on_net: Generated<0 | 1>;
  monthly_fee_micros: Generated<number>;
  setup_fee_micros: Generated<number>;
  free_minutes: Generated<number>;
  user_can_edit_subaccount: Generated<0 | 1>;
  /** JSON array of SubaccountField. */
  subaccount_editable_fields: Generated<string>;
  configuration_type: Generated<'default' | 'package'>;
  view_setting: Generated<'simple' | 'standard'>;
  /** JSON array of ClientService keys. */
  services: Generated<string>;
  /** Set instead of deleting once the package has rated calls. */
  archived_at: Generated<string | null>;
  created_at: ColumnType<string, string, never>;
  updated_at: string;
  /** The provider's id of the same row (issue 12), null until created there or matched from there. */
  provider_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export type Route = 'value' | 'premium';

export interface PackageRatesTable {
  id: Generated<number>;
  package_id: number;
  scope: 'usa' | 'canada' | 'country' | 'prefix';
  value: string;
  rate_e8: number;
  free_zone: 0 | 1;
  description: Generated<string>;
}

/** The provider's termination rates to the reseller (the cost deck), per route. */
export interface CostRatesTable {
  id: Generated<number>;
  route: Route;
  prefix: string;
  /** The NANP country a line under `1…` prices ('US', 'CA'…), '' for every number of the prefix (main/engine/costDeck.ts). */
  region: string;
  destination: string;
  rate_e8: number;
  increment_seconds: number;
  imported_at: string;
}

export type BalanceMode = 'soft' | 'hard';
export type ClientStatus = 'active' | 'suspended' | 'closed';
export type LedgerKind =
  | 'payment'
  | 'charge'
  | 'setup_fee'
  | 'monthly_fee'
  | 'did_monthly_fee'
  | 'did_setup_fee'
  | 'calls'
  | 'reversal'
  /** Issue 11: a tax an invoice charges (posted when it is issued). */
  | 'tax'
  /** Issue 11: the credit of a credit note. */
  | 'credit'
  /** Issue 12: the balance a client had at the provider when first pulled. */
  | 'opening';

export interface ClientsTable {
  id: Generated<number>;
  first_name: string;
  last_name: string;
  company: string;
  email: string;
  phone: string;
  street: string;
  city: string;
  state: string;
  country: string;
  postal_code: string;
  balance_mode: BalanceMode;
  low_balance_threshold_micros: number | null;
  low_balance_email: string;
  notes: string;
  status: ClientStatus;
  /** Cached SUM(ledger_entries.amount_micros), written in the same transaction as each entry. */
  balance_micros: Generated<number>;
  below_threshold: Generated<0 | 1>;
  /** Names, company, e-mail and phone folded for search (preload/common/search.ts), kept with them. */
  search_text: Generated<string>;
  created_at: ColumnType<string, string, never>;
  updated_at: string;
  closed_at: Generated<string | null>;
  /** The provider's id of the same row (issue 12), null until created there or matched from there. */
  provider_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The client's password at the provider's portal (issue 12: signupClient and setClient send it), made when the client is first sent there. */
  portal_password: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ClientPackagesTable {
  id: Generated<number>;
  client_id: number;
  package_id: number;
  billing_day: number;
  next_billing_date: string;
  cycle_start_date: string;
  setup_fee_pending: 0 | 1;
  connected_at: string;
  disconnected_at: Generated<string | null>;
}

export interface DidsTable {
  id: Generated<number>;
  number: string;
  description: Generated<string>;
  source: 'manual' | 'import' | 'sync';
  created_at: string;
  /** Given back to the provider: out of the inventory, its history kept. */
  removed_at: Generated<string | null>;
}

export interface DidAssignmentsTable {
  id: Generated<number>;
  did_id: number;
  client_id: number;
  client_package_id: number;
  minute_rate_e8: number;
  monthly_fee_micros: number;
  setup_fee_micros: number;
  assigned_at: string;
  unassigned_at: Generated<string | null>;
}

export interface SubaccountsTable {
  id: Generated<number>;
  username: string;
  password: string;
  description: string;
  device_type: number;
  auth_type: number;
  ip: string;
  callerid_override: string;
  music_on_hold: string;
  /** JSON array of codec names, in order of preference. */
  allowed_codecs: string;
  dtmf_mode: string;
  nat: string;
  international_lock: 0 | 1;
  client_id: number | null;
  client_package_id: number | null;
  created_at: string;
  updated_at: string;
  deleted_at: Generated<string | null>;
  /** The provider's id of the same row (issue 12), null until created there or matched from there. */
  provider_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface LedgerEntriesTable {
  id: Generated<number>;
  client_id: number;
  kind: LedgerKind;
  amount_micros: number;
  description: string;
  occurred_on: string;
  created_at: string;
  reference: string | null;
  reverses_entry_id: number | null;
  client_package_id: number | null;
  did_assignment_id: number | null;
}

export interface BillingPeriodsTable {
  id: Generated<number>;
  client_package_id: number;
  client_id: number;
  period_start: string;
  period_end: string;
  closed_at: string;
}

export interface NoticesTable {
  id: Generated<number>;
  client_id: number | null;
  kind: 'low_balance' | 'suspended' | 'reactivated' | 'billing';
  message: string;
  created_at: string;
  read_at: Generated<string | null>;
}

export interface CallImportsTable {
  id: Generated<number>;
  source: string;
  format: string;
  started_at: string;
  finished_at: string | null;
  rows_read: Generated<number>;
  rows_added: Generated<number>;
  rows_duplicate: Generated<number>;
  rows_rejected: Generated<number>;
  status: 'running' | 'done' | 'cancelled' | 'failed' | 'interrupted';
  /** Why the import stopped (a failure, an interruption); null when it ran to its end. */
  message: string | null;
  /** The process that ran it: a start marks 'running' imports of dead processes 'interrupted'. */
  pid: number | null;
}

export interface CallImportRejectsTable {
  id: Generated<number>;
  import_id: number;
  line: number;
  reason: string;
}

export interface CallsTable {
  id: Generated<number>;
  call_id: string;
  started_at: string;
  account: string;
  caller_id: Generated<string>;
  destination: string;
  description: Generated<string>;
  direction: 'inbound' | 'outbound';
  disposition: string;
  seconds: number;
  cost_rate_e8: number;
  cost_micros: number;
  did_number: string | null;
  subaccount_id: number | null;
  client_id: number | null;
  client_package_id: number | null;
  package_id: number | null;
  cycle_start: string | null;
  status: 'rated' | 'unrated';
  unrated_reason: string | null;
  rule: string | null;
  custom_rate_id: number | null;
  free_zone: Generated<0 | 1>;
  sell_rate_e8: Generated<number>;
  billed_seconds: Generated<number>;
  free_seconds: Generated<number>;
  free_minutes_used: Generated<number>;
  charge_micros: Generated<number>;
  country: string | null;
  import_id: number | null;
}

export interface CallChargeDirtyTable {
  client_id: number;
  day: string;
}

/** Issue 13 (migration 019): an open cycle to rate again from its earliest late call (started_at, then call id). */
export interface RatingPendingTable {
  client_package_id: number;
  cycle_start: string;
  from_started_at: string;
  from_call_id: string;
}

/** Issue 13 (migration 020): a secondary index of calls a bulk import dropped, and the statement that builds it again. */
export interface DeferredIndexesTable {
  name: string;
  sql: string;
}

/**
 * Issue 11, the report rollups (migration 013): the calls summed per month and client, per
 * month and destination country, per month and DID, and the ledger per month, client and
 * kind. Written in the same transaction as the calls (import, re-rate) and as the ledger
 * entries (the ledger door), so a report never reads a stale figure.
 */
export interface CallMeasures {
  calls: number;
  answered: number;
  seconds: number;
  billed_seconds: number;
  cost_micros: number;
  charge_micros: number;
}

/** month 'YYYY-MM' of started_at; client_id 0 for calls no client holds (unrated, unknown sub account). */
export interface CallTotalsTable extends CallMeasures {
  month: string;
  client_id: number;
}

/** Outbound calls only; country '' when rating found none (unrated). */
export interface CallCountryTotalsTable extends CallMeasures {
  month: string;
  country: string;
}

/** Inbound calls on a DID. */
export interface CallDidTotalsTable extends CallMeasures {
  month: string;
  did_number: string;
}

/** month 'YYYY-MM' of occurred_on; kind is the kind a reversal reverses (counted against it), else the entry's own. */
export interface LedgerTotalsTable {
  month: string;
  client_id: number;
  kind: LedgerKind;
  amount_micros: number;
  entries: number;
}

/** A stored call as a query reads it: the one shape of a call row. */
export type CallRow = Selectable<CallsTable>;
export type NewCallRow = Insertable<CallsTable>;
/** A client-day whose call charges must be posted to the ledger again. */
export type CallChargeDirtyRow = Selectable<CallChargeDirtyTable>;
export type CallImportRejectRow = Insertable<CallImportRejectsTable>;

export type InvoiceKind = 'invoice' | 'credit_note';
export type InvoiceStatus = 'issued' | 'void';
export type InvoiceSection = 'calls' | 'did_fees' | 'package_fees' | 'setup_fees' | 'charges' | 'payments' | 'taxes' | 'credits';

/** Issue 11: an issued invoice or credit note; immutable but for a void (status, voided_at, void_reason). */
export interface InvoicesTable {
  id: Generated<number>;
  number: number;
  number_text: string;
  kind: InvoiceKind;
  status: InvoiceStatus;
  client_id: number;
  issue_date: string;
  period_start: string;
  period_end: string;
  credit_for_invoice_id: number | null;
  /** Balances in the ledger's sign (+ the client is in credit); totals as the invoice charges them (+). */
  opening_micros: number;
  subtotal_micros: number;
  tax_micros: number;
  payments_micros: number;
  credits_micros: number;
  closing_micros: number;
  total_due_micros: number;
  rounding_micros: number;
  logo_id: number | null;
  /** JSON InvoiceContent (main/services/invoices/content.ts): the blocks as printed. */
  content: string;
  created_at: string;
  voided_at: Generated<string | null>;
  void_reason: Generated<string | null>;
}

export interface InvoiceLinesTable {
  id: Generated<number>;
  invoice_id: number;
  position: number;
  section: InvoiceSection;
  /** The ledger entry's date; null for grouped lines (calls by destination, taxes). */
  occurred_on: string | null;
  description: string;
  call_count: number | null;
  billed_seconds: number | null;
  /** What the line adds to what the client owes (a payment is −). */
  amount_micros: number;
}

export interface InvoiceEntriesTable {
  id: Generated<number>;
  invoice_id: number;
  ledger_entry_id: number;
  released_at: Generated<string | null>;
}

/** Issue 15: the branding's header, logo and login background (migration 021). */
export interface BrandingImagesTable {
  kind: 'header' | 'logo' | 'loginBackground';
  mime: 'image/png' | 'image/jpeg';
  data: Buffer;
  bytes: number;
  sha256: string;
  updated_at: string;
}

/** Issue 15: the e-mails the console sends, with retries (migration 021). */
export interface EmailOutboxTable {
  id: Generated<number>;
  kind: 'low_balance' | 'invoice' | 'test';
  client_id: number | null;
  invoice_id: number | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  status: Generated<'pending' | 'sending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface InvoiceLogosTable {
  id: Generated<number>;
  sha256: string;
  data_url: string;
}

export interface InvoiceNumberingTable {
  id: number;
  next_number: number;
  last_number: number;
}

export interface ClientInvoiceTaxesTable {
  client_id: number;
  /** JSON [{ name, rateE4 }]. */
  taxes: string;
}

/** Issue 12 (migration 17): what pulls remember between runs, by key ("calls_pulled_to:<provider client>", "last_pull"). */
export interface SyncStateTable {
  key: string;
  value: string;
  updated_at: string;
}

/** Issue 12: the provider's packages as last read (getPackages); a local package links to one (packages.provider_id). */
export interface ProviderPackagesTable {
  provider_id: string;
  name: string;
  markup_fixed_e8: number;
  markup_percent_e4: number;
  pulse_seconds: number;
  international_route: Route;
  canada_route: Route;
  monthly_fee_micros: number;
  setup_fee_micros: number;
  free_minutes: number;
  pulled_at: string;
}

/** Issue 12: a linked client's balance here against the provider's (getResellerBalance), as last checked. */
export interface ReconciliationTable {
  client_id: number;
  local_balance_micros: number;
  provider_balance_micros: number;
  checked_at: string;
  /** The days of calls compared ('YYYY-MM-DD', inclusive). */
  window_from: string;
  window_to: string;
  /** JSON ReconciliationDayRow[] (main/sync/pull/reconcile.ts): the days whose calls differ. */
  explanation: Generated<string>;
}

export type OutboxEntity = 'client' | 'subaccount' | 'did';
export type OutboxRowState = 'pending' | 'sending' | 'failed' | 'done';

/** Issue 12: one local change on its way to the provider (migration 016, main/sync/outbox.ts). */
export interface OutboxTable {
  id: Generated<number>;
  entity: OutboxEntity;
  entity_id: number;
  /** The client the change belongs to (a client's delete waits for its sub accounts' and DIDs' changes). */
  client_id: number | null;
  method: string;
  /** JSON OutboxParams: the call's parameters by the API's names, provider ids as references until sent. */
  params: string;
  summary: string;
  /** Money calls: the unique text in `description` that getCharges/getDeposits are searched for. */
  reference: string | null;
  state: Generated<OutboxRowState>;
  attempts: Generated<number>;
  next_attempt_at: string | null;
  verify_first: Generated<0 | 1>;
  /** The process sending it (state 'sending'). */
  claimed_by: number | null;
  last_status: string | null;
  last_message: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface Database {
  settings: SettingsTable;
  packages: PackagesTable;
  package_rates: PackageRatesTable;
  cost_rates: CostRatesTable;
  clients: ClientsTable;
  client_packages: ClientPackagesTable;
  dids: DidsTable;
  did_assignments: DidAssignmentsTable;
  subaccounts: SubaccountsTable;
  ledger_entries: LedgerEntriesTable;
  billing_periods: BillingPeriodsTable;
  notices: NoticesTable;
  call_imports: CallImportsTable;
  call_import_rejects: CallImportRejectsTable;
  calls: CallsTable;
  call_charge_dirty: CallChargeDirtyTable;
  rating_pending: RatingPendingTable;
  deferred_indexes: DeferredIndexesTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  invoice_entries: InvoiceEntriesTable;
  invoice_logos: InvoiceLogosTable;
  invoice_numbering: InvoiceNumberingTable;
  client_invoice_taxes: ClientInvoiceTaxesTable;
  call_totals: CallTotalsTable;
  call_country_totals: CallCountryTotalsTable;
  call_did_totals: CallDidTotalsTable;
  ledger_totals: LedgerTotalsTable;
  sync_state: SyncStateTable;
  provider_packages: ProviderPackagesTable;
  reconciliation: ReconciliationTable;
  outbox: OutboxTable;
  branding_images: BrandingImagesTable;
  email_outbox: EmailOutboxTable;
}
