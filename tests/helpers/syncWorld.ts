import type { Store } from '../../db/open';
import { EventBus } from '../../main/events';
import { createHandlerTable } from '../../main/handlers/index';
import type { HandlerTable } from '../../main/handlers/table';
import type { Provider } from '../../main/sync/provider';
import { channelCaller } from './channels';
import { FIXED_NOW, tempStore } from './store';

/**
 * The outbox's tests (issue 12): a fresh store (a SQLite file, or a PostgreSQL database when
 * RC_TEST_STORE=postgres: tests/helpers/store.ts), the handler table with a clock the test
 * moves and a provider the test chooses (the in-memory fake, or none), and the channels.
 */
export interface SyncWorld {
  dir: string;
  /** Where another process opens this database (tests/helpers/outboxPushChild.ts): the file's path, or the server's URL. */
  location: string;
  store: Store;
  table: HandlerTable;
  events: EventBus;
  clock: { now: Date };
  provider: { current: Provider | null };
  ok: ReturnType<typeof channelCaller>['ok'];
  call: ReturnType<typeof channelCaller>['call'];
  /** Opens the same database again, as a new process would after a kill -9 (the old connection is left as it was). */
  reopen(): Promise<void>;
  /** The same database opened as another instance would (team mode); closed at cleanup. */
  another(): Promise<Store>;
  cleanup(): Promise<void>;
}

export async function syncWorld(): Promise<SyncWorld> {
  const temp = await tempStore();
  const clock = { now: new Date(FIXED_NOW) };
  const provider: { current: Provider | null } = { current: null };
  const events = new EventBus();
  const opened: Store[] = [];
  const build = (store: Store) => createHandlerTable({ store, host: 'headless', now: () => clock.now, events, providerLookup: () => provider.current });
  const world: SyncWorld = {
    dir: temp.dir,
    location: temp.location,
    store: temp.store,
    table: build(temp.store),
    events,
    clock,
    provider,
    ok: undefined as never,
    call: undefined as never,
    async reopen() {
      world.store = await temp.reopen();
      opened.push(world.store);
      world.table = build(world.store);
    },
    async another() {
      const store = await temp.reopen();
      opened.push(store);
      return store;
    },
    async cleanup() {
      for (const each of opened) await each.close().catch(() => undefined);
      await temp.cleanup();
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
