import { randomBytes } from 'node:crypto';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, OutboxEntity, OutboxTable } from '../../db/schema';
import type { OutboxItemView, SyncStatus } from '../../preload/schemas/sync';
import { AppError, notFound } from '../errors';

/**
 * The transactional outbox (issue 12, DESIGN.md "Sync with the provider"): a change the
 * provider must know is written here in the same transaction as the change itself, so it
 * is sent exactly when the change is kept, and rolled back with it. The push worker
 * (pushWorker.ts) sends the rows in order per entity.
 *
 * Parameters are the API's own (../shared/spec/voipms-api/methods.json). A provider id not
 * known yet (the client was created here a moment ago, its signupClient still waits) is a
 * reference, resolved when the item is sent: the item waits behind the create.
 */
export type ProviderRef =
  /** The client's provider id (client number): `client`, `reseller_client`. */
  | { $ref: 'client'; id: number }
  /** The sub account's provider id: `id` of setSubAccount / delSubAccount. */
  | { $ref: 'subaccount'; id: number }
  /** The provider package a local package is linked to (packages cannot be written through the API). */
  | { $ref: 'package'; id: number }
  /** connectDID's `account`: a sub account of this client package already at the provider ("100000_alice"). */
  | { $ref: 'packageAccount'; id: number }
  /** The client's portal password (signupClient, setClient): made the first time it is sent, then kept and sent again. */
  | { $ref: 'portalPassword'; id: number }
  /** A sub account's SIP password (createSubAccount, setSubAccount): stored sealed, opened only when sent (issue 14). */
  | { $ref: 'subaccountPassword'; id: number };

export type OutboxParamValue = string | number | ProviderRef;
export type OutboxParams = Readonly<Record<string, OutboxParamValue>>;

export interface NewOutboxItem {
  entity: OutboxEntity;
  entityId: number;
  /** The client it belongs to, when it does. */
  clientId: number | null;
  method: string;
  params: OutboxParams;
  summary: string;
  /** Money calls only (addPayment, addCharge): the unique text in `description`. */
  reference?: string;
}

export type OutboxRow = Selectable<OutboxTable>;

/** Every state but done, by name: `state in (…)` reads the state index (`!= 'done'` would scan every row ever sent). */
export const OPEN_STATES = ['pending', 'sending', 'failed'] as const;

export const isProviderRef = (value: OutboxParamValue): value is ProviderRef => typeof value === 'object' && value !== null && '$ref' in value;

/** A unique reference for a money call: the ledger entry, and random text so another database's entry 12 never matches it. */
export function moneyReference(entryId: number): string {
  return `RC-${entryId}-${randomBytes(4).toString('hex')}`;
}

/** How the reference is carried: the provider keeps `description`, and getCharges/getDeposits give it back. */
export const describedWithReference = (description: string, reference: string): string => `${description} [${reference}]`;

/**
 * Decimal text for the wire: at least 2 decimals, no trailing zeros beyond them
 * (25_000_000 micros → "25.00", 123_400 → "0.1234"). Exact: from the integer, never a float.
 */
export function wireDecimal(scaled: number, decimals: number): string {
  const negative = scaled < 0;
  const digits = Math.abs(scaled).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  let fraction = digits.slice(digits.length - decimals);
  while (fraction.length > 2 && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** An item as its outbox row. */
export function outboxRow(item: NewOutboxItem, createdAt: string): Insertable<OutboxTable> {
  return {
    entity: item.entity,
    entity_id: item.entityId,
    client_id: item.clientId,
    method: item.method,
    params: JSON.stringify(item.params),
    summary: item.summary,
    reference: item.reference ?? null,
    created_at: createdAt,
  };
}

/** Writes one item in the caller's transaction (either store): the item's id. */
export async function enqueue(trx: Kysely<Database>, item: NewOutboxItem, createdAt: string): Promise<number> {
  const row = await trx.insertInto('outbox').values(outboxRow(item, createdAt)).returning('id').executeTakeFirst();
  if (!row) throw new AppError('internal', 'The outbox refused a change');
  return row.id;
}

export function parseParams(row: Pick<OutboxRow, 'params'>): OutboxParams {
  return JSON.parse(row.params) as OutboxParams;
}

/** An earlier item of the same entity that failed holds this one back. */
function blockers(open: readonly OutboxRow[]): Map<number, number> {
  const firstFailed = new Map<string, number>();
  const blocked = new Map<number, number>();
  for (const row of open) {
    const key = `${row.entity}:${row.entity_id}`;
    const failed = firstFailed.get(key);
    if (failed !== undefined) blocked.set(row.id, failed);
    else if (row.state === 'failed') firstFailed.set(key, row.id);
  }
  return blocked;
}

export function toItemView(row: OutboxRow, blockedBy: number | null = null): OutboxItemView {
  return {
    id: row.id,
    entity: row.entity,
    entityId: row.entity_id,
    method: row.method,
    summary: row.summary,
    state: row.state,
    attempts: row.attempts,
    createdAt: row.created_at,
    nextAttemptAt: row.state === 'pending' ? row.next_attempt_at : null,
    lastError: row.last_status === null || row.last_status === 'success' ? null : { status: row.last_status, message: row.last_message ?? '' },
    blockedBy,
  };
}

export async function listOutboxItems(db: Kysely<Database>, input: { state: 'open' | 'failed' | 'all'; limit: number } | undefined): Promise<OutboxItemView[]> {
  const { state, limit } = input ?? { state: 'open', limit: 200 };
  const open = await db.selectFrom('outbox').selectAll().where('state', 'in', OPEN_STATES).orderBy('id').execute();
  const blocked = blockers(open);
  if (state === 'all') {
    const rows = await db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(limit).execute();
    return rows.reverse().map((row) => toItemView(row, blocked.get(row.id) ?? null));
  }
  return open
    .filter((row) => state === 'open' || row.state === 'failed')
    .slice(0, limit)
    .map((row) => toItemView(row, blocked.get(row.id) ?? null));
}

export async function outboxStatus(db: Kysely<Database>, configured: boolean): Promise<SyncStatus> {
  const counts = await db
    .selectFrom('outbox')
    .select(['state', (eb) => eb.fn.countAll<number>().as('count')])
    .where('state', 'in', OPEN_STATES)
    .groupBy('state')
    .execute();
  const count = (...states: string[]) => counts.filter((row) => states.includes(row.state)).reduce((sum, row) => sum + Number(row.count), 0);
  const last = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.max('sent_at').as('sent_at'))
    .where('state', '=', 'done')
    .executeTakeFirst();
  return { pending: count('pending', 'sending'), failed: count('failed'), configured, lastSyncAt: last?.sent_at ?? null };
}

async function loadItem(db: Kysely<Database>, id: number): Promise<OutboxRow> {
  const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Outbox item ${id}`);
  return row;
}

async function itemView(db: Kysely<Database>, id: number): Promise<OutboxItemView> {
  const views = await listOutboxItems(db, { state: 'all', limit: 1000 });
  return views.find((view) => view.id === id) ?? toItemView(await loadItem(db, id));
}

/** A failed item goes back to pending, due now; the items of its entity held behind it follow it. */
export async function retryItem(db: Kysely<Database>, id: number): Promise<OutboxItemView> {
  const row = await loadItem(db, id);
  if (row.state !== 'failed') throw new AppError('conflict', `This change is ${row.state === 'done' ? 'already sent' : row.state}: only a failed change can be sent again`);
  await db.updateTable('outbox').set({ state: 'pending', next_attempt_at: null }).where('id', '=', id).where('state', '=', 'failed').execute();
  return itemView(db, id);
}

export const DISCARDED = 'discarded';

/**
 * Drops a change: the provider never hears of it (the window asks for a confirmation
 * first). Kept as done, marked discarded, so the Sync page's history says what happened.
 * A change being sent cannot be dropped: its outcome is not known yet.
 */
export async function discardItem(db: Kysely<Database>, id: number, now: string): Promise<OutboxItemView> {
  const row = await loadItem(db, id);
  if (row.state === 'sending') throw new AppError('conflict', 'This change is being sent right now: wait for the answer, then discard it if it failed');
  if (row.state === 'done') throw new AppError('conflict', 'This change was already sent (or discarded)');
  const result = await db
    .updateTable('outbox')
    .set({ state: 'done', last_status: DISCARDED, last_message: `Discarded on ${now.slice(0, 10)}: the provider never heard of this change`, next_attempt_at: null })
    .where('id', '=', id)
    .where('state', 'in', ['pending', 'failed'])
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new AppError('conflict', 'This change moved meanwhile: look again');
  return itemView(db, id);
}
