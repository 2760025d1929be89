import type { z } from 'zod';
import type { Result } from './result';
import { noInput, type AppInfo } from './schemas/app';
import { demoLoadInput, type DemoResult } from './schemas/demo';
import { byId } from './schemas/fields';
import { packageInput, packageUpdateInput, saveRatesInput, type CustomRateView, type PackageView } from './schemas/packages';
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
  type NoticeView,
  type SubaccountSummary,
} from './schemas/clients';
import {
  callListInput,
  importBeginInput,
  importChunkInput,
  jobInput,
  rerateInput,
  type CallPage,
  type ImportJobView,
  type RerateResult,
} from './schemas/calls';
import {
  didAssignInput,
  didCreateInput,
  didImportInput,
  revealPasswordInput,
  subaccountInput,
  subaccountUpdateInput,
  type DidImportResult,
  type DidInventoryView,
  type SubaccountView,
} from './schemas/telephony';

/**
 * The spine: every IPC channel, declared once. Name → input schema (validated in main
 * before any work) and result type. Both hosts (Electron ipcMain, headless HTTP) serve
 * exactly these channels, and the renderer's window.api type is derived from them.
 */
interface Channel<I extends z.ZodType, O> {
  readonly input: I;
  /** Phantom: carries the result type only. */
  readonly output?: O;
}

const listPackagesInput = zod.object({ includeArchived: zod.boolean().optional() }).strict().optional();

const optionalClientFilter = zod.object({ clientId: zod.number().int().positive().optional() }).strict().optional();

const channel = <O>() => <I extends z.ZodType>(input: I): Channel<I, O> => ({ input });

export const contract = {
  'app.info': channel<AppInfo>()(noInput),
  'packages.list': channel<PackageView[]>()(listPackagesInput),
  'packages.get': channel<PackageView>()(byId),
  'packages.create': channel<PackageView>()(packageInput),
  'packages.update': channel<PackageView>()(packageUpdateInput),
  /** Archived instead of deleted when it has rated calls; refused while connected to a client. */
  'packages.delete': channel<{ id: number; archived: boolean }>()(byId),
  'packages.rates': channel<CustomRateView[]>()(byId),
  'packages.saveRates': channel<CustomRateView[]>()(saveRatesInput),
  'pricing.preview': channel<PricePreview>()(previewInput),
  'pricing.priceList': channel<PriceListFile>()(priceListInput),
  'pricing.countries': channel<CountryOption[]>()(noInput),
  'costs.import': channel<CostImportResult>()(costImportInput),
  'costs.summary': channel<CostDeckSummary[]>()(noInput),
  'clients.list': channel<ClientSummary[]>()(clientListInput),
  'clients.get': channel<ClientView>()(byId),
  /** Everything the Manage page shows: balance panel, packages, DIDs, sub accounts, ledger. */
  'clients.manage': channel<ClientManageView>()(byId),
  'clients.create': channel<ClientView>()(clientInput),
  'clients.update': channel<ClientView>()(clientUpdateInput),
  /** Refused while anything is connected; closes the client, keeping its history. */
  'clients.delete': channel<{ id: number; status: 'closed' }>()(byId),
  'clients.payment': channel<LedgerEntryView[]>()(moneyMovementInput),
  'clients.charge': channel<LedgerEntryView[]>()(moneyMovementInput),
  'clients.reverse': channel<LedgerEntryView[]>()(reverseEntryInput),
  'clients.connectPackage': channel<ClientPackageView[]>()(connectPackageInput),
  'clients.disconnectPackage': channel<ClientPackageView[]>()(byId),
  'dids.list': channel<DidInventoryView[]>()(noInput),
  'dids.add': channel<DidInventoryView[]>()(didCreateInput),
  'dids.import': channel<DidImportResult>()(didImportInput),
  'dids.assign': channel<DidAssignmentView[]>()(didAssignInput),
  'dids.unassign': channel<DidAssignmentView[]>()(byId),
  'subaccounts.list': channel<SubaccountSummary[]>()(optionalClientFilter),
  'subaccounts.get': channel<SubaccountView>()(byId),
  'subaccounts.create': channel<SubaccountView>()(subaccountInput),
  'subaccounts.update': channel<SubaccountView>()(subaccountUpdateInput),
  'subaccounts.delete': channel<{ id: number }>()(byId),
  'subaccounts.revealPassword': channel<SubaccountView>()(revealPasswordInput),
  'billing.run': channel<BillingRunResult>()(billingRunInput),
  'notices.list': channel<NoticeView[]>()(optionalClientFilter),
  /** Starts an import of a file the window streams piece by piece (any size, bounded memory). */
  'calls.importBegin': channel<ImportJobView>()(importBeginInput),
  /** One piece of a streamed file; answers once main has room for the next. */
  'calls.importChunk': channel<ImportJobView>()(importChunkInput),
  'calls.importStatus': channel<ImportJobView>()(jobInput),
  'calls.cancelImport': channel<ImportJobView>()(jobInput),
  'calls.list': channel<CallPage>()(callListInput),
  'calls.rerateUnrated': channel<{ rated: number; stillUnrated: number }>()(noInput),
  /** Re-rates open cycles after a package change; without apply, only previews the difference per client. */
  'calls.rerate': channel<RerateResult>()(rerateInput),
  /** "Load demo data" of an empty app; refused (conflict) once the database has clients. */
  'demo.load': channel<DemoResult>()(demoLoadInput),
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export const channelNames = Object.keys(contract) as ChannelName[];

/** What the caller sends (before parsing). */
export type ChannelInput<K extends ChannelName> = z.input<Contract[K]['input']>;
/** What the handler receives (after parsing). */
export type ParsedInput<K extends ChannelName> = z.output<Contract[K]['input']>;
export type ChannelOutput<K extends ChannelName> = NonNullable<Contract[K]['output']>;

type DomainOf<K> = K extends `${infer D}.${string}` ? D : never;
type Domains = DomainOf<ChannelName>;

/** window.api: `api.packages.create(input)` — one function per channel. */
export type Api = {
  [D in Domains]: {
    [K in ChannelName as K extends `${D}.${infer V}` ? V : never]: (
      ...input: undefined extends ChannelInput<K> ? [input?: ChannelInput<K>] : [input: ChannelInput<K>]
    ) => Promise<Result<ChannelOutput<K>>>;
  };
};

/** Splits "packages.create" into its domain and verb. */
export function splitChannel(name: ChannelName): [string, string] {
  const dot = name.indexOf('.');
  return [name.slice(0, dot), name.slice(dot + 1)];
}

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(contract, name);
}
