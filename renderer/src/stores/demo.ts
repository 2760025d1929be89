import { create } from 'zustand';
import type { ApiError } from '../../../preload/result';
import type { DemoResult } from '../../../preload/schemas/demo';
import { api } from '../api';
import { refreshCallViews } from './callsRefresh';
import { useNotices } from './notices';
import { usePackages } from './packages';
import type { LoadStatus } from './status';
import { showToast } from './toasts';

interface DemoState {
  /** Clients in the database, closed ones included (main loads demo data only when there are none). */
  clientCount: number;
  status: LoadStatus;
  /** True while main builds the demo reseller: it takes a few seconds. */
  loading: boolean;
  /** Why main refused or failed to load the demo (e.g. "This database already has 1 client…"). */
  refusal: ApiError | null;
  checkEmpty(): Promise<void>;
  load(): Promise<DemoResult | null>;
}

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
export const useDemo = create<DemoState>()((set, get) => ({
  clientCount: 0,
  status: 'idle',
  loading: false,
  refusal: null,

  async checkEmpty() {
    set((state) => ({ status: state.status === 'ready' ? 'ready' : 'loading' }));
    const [open, closed] = await Promise.all([api.clients.list({ status: 'open' }), api.clients.list({ status: 'closed' })]);
    // Without an answer the card stays hidden: the dashboard's other cards report the error.
    if (open.ok && closed.ok) set({ clientCount: open.value.length + closed.value.length, status: 'ready' });
    else set({ status: 'error' });
  },

  async load() {
    if (get().loading) return null;
    set({ loading: true, refusal: null });
    const result = await api.demo.load({ ...DEMO_SIZE });
    if (!result.ok) {
      set({ loading: false, refusal: result.error });
      return null;
    }
    set({ loading: false, clientCount: result.value.clients });
    showToast({ tone: 'success', title: 'Demo data loaded', description: describeDemo(result.value) });
    await Promise.all([usePackages.getState().load(), useNotices.getState().load(), refreshCallViews()]);
    return result.value;
  },
}));
