import type { CompiledQuery } from 'kysely';
import type { SqliteStore } from '../../../db/open';
import type { RerateResult } from '../../../preload/schemas/calls';
import { micros, moneyToText } from '../../money';
import { clientName } from '../clients';
import type { ServiceContext } from '../context';
import { postCallChargesPg } from './pg/callCharges';
import { applyUpdatesPg, preloadedCycleQueries, withImportLock } from './pg/rerate';
import { IMPORT_DOMAINS } from './jobs';
import { postCallCharges } from './callCharges';
import { CallTotalsDelta, prepareCallTotalsStatements } from './callTotals';
import { emptyCycleQueries, rateBatch, storedCycleQueries, type RatedRow } from './rateBatch';
import { storedCallToRate } from './callToRate';
import { dirtyDayKey, markDirtyDays, prepareCallStatements, ratingValuesInOrder, STORED_CALL_COLUMNS, type StoredCall } from './statements';
import { RatingWorld } from './world';

/**
 * Writes re-rated calls, marks their client-days for the ledger and moves the report
 * rollups by the difference, in one transaction; the caller holds the store (`exclusive`).
 */
function applyUpdates(store: SqliteStore, updates: RatedRow[]): void {
  const statements = prepareCallStatements(store.db, store.sqlite);
  const totalsStatements = prepareCallTotalsStatements(store.db, store.sqlite);
  store.sqlite.transaction(() => {
    const dirty = new Set<string>();
    const totals = new CallTotalsDelta();
    for (const update of updates) {
      const before = totalsStatements.read.get(update.rowId!);
      if (before) totals.add(before, -1);
      statements.updateRating.run(ratingValuesInOrder(update.values, update.rowId!));
      totals.add(update.values, 1);
      if (update.values.client_id !== null) dirty.add(dirtyDayKey(update.values.client_id, update.values.started_at));
    }
    markDirtyDays(statements, dirty);
    totals.flush(totalsStatements);
  })();
}

/** Runs a query Kysely compiled on the raw connection (inside `exclusive`, where `db` would wait for itself). */
function allRows<Row>(store: SqliteStore, query: CompiledQuery<Row>): Row[] {
  return store.sqlite.prepare<unknown[], Row>(query.sql).all(...query.parameters);
}

/**
 * After the reseller fixes the cause (creates the sub account, connects a package), one
 * action rates the calls kept as unrated (DESIGN rule 8: never dropped).
 */
export async function rerateUnrated(ctx: ServiceContext): Promise<{ rated: number; stillUnrated: number }> {
  const store = ctx.store;
  const world = await RatingWorld.load(store.db);
  const unrated = store.db.selectFrom('calls').select(STORED_CALL_COLUMNS).where('status', '=', 'unrated').orderBy('started_at').orderBy('call_id');
  let rows: StoredCall[];
  let updates: RatedRow[];
  if (store.dialect === 'postgres') {
    // Issue 16: the same rating, read and written under the import's lock in one transaction.
    ({ rows, updates } = await withImportLock(store, () =>
      store.db.transaction().execute(async (trx) => {
        const rows = (await trx.executeQuery(unrated.compile())).rows;
        const calls = rows.map((row) => storedCallToRate(row, world));
        const { updates } = rateBatch(calls, world, await preloadedCycleQueries(trx, calls), new Map(), null);
        await applyUpdatesPg(trx, updates);
        return { rows, updates };
      }),
    ));
    await postCallChargesPg(store, ctx.now);
  } else {
    const query = unrated.compile();
    // Read, rate and write in one hold of the store: no import can add calls to a cycle in between.
    ({ rows, updates } = await store.exclusive(() => {
      const statements = prepareCallStatements(store.db, store.sqlite);
      const rows = allRows(store, query);
      const { updates } = rateBatch(rows.map((row) => storedCallToRate(row, world)), world, storedCycleQueries(statements), new Map(), null);
      applyUpdates(store, updates);
      return { rows, updates };
    }));
    await postCallCharges(store, ctx.now);
  }
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
  const store = ctx.store;
  const world = await RatingWorld.load(store.db);
  const differences = new Map<number, RerateDifference>();
  const allUpdates: RatedRow[] = [];
  let count = 0;
  const connections = [...world.clientPackages.values()].filter(
    (connection) =>
      (options.packageId === undefined || connection.packageId === options.packageId) &&
      (options.clientPackageId === undefined || connection.id === options.clientPackageId),
  );
  /** Rates each connection's open cycles from scratch, from rows `read` gives. */
  const rateConnections = async (read: (query: CompiledQuery<StoredCall>) => StoredCall[] | Promise<StoredCall[]>): Promise<void> => {
    for (const connection of connections) {
      const query = store.db
        .selectFrom('calls')
        .select(STORED_CALL_COLUMNS)
        .where('client_package_id', '=', connection.id)
        .where('cycle_start', '>=', connection.cycleStartDate)
        .where('status', '=', 'rated')
        .compile();
      const rows = await read(query);
      if (rows.length === 0) continue;
      count += rows.length;
      // Rated from scratch: a fresh cycle state, every call treated as stored (updated in place).
      const before = new Map(rows.map((row) => [row.id, row.charge_micros]));
      const { updates } = rateBatch(
        rows.map((row) => storedCallToRate(row, world)),
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
        entry.after += update.values.charge_micros;
        differences.set(clientId, entry);
      }
      allUpdates.push(...updates);
    }
  };
  if (store.dialect === 'postgres') {
    // Issue 16: under the import's lock, in one transaction (the rows read through it).
    await withImportLock(store, () =>
      store.db.transaction().execute(async (trx) => {
        await rateConnections(async (query) => (await trx.executeQuery(query)).rows);
        if (options.apply) await applyUpdatesPg(trx, allUpdates);
      }),
    );
    if (options.apply) await postCallChargesPg(store, ctx.now);
  } else {
    // Read, rate and (when asked) write in one hold of the store: no import adds calls in between.
    await store.exclusive(async () => {
      await rateConnections((query) => allRows(store, query));
      if (options.apply) applyUpdates(store, allUpdates);
    });
    if (options.apply) await postCallCharges(store, ctx.now);
  }
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
