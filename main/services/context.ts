import type { Kysely } from 'kysely';
import type { Store } from '../../db/open';
import type { Database } from '../../db/schema';
import { EventBus } from '../events';
import type { ProviderAccess } from '../sync/settings';
import type { SecretBox } from '../sync/secretBox';
import { defaultBoxFor } from './secrets';

/**
 * What every service needs from the outside world, injected so tests are deterministic
 * (CONVENTIONS.md: the clock and the id generator are injected). `store` gives the raw
 * hot paths (imports, re-rating, call charges) the one SQLite connection; `db` is the
 * same connection through Kysely.
 */
export interface ServiceContext<S extends Store = Store> {
  readonly store: S;
  readonly db: Kysely<Database>;
  readonly now: () => Date;
  /** Ids that are not rows (import jobs): a counter per kind, injected for tests. */
  readonly nextId: (kind: string) => number;
  /** Events for the window (import progress, data changed); the hosts forward them. */
  readonly events: EventBus;
  /** How this host reaches the provider (issue 12: the secret box, the environment's credentials); see main/sync/settings.ts. */
  readonly provider?: ProviderAccess;
  /** Issue 14: seals the passwords stored (sub accounts' SIP, clients' portal): the host's box, or the database folder's key box. */
  readonly secrets: SecretBox;
}

/** A counter per kind, starting at 1. */
export function counterIds(): (kind: string) => number {
  const counters = new Map<string, number>();
  return (kind) => {
    const next = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, next);
    return next;
  };
}

export function createContext<S extends Store>(store: S, now: () => Date = () => new Date(), nextId = counterIds(), events = new EventBus(), provider?: ProviderAccess, secrets?: SecretBox): ServiceContext<S> {
  return { store, db: store.db, now, nextId, events, ...(provider ? { provider } : {}), secrets: secrets ?? defaultBoxFor(store.folder) };
}

export const isoNow = (ctx: Pick<ServiceContext, 'now'>): string => ctx.now().toISOString();
