import { useState } from 'react';
import type { DemoResult } from '../../../preload/schemas/demo';
import { showToast } from '../stores/toasts';
import { combinedStatus, readView, toApiError, useChannel, useChannelMutation } from './channel';

/** What "Load demo data" asks for: main's defaults, spelled out so the card can say what it builds. */
export const DEMO_SIZE = { clients: 25, cdrs: 5000 } as const;

const count = (value: number, one: string, many: string): string => `${value.toLocaleString('en-US')} ${value === 1 ? one : many}`;

export function describeDemo(result: DemoResult): string {
  return (
    `${count(result.clients, 'client', 'clients')}, ${count(result.packages, 'package', 'packages')}, ${count(result.dids, 'DID', 'DIDs')} ` +
    `and ${count(result.calls.imported, 'call', 'calls')} (${result.calls.unrated.toLocaleString('en-US')} unrated), from ${result.from} to ${result.to}.`
  );
}

/** "Load demo data" of an empty app: a realistic reseller to try every page with. */
export function useDemo() {
  const open = readView(useChannel('clients.list', { status: 'open' }));
  const closed = readView(useChannel('clients.list', { status: 'closed' }));
  const demo = useChannelMutation('demo.load');
  // Without an answer the card stays hidden: the dashboard's other cards report the error.
  const status = combinedStatus(open, closed);
  // Decided once, when the dashboard opens: a client added elsewhere meanwhile must not make
  // the card vanish under the pointer; loading then gets main's refusal, which says why.
  const [countAtOpen, setCountAtOpen] = useState<number | null>(null);
  if (status === 'ready' && countAtOpen === null) setCountAtOpen((open.data?.length ?? 0) + (closed.data?.length ?? 0));

  async function load(): Promise<DemoResult | null> {
    if (demo.isPending) return null;
    try {
      const result = await demo.mutateAsync({ ...DEMO_SIZE });
      showToast({ tone: 'success', title: 'Demo data loaded', description: describeDemo(result) });
      // Every view refreshes from main's 'data.changed' (demo.load changes every domain).
      return result;
    } catch {
      return null;
    }
  }

  return {
    clientCount: demo.data ? demo.data.clients : (countAtOpen ?? 0),
    status: countAtOpen === null ? status : 'ready',
    loading: demo.isPending,
    refusal: demo.error ? toApiError(demo.error) : null,
    load,
  };
}
