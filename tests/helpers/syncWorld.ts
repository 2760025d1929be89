import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../db/open';
import { EventBus } from '../../main/events';
import { createHandlerTable } from '../../main/handlers/index';
import type { HandlerTable } from '../../main/handlers/table';
import type { Provider } from '../../main/sync/provider';
import { channelCaller } from './channels';
import { FIXED_NOW } from './store';

/**
 * The outbox's tests (issue 12): a real SQLite file, the handler table with a clock the test
 * moves and a provider the test chooses (the in-memory fake, or none), and the channels.
 */
export interface SyncWorld {
  dir: string;
  path: string;
  store: Store;
  table: HandlerTable;
  events: EventBus;
  clock: { now: Date };
  provider: { current: Provider | null };
  ok: ReturnType<typeof channelCaller>['ok'];
  call: ReturnType<typeof channelCaller>['call'];
  /** Opens the same file again, as a new process would after a kill -9 (the old connection is left as it was). */
  reopen(): Promise<void>;
  cleanup(): Promise<void>;
}

export async function syncWorld(): Promise<SyncWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'rc-sync-'));
  const path = join(dir, 'sync.db');
  const clock = { now: new Date(FIXED_NOW) };
  const provider: { current: Provider | null } = { current: null };
  const events = new EventBus();
  const opened: Store[] = [];
  const build = (store: Store) => createHandlerTable({ store, host: 'headless', now: () => clock.now, events, providerLookup: () => provider.current });
  const store = await openStore(path);
  opened.push(store);
  const world: SyncWorld = {
    dir,
    path,
    store,
    table: build(store),
    events,
    clock,
    provider,
    ok: undefined as never,
    call: undefined as never,
    async reopen() {
      world.store = await openStore(path);
      opened.push(world.store);
      world.table = build(world.store);
    },
    async cleanup() {
      for (const each of opened) await each.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const { ok, call } = channelCaller(() => world.table);
  world.ok = ok;
  world.call = call;
  return world;
}

/** A client the provider accepts: signupClient requires the address, city, state, country, zip and phone. */
export const aliceInput = {
  firstName: 'Alice',
  lastName: 'Martin',
  company: 'Acme',
  email: 'alice@example.com',
  phone: '5145550100',
  street: '1 Main St',
  city: 'Montreal',
  state: 'QC',
  country: 'CA',
  postalCode: 'H2X 1Y4',
  balanceMode: 'hard' as const,
};
export const bobInput = { ...aliceInput, firstName: 'Bob', lastName: 'Stone', company: '', email: 'bob@example.com', balanceMode: 'soft' as const };

export interface OutboxRowView {
  id: number;
  entity: string;
  entity_id: number;
  method: string;
  params: Record<string, unknown>;
  summary: string;
  state: string;
  attempts: number;
  reference: string | null;
  next_attempt_at: string | null;
  verify_first: number;
  last_status: string | null;
  last_message: string | null;
}

export async function outboxRows(store: Store): Promise<OutboxRowView[]> {
  const rows = await store.db.selectFrom('outbox').selectAll().orderBy('id').execute();
  return rows.map((row) => ({ ...row, params: JSON.parse(row.params) as Record<string, unknown> }));
}
