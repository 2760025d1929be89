import type { Kysely } from 'kysely';
import type { Store } from '../../db/open';
import type { Database } from '../../db/schema';
import type { EventBus } from '../events';
import { processAlive } from '../services/calls/interrupted';
import { claimOwner, leaseEnd, passQueue } from '../services/claims';
import { createContext, type ServiceContext } from '../services/context';
import { providerFor, type ProviderAccess } from './settings';
import type { StoreLender, TimerHandle } from '../services/billingScheduler';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { deliver, providerIdOf, resolveParams, type Delivery } from './delivery';
import type { SecretBox } from './secretBox';
import { defaultBoxFor } from '../services/secrets';
import { OPEN_STATES, type OutboxRow } from './outbox';
import type { Provider, ProviderParams } from './provider';

/**
 * The push worker (issue 12): sends the outbox to the provider, in order per entity (a
 * client's signup before its payments, its payments before its delete), one call at a
 * time. A transient error puts the item back with a wait that grows (backoff.ts); a
 * permanent one stops it and the later items of its entity, with the provider's message,
 * until the reseller retries or discards it; an unknown outcome is checked before the item
 * is sent again (delivery.ts). Offline is normal: nothing is lost, it waits.
 *
 * Issue 16, a team server (PostgreSQL): several instances push from one outbox. An item is
 * claimed in one statement that passes over a row another instance is claiming (FOR UPDATE
 * SKIP LOCKED) and holds only while no earlier item of its entity is still open, so each
 * change is sent once and in order per entity; the claim holds for a lease (PUSH_LEASE_MS),
 * after which another instance takes it back (the claimant died) and checks it before sending
 * again. The claims' helpers are the e-mail outbox's (main/services/claims.ts).
 */

/**
 * How long a claimed item is held by the instance sending it: past a check and a call to
 * the provider (voipms.ts DEFAULT_TIMEOUT_MS each), so no other instance sends it meanwhile.
 */
export const PUSH_LEASE_MS = 5 * 60_000;

/** The provider configured for a database, or null (nothing is sent; changes wait). h-api's providerFor(ctx) fits here. */
export type ProviderLookup = (ctx: ServiceContext) => Provider | null | Promise<Provider | null>;

/**
 * The hosts' lookup: the provider the settings make (providerFor, with the host's access to
 * the secret box and the environment) for the reseller's own database, none for any other
 * (the demo's made-up clients never reach the provider). By the database's location (the
 * file's path), not the Store object: the workspace opens the reseller's file again after
 * the demo or a restore.
 */
export const ownProvider =
  (own: Store, access: ProviderAccess): ProviderLookup =>
  (ctx) =>
    ctx.store.location === own.location ? providerFor({ ...ctx, provider: access }) : null;

export interface PushOptions {
  provider: Provider;
  /** Opens the passwords the items send (issue 14); the database folder's key box when not given. */
  secrets?: SecretBox;
  now: () => Date;
  /** In [0, 1): the jitter of the backoff. */
  random?: () => number;
  backoff?: BackoffPolicy;
  /** Told when an item moved (the window's Sync page and sidebar refresh live). */
  events?: EventBus;
  /** `sync push`: send every open item once now, the backoff's wait notwithstanding. */
  ignoreBackoff?: boolean;
}

export interface PushResult {
  sent: number;
  failed: number;
  retryLater: number;
  waiting: number;
}

/** One pass at a time per database in this process: the worker's and a `sync push` never send the same entity together. */
const serialized = passQueue();

/**
 * Items left 'sending' by a process that died mid-call (or whose answer never came): the
 * call may have been applied. They go back to pending, to be checked before they are sent
 * again — a payment is looked for by its reference, never simply sent twice.
 *
 * This process sends one pass at a time per database: its own 'sending' items (`owner`) are
 * left over from a pass that never ended. Another's: on SQLite, taken back when its process
 * is dead (`alive`); on PostgreSQL, whose instances a pid cannot name, when its lease has
 * ended by `now` — until then that instance may still record the answer.
 */
export async function recoverInterrupted(
  store: Pick<Store, 'db' | 'dialect'>,
  owner: number,
  now: Date,
  alive: (pid: number) => boolean = processAlive,
): Promise<number> {
  const takeBack = store.db.updateTable('outbox').set({ state: 'pending', verify_first: 1, next_attempt_at: null, claimed_by: null }).where('state', '=', 'sending');
  if (store.dialect === 'postgres') {
    // One statement: a claim another instance makes meanwhile has a lease that has not ended.
    const nowIso = now.toISOString();
    const result = await takeBack
      .where((eb) => eb.or([eb('claimed_by', 'is', null), eb('claimed_by', '=', owner), eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', nowIso)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
  const sending = await store.db.selectFrom('outbox').select(['id', 'claimed_by']).where('state', '=', 'sending').execute();
  const stale = sending.filter((row) => row.claimed_by === null || row.claimed_by === owner || !alive(row.claimed_by));
  if (stale.length === 0) return 0;
  // Only the claims judged here: one a live process made since is left to it.
  const claimants = [...new Set(stale.map((row) => row.claimed_by ?? owner))];
  const result = await takeBack
    .where('id', 'in', stale.map((row) => row.id))
    .where((eb) => eb.or([eb('claimed_by', 'is', null), eb('claimed_by', 'in', claimants)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Claims `row` for `owner` until `until` (state 'sending', the attempt counted): only if it is
 * still pending, due (unless `ignoreBackoff`), and no earlier item of its entity is open —
 * what another instance did since this pass read the outbox is seen here. On PostgreSQL a row
 * another instance is claiming right now is passed over (SKIP LOCKED), not waited for. The row
 * as claimed (its attempts and verify_first as they are now), or null: not this one.
 */
async function claimItem(store: Pick<Store, 'db' | 'dialect'>, row: OutboxRow, owner: number, nowIso: string, until: string, ignoreBackoff: boolean): Promise<OutboxRow | null> {
  let target = store.db
    .selectFrom('outbox as item')
    .select('item.id')
    .where('item.id', '=', row.id)
    .where('item.state', '=', 'pending')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('outbox as earlier')
            .select('earlier.id')
            .whereRef('earlier.entity', '=', 'item.entity')
            .whereRef('earlier.entity_id', '=', 'item.entity_id')
            .whereRef('earlier.id', '<', 'item.id')
            .where('earlier.state', 'in', OPEN_STATES),
        ),
      ),
    );
  if (!ignoreBackoff) target = target.where((eb) => eb.or([eb('item.next_attempt_at', 'is', null), eb('item.next_attempt_at', '<=', nowIso)]));
  if (store.dialect === 'postgres') target = target.forUpdate('item').skipLocked();
  const claimed = await store.db
    .updateTable('outbox')
    .set((eb) => ({ state: 'sending', attempts: eb('attempts', '+', 1), claimed_by: owner, next_attempt_at: until }))
    .where('id', '=', target)
    .returningAll()
    .executeTakeFirst();
  return claimed ?? null;
}

/** The first open item of each entity, oldest first: only it may be sent (the order per entity). */
function heads(open: readonly OutboxRow[]): OutboxRow[] {
  const seen = new Set<string>();
  const first: OutboxRow[] = [];
  for (const row of open) {
    const key = `${row.entity}:${row.entity_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    first.push(row);
  }
  return first;
}

/** A client's delete waits for every earlier change of its sub accounts and DIDs (the provider refuses to delete a client that still has them). */
function waitsForOthers(row: OutboxRow, open: readonly OutboxRow[]): boolean {
  if (row.method !== 'delClient') return false;
  return open.some((other) => other.id < row.id && other.client_id === row.client_id && other.entity !== 'client');
}

async function record(db: Kysely<Database>, row: OutboxRow, delivery: Delivery, options: PushOptions): Promise<keyof PushResult> {
  const now = options.now();
  if (delivery.kind === 'done') {
    const stored = providerIdOf(row, delivery.reply);
    try {
      await db.transaction().execute(async (trx) => {
        if (stored?.table === 'clients') await trx.updateTable('clients').set({ provider_id: stored.id }).where('id', '=', row.entity_id).execute();
        if (stored?.table === 'subaccounts') await trx.updateTable('subaccounts').set({ provider_id: stored.id }).where('id', '=', row.entity_id).execute();
        await trx
          .updateTable('outbox')
          .set({ state: 'done', sent_at: now.toISOString(), last_status: 'success', last_message: null, next_attempt_at: null, verify_first: 0, claimed_by: null })
          .where('id', '=', row.id)
          .execute();
      });
      return 'sent';
    } catch (error) {
      // The provider's id is already another local row's: the reseller must sort it out.
      const message = `Sent, but the provider's id ${stored?.id ?? ''} could not be kept: ${error instanceof Error ? error.message : String(error)}`;
      await db.updateTable('outbox').set({ state: 'failed', last_status: 'local_conflict', last_message: message, next_attempt_at: null, verify_first: 1, claimed_by: null }).where('id', '=', row.id).execute();
      return 'failed';
    }
  }
  if (delivery.kind === 'permanent') {
    await db.updateTable('outbox').set({ state: 'failed', last_status: delivery.status, last_message: delivery.message, next_attempt_at: null, claimed_by: null }).where('id', '=', row.id).execute();
    return 'failed';
  }
  // `row.attempts` counts the attempt that just failed (1 after the first).
  const wait = backoffDelay(row.attempts, (options.random ?? Math.random)(), options.backoff ?? DEFAULT_BACKOFF);
  await db
    .updateTable('outbox')
    .set({
      state: 'pending',
      claimed_by: null,
      last_status: delivery.status,
      last_message: delivery.message,
      next_attempt_at: new Date(now.getTime() + wait).toISOString(),
      // Unknown: it may have been applied; check before sending again.
      ...(delivery.kind === 'unknown' ? { verify_first: 1 as const } : {}),
    })
    .where('id', '=', row.id)
    .execute();
  return 'retryLater';
}

/**
 * Sends what is due now, item after item, until nothing more can go: each item at most
 * once per pass. A create that succeeds may free items of other entities waiting for its
 * provider id (a sub account behind its client), so they are looked at again.
 */
export function pushDue(store: Store, options: PushOptions): Promise<PushResult> {
  return serialized(store, () => pushPass(store, options.secrets ?? defaultBoxFor(store.folder), options));
}

async function pushPass(store: Store, secrets: SecretBox, options: PushOptions): Promise<PushResult> {
  const { db } = store;
  const owner = claimOwner(store);
  await recoverInterrupted(store, owner, options.now());
  const result: PushResult = { sent: 0, failed: 0, retryLater: 0, waiting: 0 };
  const attempted = new Set<number>();
  let waiting = new Map<number, string>();
  const changed = (): void => options.events?.emit('data.changed', { domains: ['sync'] });
  for (;;) {
    const nowIso = options.now().toISOString();
    const open = await db.selectFrom('outbox').selectAll().where('state', 'in', OPEN_STATES).orderBy('id').execute();
    const candidates = heads(open).filter(
      (row) =>
        row.state === 'pending' &&
        !attempted.has(row.id) &&
        !waiting.has(row.id) &&
        (options.ignoreBackoff === true || row.next_attempt_at === null || row.next_attempt_at <= nowIso),
    );
    let next: { row: OutboxRow; params: ProviderParams } | null = null;
    for (const row of candidates) {
      const resolution = waitsForOthers(row, open)
        ? ({ ok: false, waitingFor: "Waits for the changes of this client's sub accounts and DIDs to be sent first" } as const)
        : await resolveParams(db, row, secrets);
      if (resolution.ok) {
        next = { row, params: resolution.params };
        break;
      }
      waiting.set(row.id, resolution.waitingFor);
      if (row.last_status !== 'waiting' || row.last_message !== resolution.waitingFor) {
        await db.updateTable('outbox').set({ last_status: 'waiting', last_message: resolution.waitingFor }).where('id', '=', row.id).where('state', '=', 'pending').execute();
        changed();
      }
    }
    if (!next) break;
    const { row } = next;
    attempted.add(row.id);
    const claimedAt = options.now();
    const claimed = await claimItem(store, row, owner, nowIso, leaseEnd(claimedAt, PUSH_LEASE_MS), options.ignoreBackoff === true);
    if (!claimed) continue;
    changed();
    const delivery = await deliver(options.provider, claimed, next.params);
    const outcome = await record(db, claimed, delivery, options);
    result[outcome] += 1;
    changed();
    // A new provider id may let a waiting item of another entity go.
    if (outcome === 'sent') waiting = new Map();
  }
  result.waiting = waiting.size;
  return result;
}

export interface PushWorkerOptions {
  /** The database to push from: one store, or a lender of the one open now (the workspace's withStore). */
  store: Store | StoreLender;
  /** The provider of the database open now, or null: then nothing is sent and changes wait. */
  provider: ProviderLookup;
  events: EventBus;
  now?: () => Date;
  random?: () => number;
  backoff?: BackoffPolicy;
  setTimeout?: (run: () => void, ms: number) => TimerHandle;
  clearTimeout?: (handle: TimerHandle) => void;
  /** Looked at this often besides changes and due retries (settings saved, the network back). */
  pollEveryMs?: number;
  /** Opens the passwords the items send (issue 14): the host's box; each database folder's key box when not given. */
  secrets?: SecretBox;
  log?: (line: string) => void;
}

export interface PushWorker {
  /** Recovers items left mid-send, sends what is due, and from then on after every change. */
  start(): void;
  /** A change was made: look at the outbox soon. */
  kick(): void;
  /** Clears its timers, stops listening; resolves once a pass in flight has ended. */
  stop(): Promise<void>;
  /** Resolves once every pass asked for so far has ended (tests wait on it, never on time). */
  idle(): Promise<void>;
}

export const DEFAULT_POLL_MS = 60_000;

export function createPushWorker(options: PushWorkerOptions): PushWorker {
  const now = options.now ?? (() => new Date());
  // Unref'd: a pending retry never keeps a process alive on its own (the hosts stop the worker on close).
  const setTimer = options.setTimeout ?? ((run: () => void, ms: number): TimerHandle => setTimeout(run, ms).unref());
  const clearTimer = options.clearTimeout ?? ((handle: TimerHandle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const pollEveryMs = options.pollEveryMs ?? DEFAULT_POLL_MS;
  const log = options.log ?? ((line: string) => console.log(line));
  const { store } = options;
  const lend: StoreLender = typeof store === 'function' ? store : (work) => work(store);

  let running = false;
  let timer: TimerHandle | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let scheduled = false;
  let unlisten: (() => void) | undefined;

  function arm(ms: number): void {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
    if (!running) return;
    timer = setTimer(() => {
      timer = undefined;
      kick();
    }, Math.max(0, ms));
  }

  async function pass(): Promise<void> {
    scheduled = false;
    if (!running) return;
    let nextDue: string | null = null;
    try {
      nextDue = await lend(async (current) => {
        const provider = await options.provider(createContext(current, now, undefined, options.events));
        if (provider) {
          const result = await pushDue(current, { provider, now, events: options.events, ...(options.secrets ? { secrets: options.secrets } : {}), ...(options.random ? { random: options.random } : {}), ...(options.backoff ? { backoff: options.backoff } : {}) });
          if (result.sent + result.failed > 0) log(`[sync] sent ${result.sent}, failed ${result.failed}, to retry ${result.retryLater}, waiting ${result.waiting}`);
        }
        // A team server: another instance's claim is due again when its lease ends (if that instance died meanwhile).
        const due = await current.db
          .selectFrom('outbox')
          .select((eb) => eb.fn.min('next_attempt_at').as('at'))
          .where('state', 'in', current.dialect === 'postgres' ? ['pending', 'sending'] : ['pending'])
          .where('next_attempt_at', 'is not', null)
          .executeTakeFirst();
        return provider ? (due?.at ?? null) : null;
      });
    } catch (error) {
      log(`[sync] the push failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const untilDue = nextDue === null ? pollEveryMs : Math.min(pollEveryMs, new Date(nextDue).getTime() - now().getTime());
    arm(untilDue);
  }

  function kick(): void {
    if (!running || scheduled) return;
    scheduled = true;
    queue = queue.then(pass);
  }

  return {
    start() {
      if (running) return;
      running = true;
      // Every change may have written an outbox row (a retry, a discard, a new client), and a
      // switch opens another database. The worker's own moves announce 'sync' too: the pass
      // they start finds nothing due and ends quietly.
      unlisten = options.events.listen((name) => {
        if (name === 'data.changed' || name === 'workspace.changed') kick();
      });
      // Items a killed process left mid-send are recovered by the first pass (pushDue).
      kick();
    },
    kick,
    async stop() {
      running = false;
      unlisten?.();
      if (timer !== undefined) clearTimer(timer);
      timer = undefined;
      await queue;
    },
    async idle() {
      let seen: Promise<unknown>;
      do {
        seen = queue;
        await seen;
      } while (seen !== queue);
    },
  };

}
