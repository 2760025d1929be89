import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { PgStore, Store } from '../../db/open';
import { dataDomains, type DataDomain } from '../../preload/events';
import type { EventBus } from '../events';

/**
 * Issue 16, "events tell other instances' windows what changed": on a team server, every
 * `data.changed` this instance emits (after its transaction committed: the handler door, an
 * import's commit, a billing run) is sent as a NOTIFY with the domains and this instance's id;
 * every instance LISTENs on one connection of its own and re-emits what others changed into
 * its EventBus, so its window refetches those queries as after a local change.
 */
export const EVENTS_CHANNEL = 'rc_events';

export interface RelayOptions {
  /** Random by default: the one that tells this instance's own notifications apart. */
  instanceId?: string;
  /** Only send (the command line: no window to tell). */
  listen?: boolean;
  /** Waits between two attempts to listen again after the connection dropped. */
  retryMs?: number;
  log?: (line: string) => void;
}

export interface EventRelay {
  readonly instanceId: string;
  /** Settles once this instance listens (or at once when it only sends). */
  readonly listening: Promise<void>;
  /** Sends what is still queued, stops listening; the store stays open. */
  stop(): Promise<void>;
}

interface Notice {
  from: string;
  domains: DataDomain[];
}

const known = new Set<string>(dataDomains);

function parseNotice(text: string): Notice | null {
  try {
    const value = JSON.parse(text) as Partial<Notice>;
    if (typeof value.from !== 'string' || !Array.isArray(value.domains)) return null;
    const domains = value.domains.filter((domain): domain is DataDomain => typeof domain === 'string' && known.has(domain));
    return domains.length > 0 ? { from: value.from, domains } : null;
  } catch {
    return null;
  }
}

export function relayDataChanges(store: PgStore, events: EventBus, options: RelayOptions = {}): EventRelay {
  const instanceId = options.instanceId ?? randomUUID();
  const log = options.log ?? ((line: string) => console.error(line));
  const retryMs = options.retryMs ?? 2_000;
  let stopped = false;
  /** True while a notice of another instance is re-emitted: it must not go back out. */
  let relaying = false;

  // Sending: one NOTIFY at a time; what changes meanwhile is merged into the next one (an import commits often).
  const queued = new Set<DataDomain>();
  let sending: Promise<void> | null = null;
  const send = (): Promise<void> =>
    (sending ??= (async () => {
      while (queued.size > 0) {
        const domains = [...queued];
        queued.clear();
        try {
          await store.pool.query('select pg_notify($1, $2)', [EVENTS_CHANNEL, JSON.stringify({ from: instanceId, domains })]);
        } catch (error) {
          // The change is committed; other windows catch up on their next read.
          log(`[events] the other instances were not told of a change: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    })().finally(() => {
      sending = null;
    }));
  const stopSending = events.listen((name, payload) => {
    if (relaying || stopped || name !== 'data.changed') return;
    for (const domain of (payload as { domains: DataDomain[] }).domains) queued.add(domain);
    void send();
  });

  // Listening: one connection of its own (not the pool's: a pool that closes waits for the
  // connections it lent), opened with the pool's settings, and opened again when it drops.
  let client: pg.Client | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  const reemit = (domains: DataDomain[]): void => {
    relaying = true;
    try {
      events.emit('data.changed', { domains });
    } finally {
      relaying = false;
    }
  };
  const onNotification = (message: pg.Notification): void => {
    if (message.channel !== EVENTS_CHANNEL || !message.payload) return;
    const notice = parseNotice(message.payload);
    if (notice && notice.from !== instanceId) reemit(notice.domains);
  };
  const listen = async (again: boolean): Promise<void> => {
    const own = new pg.Client(store.pool.options);
    const dropped = (error?: Error): void => {
      if (client !== own) return;
      client = null;
      own.removeListener('notification', onNotification);
      void own.end().catch(() => undefined);
      if (stopped || store.pool.ending || store.pool.ended) return;
      log(`[events] the connection that hears other instances dropped (${error?.message ?? 'ended'}); listening again`);
      scheduleListen();
    };
    own.on('error', dropped);
    own.on('end', () => dropped());
    own.on('notification', onNotification);
    try {
      await own.connect();
      if (stopped) {
        await own.end();
        return;
      }
      client = own;
      await own.query(`listen ${EVENTS_CHANNEL}`);
    } catch (error) {
      client = null;
      await own.end().catch(() => undefined);
      throw error;
    }
    // What others changed while this instance was not listening is unknown: every view reads afresh.
    if (again) reemit([...dataDomains]);
  };
  const scheduleListen = (): void => {
    // The store closed without stopping the relay first: nothing to listen on any more.
    if (store.pool.ending || store.pool.ended) return;
    retry = setTimeout(() => {
      retry = null;
      if (stopped) return;
      listen(true).catch((error: unknown) => {
        log(`[events] cannot listen to other instances yet: ${error instanceof Error ? error.message : String(error)}`);
        if (!stopped) scheduleListen();
      });
    }, retryMs);
  };
  const listening =
    options.listen === false
      ? Promise.resolve()
      : listen(false).catch((error: unknown) => {
          log(`[events] cannot listen to other instances yet: ${error instanceof Error ? error.message : String(error)}`);
          if (!stopped) scheduleListen();
        });

  return {
    instanceId,
    listening,
    stop: async () => {
      stopSending();
      await sending;
      stopped = true;
      if (retry) clearTimeout(retry);
      await listening;
      const own = client;
      client = null;
      if (own) {
        own.removeListener('notification', onNotification);
        await own.end().catch(() => undefined);
      }
    },
  };
}

/**
 * The relay of the database a workspace serves now (main/handlers/workspace.ts): on the team
 * server while the reseller's own data is open, none while the demo (a file) is, and on the
 * server's new pool once the window comes back from the demo.
 */
export function relayFollowing(lend: <T>(work: (store: Store) => Promise<T>) => Promise<T>, events: EventBus, options: RelayOptions = {}): { stop(): Promise<void> } {
  let current: EventRelay | null = null;
  let stopped = false;
  let chain: Promise<void> = Promise.resolve();
  const follow = (): void => {
    chain = chain.then(async () => {
      // The old pool may be closed already (the switch closed it): stopping only lets go of what is left.
      await current?.stop().catch(() => undefined);
      current = null;
      if (stopped) return;
      await lend(async (store) => {
        if (store.dialect === 'postgres') current = relayDataChanges(store, events, options);
      });
    });
  };
  const unlisten = events.listen((name) => {
    if (name === 'workspace.changed') follow();
  });
  follow();
  return {
    stop: async () => {
      stopped = true;
      unlisten();
      await chain;
      await current?.stop();
      current = null;
    },
  };
}
