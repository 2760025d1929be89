import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import type { AppEvents } from '../../../preload/events';
import { api } from '../api';
import { requestNavigation } from '../lib/router';
import { invalidateDomains } from './channel';
import { forgetServerState } from './workspace';

/** Who else hears import progress (the running import's view lives in the window's own store). */
const progressListeners = new Set<(job: AppEvents['import.progress']) => void>();

export function onImportProgress(listener: (job: AppEvents['import.progress']) => void): () => void {
  progressListeners.add(listener);
  return () => {
    progressListeners.delete(listener);
  };
}

/** Who hears export progress (the export in progress lives in the window's own store, stores/callExport.ts). */
const exportListeners = new Set<(progress: AppEvents['export.progress']) => void>();

export function onExportProgress(listener: (progress: AppEvents['export.progress']) => void): () => void {
  exportListeners.add(listener);
  return () => {
    exportListeners.delete(listener);
  };
}

/**
 * The window's one subscription to main's events: a 'data.changed' refreshes the reads of
 * the changed domains (nothing polls on a timer), an 'import.progress' goes to the import
 * in progress, a 'workspace.changed' drops every read (another database is open).
 */
function ServerEvents() {
  const client = useQueryClient();
  useEffect(() => {
    const stopChanges = api.events.on('data.changed', ({ domains }) => void invalidateDomains(client, domains));
    const stopProgress = api.events.on('import.progress', (job) => {
      for (const listener of progressListeners) listener(job);
    });
    const stopExport = api.events.on('export.progress', (progress) => {
      for (const listener of exportListeners) listener(progress);
    });
    // The demo or the reseller's own file opened (from this window or another): forget the other's data.
    const stopWorkspace = api.events.on('workspace.changed', () => forgetServerState(client));
    // The desktop app's menu (View → a section): the same as a click in the sidebar, leave guard included.
    const stopNavigate = api.events.on('app.navigate', ({ path }) => {
      if (path.startsWith('/')) requestNavigation(path);
    });
    return () => {
      stopNavigate();
      stopChanges();
      stopProgress();
      stopExport();
      stopWorkspace();
    };
  }, [client]);
  return null;
}

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Main announces changes ('data.changed'); a view opened again still reads afresh, as it always did.
        staleTime: 0,
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
      mutations: { retry: false },
    },
  });
}

/** The window's one cache; the window's own stores (an import in progress) refresh through it too. */
export const queryClient = createQueryClient();

export function ServerStateProvider({ children }: { children: ReactNode }) {
  const [client] = useState(() => queryClient);
  return (
    <QueryClientProvider client={client}>
      <ServerEvents />
      {children}
    </QueryClientProvider>
  );
}
