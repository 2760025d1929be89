import type { CompiledQuery } from 'kysely';
import type { Store } from '../../../db/open';
import type { RerateResult } from '../../../preload/schemas/calls';
import { micros, moneyToText, rateE8 } from '../../money';
import { clientName } from '../clients';
import type { ServiceContext } from '../context';
import { IMPORT_DOMAINS } from './jobs';
import { canonicalDid } from '../dids';
import { postCallCharges } from './callCharges';
import { emptyCycleQueries, rateBatch, storedCycleQueries, type CallToRate, type RatedRow } from './rateBatch';
import { prepareCallStatements, ratingValuesInOrder, type CallValues } from './statements';
import { cycleStartFor, RatingWorld } from './world';

interface StoredCall {
  id: number;
  call_id: string;
  started_at: string;
  account: string;
  caller_id: string;
  destination: string;
  description: string;
  direction: 'inbound' | 'outbound';
  disposition: string;
  seconds: number;
  cost_rate_e8: number;
  cost_micros: number;
  did_number: string | null;
  client_id: number | null;
  charge_micros: number;
}

function asCallToRate(row: StoredCall, world: RatingWorld): CallToRate {
  const binding = world.account(row.account);
  const connection = binding?.clientPackageId == null ? undefined : world.clientPackages.get(binding.clientPackageId);
  const did = row.did_number ? world.dids.get(canonicalDid(row.did_number)) : undefined;
  return {
    record: {
      callId: row.call_id,
      startedAt: row.started_at,
      direction: row.direction,
      destination: row.destination,
      seconds: row.seconds,
      disposition: row.disposition as CallToRate['record']['disposition'],
      costRate: rateE8(row.cost_rate_e8),
      costTotal: micros(row.cost_micros),
      ...(row.direction === 'inbound' ? { didRate: did && did.clientId === binding?.clientId ? did.minuteRate : rateE8(0) } : {}),
    },
    cdr: { account: row.account, callerId: row.caller_id, description: row.description, didNumber: row.did_number },
    binding,
    cycleStart: connection ? cycleStartFor(row.started_at.slice(0, 10), connection) : null,
    rowId: row.id,
  };
}

/** Writes re-rated calls and marks their client-days for the ledger; the caller holds the store (`exclusive`). */
function applyUpdates(store: Store, updates: RatedRow[]): void {
  const statements = prepareCallStatements(store.db, store.sqlite);
  store.sqlite.transaction(() => {
    const dirty = new Set<string>();
    for (const update of updates) {
      statements.updateRating.run(ratingValuesInOrder(update.values, update.rowId!));
      if (update.values.client_id !== null) dirty.add(`${update.values.client_id}|${String(update.values.started_at).slice(0, 10)}`);
    }
    for (const pair of dirty) {
      const [clientId, day] = pair.split('|');
      statements.markDirty.run(Number(clientId), day);
    }
  })();
}

/** Runs a query Kysely compiled on the raw connection (inside `exclusive`, where `db` would wait for itself). */
function allRows<T>(store: Store, query: CompiledQuery): T[] {
  return store.sqlite.prepare(query.sql).all(...(query.parameters as unknown[])) as T[];
}

const CALL_FIELDS = [
  'id',
  'call_id',
  'started_at',
  'account',
  'caller_id',
  'destination',
  'description',
  'direction',
  'disposition',
  'seconds',
  'cost_rate_e8',
  'cost_micros',
  'did_number',
  'client_id',
  'charge_micros',
] as const;

/**
 * After the reseller fixes the cause (creates the sub account, connects a package), one
 * action rates the calls kept as unrated (DESIGN rule 8: never dropped).
 */
export async function rerateUnrated(ctx: ServiceContext): Promise<{ rated: number; stillUnrated: number }> {
  const { store } = ctx;
  const world = await RatingWorld.load(store.db);
  const query = store.db.selectFrom('calls').select(CALL_FIELDS).where('status', '=', 'unrated').orderBy('started_at').orderBy('call_id').compile();
  // Read, rate and write in one hold of the store: no import can add calls to a cycle in between.
  const { rows, updates } = await store.exclusive(() => {
    const statements = prepareCallStatements(store.db, store.sqlite);
    const rows = allRows<StoredCall>(store, query);
    const { updates } = rateBatch(rows.map((row) => asCallToRate(row, world)), world, storedCycleQueries(statements), new Map(), null);
    applyUpdates(store, updates);
    return { rows, updates };
  });
  await postCallCharges(store, ctx.now);
  if (updates.length > 0) ctx.events.emit('data.changed', { domains: IMPORT_DOMAINS });
  const rated = updates.filter((update) => update.values.status === 'rated').length;
  return { rated, stillUnrated: rows.length - rated };
}

export interface RerateDifference {
  clientId: number;
  calls: number;
  before: number;
  after: number;
}

/**
 * Re-rates the open cycles of client packages (after a package or a rate changed), or
 * only previews the difference per client. Closed periods never change.
 */
export async function rerateOpenCycles(
  ctx: ServiceContext,
  options: { packageId?: number; clientPackageId?: number; apply: boolean },
): Promise<{ differences: RerateDifference[]; calls: number }> {
  const { store } = ctx;
  const world = await RatingWorld.load(store.db);
  const differences = new Map<number, RerateDifference>();
  const allUpdates: RatedRow[] = [];
  let count = 0;
  const connections = [...world.clientPackages.values()].filter(
    (connection) =>
      (options.packageId === undefined || connection.packageId === options.packageId) &&
      (options.clientPackageId === undefined || connection.id === options.clientPackageId),
  );
  // Read, rate and (when asked) write in one hold of the store: no import adds calls in between.
  await store.exclusive(() => {
    for (const connection of connections) {
      const query = store.db
        .selectFrom('calls')
        .select(CALL_FIELDS)
        .where('client_package_id', '=', connection.id)
        .where('cycle_start', '>=', connection.cycleStartDate)
        .where('status', '=', 'rated')
        .compile();
      const rows = allRows<StoredCall>(store, query);
      if (rows.length === 0) continue;
      count += rows.length;
      // Rated from scratch: a fresh cycle state, every call treated as stored (updated in place).
      const before = new Map(rows.map((row) => [row.id, row.charge_micros]));
      const { updates } = rateBatch(
        rows.map((row) => asCallToRate(row, world)),
        world,
        emptyCycleQueries,
        new Map(),
        null,
      );
      for (const update of updates) {
        const clientId = connection.clientId;
        const entry = differences.get(clientId) ?? { clientId, calls: 0, before: 0, after: 0 };
        entry.calls += 1;
        entry.before += before.get(update.rowId!) ?? 0;
        entry.after += Number((update.values as CallValues).charge_micros);
        differences.set(clientId, entry);
      }
      allUpdates.push(...updates);
    }
    if (options.apply) applyUpdates(store, allUpdates);
  });
  if (options.apply) await postCallCharges(store, ctx.now);
  if (options.apply && allUpdates.length > 0) ctx.events.emit('data.changed', { domains: IMPORT_DOMAINS });
  return { differences: [...differences.values()], calls: count };
}

/** The re-rate as the window shows it: per client, by name, before and after in money text. */
export async function rerateReport(ctx: ServiceContext, options: { packageId?: number; clientPackageId?: number; apply: boolean }): Promise<RerateResult> {
  const result = await rerateOpenCycles(ctx, options);
  const clients = await ctx.db.selectFrom('clients').select(['id', 'first_name', 'last_name', 'company']).execute();
  const names = new Map(clients.map((row) => [row.id, clientName(row)]));
  return {
    calls: result.calls,
    applied: options.apply,
    differences: result.differences.map((difference) => ({
      clientId: difference.clientId,
      clientName: names.get(difference.clientId) ?? `Client ${difference.clientId}`,
      calls: difference.calls,
      before: moneyToText(micros(difference.before)),
      after: moneyToText(micros(difference.after)),
      difference: moneyToText(micros(difference.after - difference.before)),
    })),
  };
}
