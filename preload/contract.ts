import type { z } from 'zod';
import { dataDomains, type AppEvents, type DataDomain, type EventName } from './events';
import type { Result } from './result';
import { CHANNEL_NAMES, splitChannel, type ListedChannel } from './channels';
import { noInput, workspaceOpenInput, type AppInfo } from './schemas/app';
import { demoLoadInput, type DemoResult } from './schemas/demo';
import { providerSettingsInput, syncItemsInput, type ConnectionTest, type OutboxItemView, type ProviderSettingsView, type SyncStatus } from './schemas/sync';
import { linkPackageInput, syncPullInput, type PackageProviderView, type PullResult, type PullStatusView, type ReconciliationView } from './schemas/sync';
import { byId } from './schemas/fields';
import { databaseSaveInput, databaseTestInput, type DatabaseTest, type DatabaseView } from './schemas/database';
import { autoConnectInput, brandingSaveInput, templatePreviewInput, type AutoConnectView, type BrandingView, type TemplatePreview } from './schemas/branding';
import {
  emailListInput,
  emailSettingsInput,
  invoiceEmailInput,
  testEmailInput,
  type EmailItemView,
  type EmailSettingsView,
  type EmailStatusView,
  type TestEmailResult,
} from './schemas/email';
import {
  backupSettingsInput,
  fileChooseInput,
  grantInput,
  uploadBeginInput,
  uploadChunkInput,
  type BackupFileView,
  type BackupMade,
  type BackupStatus,
  type ChosenFile,
  type ChosenFileContent,
  fileReadInput,
  importFileInput,
  type RestoreDone,
  type UploadProgress,
} from './schemas/files';
import { packageInput, packageUpdateInput, saveRatesInput, type CustomRateView, type PackageListItem, type PackageView } from './schemas/packages';
import {
  costImportInput,
  previewInput,
  priceListInput,
  type CostDeckSummary,
  type CostImportResult,
  type CountryOption,
  type PriceListFile,
  type PricePreview,
} from './schemas/pricing';
import { z as zod } from 'zod';
import {
  billingRunInput,
  clientInput,
  clientListInput,
  clientUpdateInput,
  ledgerExportInput,
  ledgerListInput,
  connectPackageInput,
  moneyMovementInput,
  reverseEntryInput,
  type BillingRunResult,
  type ClientManageView,
  type ClientPackageView,
  type ClientSummary,
  type ClientView,
  type DidAssignmentView,
  type LedgerEntryView,
  type LedgerFile,
  type LedgerPage,
  type NoticeView,
  type SubaccountSummary,
} from './schemas/clients';
import {
  callExportInput,
  callFilterInput,
  callListInput,
  exportIdInput,
  importBeginInput,
  importChunkInput,
  importListInput,
  jobInput,
  rerateInput,
  type CallPage,
  type CallTotals,
  type ExportProgress,
  type ExportStart,
  type ImportJobView,
  type ImportRecordView,
  type RerateResult,
} from './schemas/calls';
import {
  didAssignInput,
  didCreateInput,
  didImportInput,
  didUpdateInput,
  revealPasswordInput,
  subaccountInput,
  subaccountUpdateInput,
  type DidImportResult,
  type DidInventoryView,
  type SubaccountView,
} from './schemas/telephony';
import {
  clientTaxesInput,
  creditNoteInput,
  invoiceExportInput,
  invoiceIssueInput,
  invoiceListInput,
  invoicePdfInput,
  invoiceSettingsInput,
  invoiceVoidInput,
  type InvoiceCsvFile,
  type InvoiceExportResult,
  type InvoicePage,
  type InvoicePdfFile,
  type InvoiceSettingsView,
  type InvoiceView,
  type TaxLineView,
} from './schemas/invoices';
import {
  dashboardInput,
  didReportInput,
  financialInput,
  type ClientMonthTotals,
  type Dashboard,
  type DidReport,
  type FinancialReport,
  type SubaccountReportRow,
} from './schemas/reports';

/**
 * The spine: every IPC channel, declared once. Name → input schema (validated in main
 * before any work) and result type. Both hosts (Electron ipcMain, headless HTTP) serve
 * exactly these channels, and the renderer's window.api type is derived from them.
 */
interface Channel<I extends z.ZodType, O> {
  readonly input: I;
  /** Phantom: carries the result type only. */
  readonly output?: O;
  /**
   * A mutation's footprint: the data domains a successful call changes. The handler door
   * (main/handlers/table.ts) emits them as 'data.changed' so every window refreshes
   * exactly the views that show them; a read declares none.
   */
  readonly changes: readonly DataDomain[];
}

const listPackagesInput = zod.object({ includeArchived: zod.boolean().optional() }).strict().optional();

const optionalClientFilter = zod.object({ clientId: zod.number().int().positive().optional() }).strict().optional();

const channel =
  <O>() =>
  <I extends z.ZodType>(input: I, changes: readonly DataDomain[] = []): Channel<I, O> => ({ input, changes });

// What moving money touches: the ledger, the balance shown with the client, and the notices a crossing raises.
// A balance crossing its low-balance threshold queues an e-mail in the same transaction (issue 15).
const MONEY: readonly DataDomain[] = ['ledger', 'clients', 'notices', 'email'];
const RATING: readonly DataDomain[] = ['calls', ...MONEY];
const EVERYTHING: readonly DataDomain[] = dataDomains;

export const contract = {
  'app.info': channel<AppInfo>()(noInput),
  /**
   * "Try the demo" / "Back to my data" (issue 10): opens the demo's own file (built the first
   * time, or again when asked) or the reseller's own again; every view reads afresh. Refused
   * (conflict) while an import or a demo load runs. The command line stays on its --db file.
   */
  'workspace.open': channel<AppInfo>()(workspaceOpenInput, EVERYTHING),
  'packages.list': channel<PackageListItem[]>()(listPackagesInput),
  'packages.get': channel<PackageView>()(byId),
  'packages.create': channel<PackageView>()(packageInput, ['packages']),
  'packages.update': channel<PackageView>()(packageUpdateInput, ['packages', 'pricing']),
  /** Archived instead of deleted when it has rated calls; refused while connected to a client. */
  'packages.delete': channel<{ id: number; archived: boolean }>()(byId, ['packages', 'pricing']),
  'packages.rates': channel<CustomRateView[]>()(byId),
  'packages.saveRates': channel<CustomRateView[]>()(saveRatesInput, ['packages', 'pricing']),
  'pricing.preview': channel<PricePreview>()(previewInput),
  'pricing.priceList': channel<PriceListFile>()(priceListInput),
  'pricing.countries': channel<CountryOption[]>()(noInput),
  'costs.import': channel<CostImportResult>()(costImportInput, ['costs', 'pricing']),
  'costs.summary': channel<CostDeckSummary[]>()(noInput),
  'clients.list': channel<ClientSummary[]>()(clientListInput),
  'clients.get': channel<ClientView>()(byId),
  /** Everything the Manage page shows: balance panel, packages, DIDs, sub accounts, ledger. */
  'clients.manage': channel<ClientManageView>()(byId),
  /** The client's ledger as a statement (by the date money applies to, then entry), filtered, a page at a time. */
  'clients.ledger': channel<LedgerPage>()(ledgerListInput),
  /** The same filtered ledger as a CSV file. */
  'clients.ledgerCsv': channel<LedgerFile>()(ledgerExportInput),
  'clients.create': channel<ClientView>()(clientInput, ['clients']),
  'clients.update': channel<ClientView>()(clientUpdateInput, ['clients', 'notices']),
  /** Refused while anything is connected; closes the client, keeping its history. */
  'clients.delete': channel<{ id: number; status: 'closed' }>()(byId, ['clients']),
  'clients.payment': channel<LedgerEntryView[]>()(moneyMovementInput, MONEY),
  'clients.charge': channel<LedgerEntryView[]>()(moneyMovementInput, MONEY),
  'clients.reverse': channel<LedgerEntryView[]>()(reverseEntryInput, MONEY),
  'clients.connectPackage': channel<ClientPackageView[]>()(connectPackageInput, ['packages', 'billing', ...MONEY]),
  'clients.disconnectPackage': channel<ClientPackageView[]>()(byId, ['packages', 'billing', ...MONEY]),
  'dids.list': channel<DidInventoryView[]>()(noInput),
  'dids.add': channel<DidInventoryView[]>()(didCreateInput, ['dids']),
  'dids.import': channel<DidImportResult>()(didImportInput, ['dids']),
  'dids.update': channel<DidInventoryView[]>()(didUpdateInput, ['dids', 'billing']),
  'dids.remove': channel<DidInventoryView[]>()(byId, ['dids']),
  'dids.assign': channel<DidAssignmentView[]>()(didAssignInput, ['dids', 'billing', ...MONEY]),
  'dids.unassign': channel<DidAssignmentView[]>()(byId, ['dids', 'billing', ...MONEY]),
  'subaccounts.list': channel<SubaccountSummary[]>()(optionalClientFilter),
  'subaccounts.get': channel<SubaccountView>()(byId),
  'subaccounts.create': channel<SubaccountView>()(subaccountInput, ['subaccounts', 'billing', ...MONEY]),
  'subaccounts.update': channel<SubaccountView>()(subaccountUpdateInput, ['subaccounts', 'billing', ...MONEY]),
  'subaccounts.delete': channel<{ id: number }>()(byId, ['subaccounts', 'clients']),
  'subaccounts.revealPassword': channel<SubaccountView>()(revealPasswordInput),
  'billing.run': channel<BillingRunResult>()(billingRunInput, ['billing', 'invoices', ...MONEY]),
  'notices.list': channel<NoticeView[]>()(optionalClientFilter),
  /** Starts an import of a file the window streams piece by piece (any size, bounded memory). */
  'calls.importBegin': channel<ImportJobView>()(importBeginInput),
  /** One piece of a streamed file; answers once main has room for the next. */
  'calls.importChunk': channel<ImportJobView>()(importChunkInput),
  'calls.importStatus': channel<ImportJobView>()(jobInput),
  'calls.cancelImport': channel<ImportJobView>()(jobInput, RATING),
  /** Global CDR / a client's CDR: one page by keyset (first, last, or after / before a cursor), newest or oldest first. */
  'calls.list': channel<CallPage>()(callListInput),
  /** The whole filter's totals (count, minutes, cost, sell, net profit): asked once per filter, not per page. */
  'calls.totals': channel<CallTotals>()(callFilterInput),
  /** Streams the filter's calls to a CSV file the host chose ('export.progress' events); not started when the Save dialog was cancelled. */
  'calls.export': channel<ExportStart>()(callExportInput),
  'calls.cancelExport': channel<ExportProgress>()(exportIdInput),
  /** The recorded imports, newest first, with how each ended ('interrupted': its process died). */
  'calls.imports': channel<ImportRecordView[]>()(importListInput),
  'calls.rerateUnrated': channel<{ rated: number; stillUnrated: number }>()(noInput, RATING),
  /** Re-rates open cycles after a package change; without apply, only previews the difference per client. */
  'calls.rerate': channel<RerateResult>()(rerateInput, RATING),
  /** Invoice settings (Settings → Invoices): company block, logo, numbering, paper, taxes, payment instructions. */
  'invoices.settings': channel<InvoiceSettingsView>()(noInput),
  'invoices.saveSettings': channel<InvoiceSettingsView>()(invoiceSettingsInput, ['invoices']),
  /** A client's own taxes (null: the default list). */
  'invoices.clientTaxes': channel<TaxLineView[] | null>()(byId),
  'invoices.setClientTaxes': channel<TaxLineView[] | null>()(clientTaxesInput, ['invoices']),
  'invoices.list': channel<InvoicePage>()(invoiceListInput),
  'invoices.get': channel<InvoiceView>()(byId),
  /** On demand, for a period; the taxes it adds are posted to the ledger with it. */
  'invoices.issue': channel<InvoiceView>()(invoiceIssueInput, ['invoices', ...MONEY]),
  /** Keeps the number; reverses what issuing posted (taxes). */
  'invoices.void': channel<InvoiceView>()(invoiceVoidInput, ['invoices', ...MONEY]),
  /** A credit note referencing an issued invoice: its own number, a credit on the ledger. */
  'invoices.creditNote': channel<InvoiceView>()(creditNoteInput, ['invoices', ...MONEY]),
  /** One invoice as a PDF (identical bytes for the same invoice and paper). */
  'invoices.pdf': channel<InvoicePdfFile>()(invoicePdfInput),
  /** The same invoice as CSV: its lines and the PDF's summary, printed (cents) and exact (micros). */
  'invoices.csv': channel<InvoiceCsvFile>()(byId),
  /** Every invoice of a month as PDFs into a folder, with 'invoices.exportProgress' events. */
  'invoices.exportMonth': channel<InvoiceExportResult>()(invoiceExportInput),
  /** Month by month: revenue by what was sold, deposits, provider cost, profit, margin (at most 120 months). */
  'reports.financial': channel<FinancialReport>()(financialInput),
  /** This month against the last, profit over 12 months, top destinations and clients, ASR/ACD, low balances. */
  'reports.dashboard': channel<Dashboard>()(dashboardInput),
  /** Every client's call figures of a month (this month by default). */
  'reports.clientMonth': channel<ClientMonthTotals[]>()(dashboardInput),
  'reports.subaccounts': channel<SubaccountReportRow[]>()(noInput),
  /** Every DID with its client, package, rate, fee and its calls of a month (this month by default). */
  'reports.dids': channel<DidReport>()(didReportInput),
  /** Provider API settings (Settings → Provider): the API e-mail, whether a password is saved (never the password), the API's address. */
  'sync.settings': channel<ProviderSettingsView>()(noInput),
  'sync.saveSettings': channel<ProviderSettingsView>()(providerSettingsInput, ['sync']),
  /** getIP then getBalance with the saved settings; explains ip_not_enabled with the IP to allow-list. */
  'sync.testConnection': channel<ConnectionTest>()(noInput),
  /** Counts for the sidebar and the Sync page: pending, failed, configured, last sync. */
  'sync.status': channel<SyncStatus>()(noInput),
  /** The outbox: changes waiting (open), failed, or all, oldest first. */
  'sync.items': channel<OutboxItemView[]>()(syncItemsInput),
  /** Sends a failed item again (and the items of its entity held behind it). */
  'sync.retry': channel<OutboxItemView>()(byId, ['sync']),
  /** Drops a failed item: the provider never hears of that change (the window confirms first). */
  'sync.discard': channel<OutboxItemView>()(byId, ['sync']),
  /** Sends what is due now (the command line's `sync push`). */
  'sync.push': channel<SyncStatus>()(noInput, ['sync']),
  /** Pulls from the provider (the command line's `sync pull`): clients, packages, sub accounts and DIDs matched or added, calls rated on arrival, balances compared. */
  'sync.pull': channel<PullResult>()(syncPullInput, ['sync', 'packages', 'subaccounts', 'dids', ...RATING]),
  /** The last pull, the time zone of call records, and how far each linked client's calls were pulled. */
  'sync.pullStatus': channel<PullStatusView>()(noInput),
  /** Balances here against the provider's, as last compared, with the calls that explain each difference. */
  'sync.reconciliation': channel<ReconciliationView>()(noInput),
  /** Compares the balances again (getResellerBalance for every linked client). */
  'sync.reconcile': channel<PullResult>()(noInput, ['sync']),
  /** A package against the provider's package it is linked to: the fields that differ, and the provider's packages to link. */
  'sync.packageLink': channel<PackageProviderView>()(byId),
  'sync.linkPackage': channel<PackageProviderView>()(linkPackageInput, ['sync', 'packages']),
  /** Issue 14: the host's Open dialog for a purpose (Electron); null when cancelled. The window gets a grant naming the file in main, never its path. */
  'files.choose': channel<ChosenFile | null>()(fileChooseInput),
  /** A window with no Open dialog of main's (the headless host) sends the file in pieces; the last piece answers with its grant. */
  'files.uploadBegin': channel<{ uploadId: string }>()(uploadBeginInput),
  'files.uploadChunk': channel<UploadProgress>()(uploadChunkInput),
  /** A small chosen file's content (DID list and rates as text, a logo as a data URL), checked by main. */
  'files.read': channel<ChosenFileContent>()(fileReadInput),
  /** Issue 14: an import of a CDR file chosen with the Open dialog, read by main from the disk (progress as calls.importBegin's). */
  'calls.importFile': channel<ImportJobView>()(importFileInput),
  /** A backup of the database open now, where the Save dialog says (Electron) or as a download (headless host); null when cancelled. */
  'backup.create': channel<BackupMade | null>()(noInput, ['backup']),
  /** Daily backups: on or off, how many kept, the ones there are. */
  'backup.status': channel<BackupStatus>()(noInput),
  'backup.saveSettings': channel<BackupStatus>()(backupSettingsInput, ['backup']),
  /** What a chosen backup file holds, checked (SQLite, whole, this app's, not newer): shown before the restore is confirmed. */
  'backup.inspect': channel<BackupFileView>()(grantInput),
  /** Replaces the reseller's database with the chosen backup (the one replaced is kept aside); every view reads afresh. */
  'backup.restore': channel<RestoreDone>()(grantInput, EVERYTHING),
  /** Issue 15: every branding and access setting, the images, and what to copy into the provider's portal. */
  'branding.get': channel<BrandingView>()(noInput),
  /** Saves every tab at once; images replaced (data URL, checked by their bytes), removed (null) or kept (absent). */
  'branding.save': channel<BrandingView>()(brandingSaveInput, ['branding', 'invoices']),
  /** An e-mail template filled with a real client's data (or sample data), as text and escaped HTML; problems listed, never thrown. */
  'branding.previewTemplate': channel<TemplatePreview>()(templatePreviewInput),
  /** The auto-connect HTML form, for one client or blank, escaped. */
  'branding.autoConnect': channel<AutoConnectView>()(autoConnectInput),
  /** Issue 16, Settings → Database: where the data lives now, and the choice for the next start (never the password). */
  'database.status': channel<DatabaseView>()(noInput),
  /** Connects once to a PostgreSQL server (nothing changed): its version, or why it refused. */
  'database.testConnection': channel<DatabaseTest>()(databaseTestInput),
  /** Saves where the next start opens the data (this computer's file, or a server with its password sealed). */
  'database.choose': channel<DatabaseView>()(databaseSaveInput),
  /** SMTP settings (Settings → E-mail): never the password, only whether one is saved. */
  'email.settings': channel<EmailSettingsView>()(noInput),
  'email.saveSettings': channel<EmailSettingsView>()(emailSettingsInput, ['email']),
  /** Sends a test e-mail now with the saved settings (not through the outbox): the server's answer, or why it refused. */
  'email.test': channel<TestEmailResult>()(testEmailInput, ['email']),
  'email.status': channel<EmailStatusView>()(noInput),
  /** The e-mail outbox, newest first. */
  'email.list': channel<EmailItemView[]>()(emailListInput),
  /** Sends a failed e-mail again. */
  'email.retry': channel<EmailItemView>()(byId, ['email']),
  /** Drops a pending or failed e-mail. */
  'email.discard': channel<EmailItemView>()(byId, ['email']),
  /** Queues an invoice's e-mail to its client, with its PDF attached. */
  'invoices.email': channel<EmailItemView>()(invoiceEmailInput, ['email', 'invoices']),
  /** The command line's `demo` into its --db file (the window opens the demo in its own file: workspace.open); refused (conflict) once the database has clients. */
  'demo.load': channel<DemoResult>()(demoLoadInput, EVERYTHING),
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
// The preload's list (channels.ts) names every channel declared here and no other: a new channel fails typecheck until it is listed.
const _listedExactly: [ChannelName, ListedChannel] extends [ListedChannel, ChannelName] ? true : never = true;
export const channelNames: readonly ChannelName[] = CHANNEL_NAMES;

/** What the caller sends (before parsing). */
export type ChannelInput<K extends ChannelName> = z.input<Contract[K]['input']>;
/** What the handler receives (after parsing). */
export type ParsedInput<K extends ChannelName> = z.output<Contract[K]['input']>;
// Exclude, not NonNullable: the phantom `output?` adds undefined, but a result may be null (invoices.clientTaxes: the default list).
export type ChannelOutput<K extends ChannelName> = Exclude<Contract[K]['output'], undefined>;

type DomainOf<K> = K extends `${infer D}.${string}` ? D : never;
type Domains = DomainOf<ChannelName>;

/** Subscribes to one declared event main sends to the window; returns the unsubscribe. */
export interface EventSubscription {
  on<K extends EventName>(name: K, listener: (payload: AppEvents[K]) => void): () => void;
}

/** window.api: `api.packages.create(input)` — one function per channel — and `api.events.on(name, listener)`. */
export type Api = ChannelApi & { events: EventSubscription };

type ChannelApi = {
  [D in Domains]: {
    [K in ChannelName as K extends `${D}.${infer V}` ? V : never]: (
      ...input: undefined extends ChannelInput<K> ? [input?: ChannelInput<K>] : [input: ChannelInput<K>]
    ) => Promise<Result<ChannelOutput<K>>>;
  };
};

export { splitChannel };

/** The domains a successful call of this channel changes (empty for a read). */
export function changesOf(name: ChannelName): readonly DataDomain[] {
  return contract[name].changes;
}

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(contract, name);
}
