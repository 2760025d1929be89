import type { ChannelInput } from '../../../preload/contract';
import { issuesByField } from '../lib/issues';
import { readView, toApiError, useChannel, useChannelMutation } from './channel';

export type CostImportRequest = ChannelInput<'costs.import'>;

/** Prefix count and last import per route. */
export function useCostSummary() {
  const view = readView(useChannel('costs.summary'));
  return { ...view, summary: view.data ?? [] };
}

/** Imports one route's deck; the summary reads again by itself (the import changes 'costs'). */
export function useCostImport() {
  const mutation = useChannelMutation('costs.import');
  const error = mutation.error ? toApiError(mutation.error) : null;
  return {
    importDeck: (request: CostImportRequest) => mutation.mutateAsync(request).catch(() => null),
    importing: mutation.isPending,
    /** The last import: what went in and which lines were refused. */
    lastImport: mutation.data ?? null,
    error,
    fieldErrors: issuesByField(error?.issues),
  };
}
export type CostImport = ReturnType<typeof useCostImport>;
