import { useMutation } from '@tanstack/react-query';
import { callChannel, readView, toApiError, useChannel } from './channel';

/**
 * Issue 12, Settings → Provider: the provider's API settings (never the password: main says
 * only whether one is saved), and "Test connection", a question asked on demand (getIP, then
 * getBalance at the provider): a mutation so it runs when the person asks, not on mount.
 */
export function useProviderSettings() {
  const view = readView(useChannel('sync.settings', undefined, { gcTime: 0 }));
  return { ...view, settings: view.data ?? null };
}

export function useConnectionTest() {
  const mutation = useMutation({ mutationFn: () => callChannel('sync.testConnection') });
  return {
    test: mutation.mutate,
    testing: mutation.isPending,
    result: mutation.data ?? null,
    error: mutation.error ? toApiError(mutation.error) : null,
    reset: mutation.reset,
  };
}
