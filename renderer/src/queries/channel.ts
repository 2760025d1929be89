import { useMutation, useQuery, useQueryClient, type QueryClient, type QueryKey, type UseQueryOptions } from '@tanstack/react-query';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../preload/contract';
import type { DataDomain } from '../../../preload/events';
import type { ApiError, ErrorCode, Result } from '../../../preload/result';
import { useCallback } from 'react';
import { api } from '../api';
import { perform, type ActionOutcome, type SuccessMessage } from './outcome';
import type { LoadStatus } from '../stores/status';

/**
 * Server state is a cache keyed by channel and input (DESIGN.md): `[channel, input]` is the
 * one query key of a read, so two views asking the same question share one answer, and a
 * change main announces ('data.changed') refreshes exactly the views that read its domains.
 */

/** main's error, thrown so TanStack Query sees a failure; the person reads `message`. */
export class ChannelError extends Error {
  readonly code: ErrorCode;
  constructor(readonly apiError: ApiError) {
    super(apiError.message);
    this.name = 'ChannelError';
    this.code = apiError.code;
  }
}

type Call = (input?: unknown) => Promise<Result<unknown>>;

/** Calls a channel and unwraps its Result: the value, or a thrown ChannelError. */
export async function callChannel<K extends ChannelName>(name: K, input?: ChannelInput<K>): Promise<ChannelOutput<K>> {
  const dot = name.indexOf('.');
  const domain = (api as unknown as Record<string, Record<string, Call>>)[name.slice(0, dot)];
  const result = await domain![name.slice(dot + 1)]!(input);
  if (!result.ok) throw new ChannelError(result.error);
  return result.value as ChannelOutput<K>;
}

export const channelKey = <K extends ChannelName>(name: K, input?: ChannelInput<K>): QueryKey => [name, input ?? null];

/** The reports sum calls and the ledger, and name clients, DIDs, sub accounts, packages. */
const REPORT_DOMAINS: readonly DataDomain[] = ['calls', 'ledger', 'clients', 'dids', 'subaccounts', 'billing', 'invoices', 'packages'];

/**
 * The domains a read shows, beyond its own (`clients.*` reads clients). A view that
 * composes several domains says so here, so a change to any of them refreshes it.
 */
const READS: Partial<Record<ChannelName, readonly DataDomain[]>> = {
  'packages.list': ['packages', 'clients', 'pricing'],
  'packages.get': ['packages', 'pricing'],
  'packages.rates': ['packages', 'pricing'],
  'pricing.preview': ['pricing', 'packages', 'costs'],
  'pricing.countries': ['pricing', 'costs'],
  'costs.summary': ['costs'],
  'clients.list': ['clients', 'ledger', 'packages', 'dids', 'subaccounts', 'billing'],
  'clients.get': ['clients'],
  'clients.ledger': ['ledger', 'clients'],
  'clients.ledgerCsv': ['ledger', 'clients'],
  'clients.manage': ['clients', 'ledger', 'packages', 'dids', 'subaccounts', 'billing', 'notices'],
  'dids.list': ['dids', 'clients'],
  'subaccounts.list': ['subaccounts', 'clients', 'packages'],
  'subaccounts.get': ['subaccounts', 'clients', 'packages'],
  'notices.list': ['notices', 'clients'],
  'calls.list': ['calls', 'clients', 'packages', 'pricing'],
  'calls.totals': ['calls', 'clients', 'packages', 'pricing'],
  'calls.imports': ['calls'],
  'invoices.settings': ['invoices'],
  'invoices.clientTaxes': ['invoices', 'clients'],
  'invoices.list': ['invoices', 'ledger', 'clients'],
  'invoices.get': ['invoices', 'ledger', 'clients'],
  'app.info': [],
  // Issue 12: every change the provider must know writes an outbox row with it.
  'sync.status': ['sync', 'clients', 'ledger', 'subaccounts', 'dids'],
  'sync.items': ['sync', 'clients', 'ledger', 'subaccounts', 'dids'],
  // Issue 15: the outbox shows each e-mail's client by name.
  'email.list': ['email', 'clients'],
  // The auto-connect form names a client; the template preview fills in a client's name and balance.
  'branding.autoConnect': ['branding', 'clients'],
  'branding.previewTemplate': ['branding', 'clients', 'ledger', 'invoices'],
  'reports.financial': REPORT_DOMAINS,
  'reports.dashboard': REPORT_DOMAINS,
  'reports.clientMonth': REPORT_DOMAINS,
  'reports.subaccounts': REPORT_DOMAINS,
  'reports.dids': REPORT_DOMAINS,
  'sync.reconciliation': ['sync', 'clients', 'ledger', 'calls'],
  'sync.packageLink': ['sync', 'packages'],
  'sync.pullStatus': ['sync', 'clients', 'calls'],
};

export function readsOf(name: string): readonly DataDomain[] {
  if (Object.hasOwn(READS, name)) return READS[name as ChannelName]!;
  return [name.slice(0, name.indexOf('.')) as DataDomain];
}

/** Marks every read of these domains stale; the ones on screen read again at once. */
export function invalidateDomains(client: QueryClient, domains: readonly DataDomain[]): Promise<void> {
  const changed = new Set(domains);
  return client.invalidateQueries({
    predicate: (query) => typeof query.queryKey[0] === 'string' && readsOf(query.queryKey[0]).some((domain) => changed.has(domain)),
  });
}

type ChannelQueryOptions<K extends ChannelName> = Omit<UseQueryOptions<ChannelOutput<K>, ChannelError>, 'queryKey' | 'queryFn'>;

/** A read of one channel with one input: `useChannel('clients.list', { status: 'active' })`. */
export function useChannel<K extends ChannelName>(name: K, input?: ChannelInput<K>, options: ChannelQueryOptions<K> = {}) {
  return useQuery<ChannelOutput<K>, ChannelError>({
    queryKey: channelKey(name, input),
    queryFn: () => callChannel(name, input),
    ...options,
  });
}

/**
 * A write through one channel. On success the reads of the channel's own domain refresh
 * here; main's 'data.changed' (see ServerEvents) brings the rest of what it touched, to
 * this window and any other.
 */
export function useChannelMutation<K extends ChannelName>(name: K) {
  const client = useQueryClient();
  return useMutation<ChannelOutput<K>, ChannelError, ChannelInput<K>>({
    mutationFn: (input) => callChannel(name, input),
    onSuccess: () => invalidateDomains(client, readsOf(name)),
  });
}

/** The old stores' view of a read, for pages: data, where it stands, main's error, read again. */
export interface ReadView<T> {
  data: T | undefined;
  status: LoadStatus;
  error: ApiError | null;
  /** Stable across renders (TanStack's refetch). */
  reload: () => Promise<unknown>;
}

export function readView<T>(query: {
  data: T | undefined;
  status: 'pending' | 'error' | 'success';
  error: ChannelError | null;
  refetch: () => Promise<unknown>;
}): ReadView<T> {
  const status: LoadStatus = query.data !== undefined ? 'ready' : query.status === 'error' ? 'error' : 'loading';
  return {
    data: query.data,
    status,
    error: query.error ? toApiError(query.error) : null,
    reload: query.refetch,
  };
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ChannelError) return error.apiError;
  return { code: 'internal', message: error instanceof Error ? error.message : 'Something went wrong in the window.' };
}

/**
 * A write as a form or dialog wants it: never throws, answers the value or main's error
 * split by field, and shows the success toast (queries/outcome.ts `perform`).
 */
export function useChannelAction<K extends ChannelName>(name: K) {
  const mutation = useChannelMutation(name);
  const { mutateAsync } = mutation;
  const run = useCallback(
    (input: ChannelInput<K>, success: ((value: ChannelOutput<K>) => SuccessMessage) | null = null): Promise<ActionOutcome<ChannelOutput<K>>> =>
      perform(
        mutateAsync(input).then(
          (value): Result<ChannelOutput<K>> => ({ ok: true, value }),
          (error: unknown): Result<ChannelOutput<K>> => ({ ok: false, error: toApiError(error) }),
        ),
        success,
      ),
    [mutateAsync],
  );
  return { run, pending: mutation.isPending };
}

/** Where several reads stand together: an error if one failed, ready once all answered. */
export function combinedStatus(...views: Pick<ReadView<unknown>, 'status'>[]): LoadStatus {
  if (views.some((view) => view.status === 'error')) return 'error';
  return views.every((view) => view.status === 'ready') ? 'ready' : 'loading';
}
