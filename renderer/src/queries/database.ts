import { useMutation } from '@tanstack/react-query';
import type { ChannelInput } from '../../../preload/contract';
import { callChannel, readView, toApiError, useChannel } from './channel';

/**
 * Issue 16, Settings → Database: where the data lives now and the choice for the next start
 * (never the server's password: main says only whether one is saved), and "Test connection",
 * asked on demand (a mutation, not a query run on mount).
 */
export function useDatabaseSettings() {
  const view = readView(useChannel('database.status', undefined, { gcTime: 0 }));
  return { ...view, settings: view.data ?? null };
}

export function useDatabaseTest() {
  const mutation = useMutation({ mutationFn: (input: ChannelInput<'database.testConnection'>) => callChannel('database.testConnection', input) });
  return {
    test: mutation.mutate,
    testing: mutation.isPending,
    result: mutation.data ?? null,
    error: mutation.error ? toApiError(mutation.error) : null,
    reset: mutation.reset,
  };
}
