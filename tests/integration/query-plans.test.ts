import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PgStore } from '../../db/open';
import type { Database } from '../../db/schema';
import { cycleSummaries, storedCallIds } from '../../main/services/calls/pg/writes';
import { channelCaller } from '../helpers/channels';
import { testStoreKind } from '../helpers/pgServer';
import { CYCLE_INDEX } from '../../main/services/calls/deferredIndexes';
import { prepareCallStatements, STORED_CALL_COLUMNS } from '../../main/services/calls/statements';
import { statementQuery } from '../../main/services/clientLedger';
import { seekPage, totalsQuery } from '../../main/services/calls/queries';
import { clientMonthTotalsQuery } from '../../main/services/reports/dashboard';
import { costByMonthQuery, ledgerByMonthQuery } from '../../main/services/reports/financial';
import { didTotalsQuery } from '../../main/services/reports/inventory';
import { tempStore, type TempStore } from '../helpers/store';
import { asSqlite } from '../helpers/sqliteOnly';

let temp: TempStore;
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(() => temp.cleanup());

/** CONVENTIONS.md: a query that must be fast has an index a test proves is used. */
function plan(sqlText: string, ...params: unknown[]): string {
  const rows = asSqlite(temp.store).sqlite.prepare(`explain query plan ${sqlText}`).all(...params) as { detail: string }[];
  return rows.map((row) => row.detail).join(' | ');
}

// SQLite's EXPLAIN QUERY PLAN; PostgreSQL's twin (EXPLAIN (FORMAT JSON)) follows.
const describeOnSqlite = testStoreKind() === 'sqlite' ? describe : () => undefined;

describeOnSqlite('query plans of the hot paths', () => {
  it('the import finds existing call ids and cycle state through indexes', () => {
    const store = asSqlite(temp.store);
    const statements = prepareCallStatements(store.db, store.sqlite);
    expect(plan(statements.existingIds.source, '[]')).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_calls_1/);
    expect(plan(statements.cycleUsed.source, 1, '2026-01-01')).toContain(CYCLE_INDEX);
    expect(plan(statements.cycleLast.source, 1, '2026-01-01', 1)).toContain(CYCLE_INDEX);
    expect(plan(statements.cycleCalls.source, 1, '2026-01-01')).toContain(CYCLE_INDEX);
  });

  it('daily call charges and per-client call lists use the client/start index (calls_client_cdr since migration 12)', () => {
    expect(plan("select sum(charge_micros) from calls where client_id = ? and status = 'rated' and started_at >= ? and started_at < ?", 1, 'a', 'b')).toContain(
      'COVERING INDEX calls_client_cdr',
    );
    expect(plan("select sum(amount_micros) from ledger_entries where client_id = ? and kind = 'calls' and occurred_on = ?", 1, 'd')).toContain(
      'ledger_entries_client_day',
    );
    expect(plan('select * from client_packages where disconnected_at is null and next_billing_date <= ?', '2026-01-01')).toContain('client_packages_due');
  });

  it('a client’s ledger in statement order reads the client/applies-date index, no sort for the running balance', () => {
    for (const filter of [{ clientId: 1, kind: 'all' as const }, { clientId: 1, kind: 'fee' as const, from: '2026-01-01', to: '2026-01-31' }]) {
      const query = statementQuery(temp.store.db, filter).limit(200).offset(0).compile();
      const detail = plan(query.sql, ...query.parameters);
      expect(detail).toContain('SEARCH entry USING INDEX ledger_entries_client_applies (client_id=?)');
      // Only the outer newest-first order of the one client's rows sorts; the window reads them in index order.
      expect(detail.match(/TEMP B-TREE/g)).toHaveLength(1);
    }
  });

  describe('the Global CDR (migration 012): keyset pages and totals read an index, never sort', () => {
    const compiled = (query: { compile(): { sql: string; parameters: readonly unknown[] } }): string => {
      const { sql, parameters } = query.compile();
      return plan(sql, ...parameters);
    };
    const clientMonth = { clientId: 1, from: '2026-01-01', to: '2026-01-31', status: 'all' as const };
    const month = { from: '2026-01-01', to: '2026-01-31', status: 'all' as const };
    const page = (filter: typeof month, seek: Parameters<typeof seekPage>[3], order: 'newest' | 'oldest' = 'newest') =>
      compiled(seekPage(filter, temp.store, order, seek, 200).query.selectAll('calls'));

    it('a page of a client + date filter, first, after a cursor, before one, last', () => {
      for (const seek of ['first', 'last', { after: '2026-01-10 10:00:00~5' }, { before: '2026-01-10 10:00:00~5' }] as const) {
        for (const order of ['newest', 'oldest'] as const) {
          const detail = page(clientMonth, seek, order);
          expect(detail).toContain('SEARCH calls USING INDEX calls_client_cdr (client_id=? AND started_at>? AND started_at<?)');
          expect(detail).not.toContain('TEMP B-TREE');
        }
      }
    });

    it('the first and the last page of a date filter alone read calls_started from either end', () => {
      for (const seek of ['first', 'last', { after: '2026-01-10 10:00:00~5' }] as const) {
        const detail = page(month, seek);
        expect(detail).toBe('SEARCH calls USING INDEX calls_started (started_at>? AND started_at<?)');
      }
    });

    it('a sub account’s page reads its index', () => {
      expect(page({ ...month, subaccountId: 3 } as typeof month, 'last')).toContain('USING INDEX calls_subaccount_started');
    });

    it('the totals of a client + date filter are read from the covering index alone', () => {
      expect(compiled(totalsQuery(temp.store, clientMonth))).toBe('SEARCH calls USING COVERING INDEX calls_client_cdr (client_id=? AND started_at>? AND started_at<?)');
    });
  });

  it('every index on calls serves a query of the app (each costs every imported call, issue 13)', () => {
    const store = asSqlite(temp.store);
    const statements = prepareCallStatements(store.db, store.sqlite);
    const compiled = (query: { compile(): { sql: string; parameters: readonly unknown[] } }): string => {
      const { sql, parameters } = query.compile();
      return plan(sql, ...parameters);
    };
    const month = { from: '2026-01-01', to: '2026-01-31', status: 'all' as const };
    // The index, and the query it is there for.
    const served: Record<string, string> = {
      // An import skips the calls it already has (the provider's call id is unique).
      sqlite_autoindex_calls_1: plan(statements.existingIds.source, '[]'),
      // The Global CDR filtered by dates alone, its first and last pages.
      calls_started: compiled(seekPage(month, temp.store, 'newest', 'first', 200).query.selectAll('calls')),
      // Rating: the free minutes a cycle used, its last call, its calls from a late one.
      calls_cycle: plan(statements.cycleUsed.source, 1, '2026-01-01'),
      // "Re-rate unrated calls" after the reseller fixed their cause.
      calls_unrated: compiled(temp.store.db.selectFrom('calls').select(STORED_CALL_COLUMNS).where('status', '=', 'unrated').orderBy('started_at').orderBy('call_id')),
      // A client's CDR pages and totals, the daily call charges, invoices' calls.
      calls_client_cdr: compiled(totalsQuery(temp.store, { ...month, clientId: 1 })),
      // A sub account's CDR.
      calls_subaccount_started: compiled(seekPage({ ...month, subaccountId: 3 } as typeof month, temp.store, 'newest', 'last', 200).query.selectAll('calls')),
    };
    const indexes = asSqlite(temp.store).sqlite.prepare("select name from sqlite_master where type = 'index' and tbl_name = 'calls' order by name").pluck().all() as string[];
    expect(indexes).toEqual(Object.keys(served).sort());
    for (const [index, detail] of Object.entries(served)) expect(detail, index).toContain(index);
  });

  it('the reports read their rollups by month through the primary keys, never the calls or the ledger', () => {
    const search = (query: { sql: string; parameters: readonly unknown[] }) => plan(query.sql, ...query.parameters);
    const financialLedger = search(ledgerByMonthQuery(temp.store.db, '2026-01', '2026-12').compile());
    expect(financialLedger).toMatch(/SEARCH ledger_totals USING PRIMARY KEY \(month>\? AND month<\?\)/);
    const financialCost = search(costByMonthQuery(temp.store.db, '2026-01', '2026-12').compile());
    expect(financialCost).toMatch(/SEARCH call_totals USING PRIMARY KEY \(month>\? AND month<\?\)/);
    expect(search(clientMonthTotalsQuery(temp.store.db, '2026-11').compile())).toMatch(/SEARCH call_totals USING PRIMARY KEY \(month=\?/);
    expect(search(didTotalsQuery(temp.store.db, '2026-11').compile())).toMatch(/SEARCH call_did_totals USING PRIMARY KEY \(month=\?\)/);
    for (const detail of [financialLedger, financialCost]) expect(detail).not.toMatch(/\bcalls\b|ledger_entries/);
  });
});

/**
 * Issue 16, team mode: the same hot queries on PostgreSQL, EXPLAIN (FORMAT JSON), on one database built once:
 * 60,000 calls over 200 clients and a year in call order (as imports write them) and 20,000 ledger entries,
 * VACUUM ANALYZE'd. Each test names its proof:
 * - "chosen": default settings, the planner picks the index (as it would on a reseller's server);
 * - "usable": where the planner rightly prefers something else on this data (a seq scan of a test's few rows
 *   of client packages or rollups, a bitmap read and sort of a client's ~25 calls a month), `set local
 *   enable_seqscan / enable_bitmapscan / enable_sort = off` proves the query's shape can use the index (and that
 *   the index gives the order: with enable_sort off a plan still sorts when nothing else gives the order).
 * Differences from SQLite's plans, said where they show: calls_started holds no row id on PostgreSQL (an
 * Incremental Sort orders calls of the same second), and a ledger day may be read through either client index.
 */
if (testStoreKind() === 'postgres') {
  describe('query plans of the hot paths on a team server', () => {
    // One database for the file (its rows are read, never changed): built once.
    let data: TempStore;
    const { ok } = channelCaller(() => data.table);
    const CALLS = 60_000;
    // Ten clients with sub accounts and packages; 200 clients in all.
    const CLIENTS = 10;
    /** Clients with no sub account of their own (copies): their calls are on the sub accounts above. */
    const MORE_CLIENTS = 190;
    let firstClient = 0;
    let firstSubaccount = 0;
    let aClientPackage = 0;

    interface PlanNode {
      'Node Type': string;
      'Index Name'?: string;
      'Relation Name'?: string;
      Plans?: PlanNode[];
    }

    /** The plan's nodes, each as "Node Type using index on relation". */
    async function plan(query: { sql: string; parameters: readonly unknown[] }, seqscanOff = false, bitmapOff = false, sortOff = false): Promise<string[]> {
      return data.store.db.transaction().execute(async (trx) => {
        if (seqscanOff) await sql`set local enable_seqscan = off`.execute(trx);
        if (bitmapOff) await sql`set local enable_bitmapscan = off`.execute(trx);
        // Off, a plan still sorts when nothing else gives the order: none proves an index gives it.
        if (sortOff) await sql`set local enable_sort = off`.execute(trx);
        const result = await trx.executeQuery<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(CompiledQuery.raw(`explain (format json) ${query.sql}`, [...query.parameters]));
        const nodes: string[] = [];
        const walk = (node: PlanNode): void => {
          nodes.push([node['Node Type'], node['Index Name'] && `using ${node['Index Name']}`, node['Relation Name'] && `on ${node['Relation Name']}`].filter(Boolean).join(' '));
          for (const child of node.Plans ?? []) walk(child);
        };
        walk(result.rows[0]!['QUERY PLAN'][0].Plan);
        return nodes;
      });
    }
    const compiled = (query: Compilable) => plan(query.compile());
    /** A scan of `index` (of any kind: in order, index only, bitmap), and no full scan of calls. */
    const readsIndex = (nodes: string[], index: string) => {
      expect(nodes.join(' | '), index).toMatch(new RegExp(`(Index Scan|Index Only Scan|Bitmap Index Scan) using ${index}\\b`));
      expect(nodes.join(' | ')).not.toMatch(/Seq Scan on calls/);
    };
    const noSort = (nodes: string[]) => expect(nodes.join(' | ')).not.toMatch(/\bSort\b/);
    /** No sort of the whole set: an Incremental Sort only orders rows the index gives in order already, tie by tie. */
    const noFullSort = (nodes: string[]) => expect(nodes).not.toContain('Sort');

    /** The queries a service runs through `work`, captured as it sends them (a second Kysely on the same pool, never destroyed). */
    async function sent(work: (db: Kysely<Database>) => Promise<unknown>): Promise<{ sql: string; parameters: readonly unknown[] }[]> {
      const queries: { sql: string; parameters: readonly unknown[] }[] = [];
      const store = data.store as PgStore;
      const watching = new Kysely<Database>({ dialect: new PostgresDialect({ pool: store.pool }), log: (event) => void queries.push(event.query) });
      await work(watching);
      return queries;
    }

    afterAll(() => data.cleanup());
    beforeAll(async () => {
      data = await tempStore();
      const pkg = await ok<{ id: number }>('packages.create', { name: 'P', markupFixed: '0', markupPercent: '10', pulseSeconds: 60 });
      for (let index = 0; index < CLIENTS; index += 1) {
        const client = await ok<{ id: number }>('clients.create', { firstName: `c${index}`, lastName: 'Test', email: `c${index}@example.com`, balanceMode: 'soft' });
        await ok('subaccounts.create', { username: `u${index}`, clientId: client.id, packageId: pkg.id, nextBillingDate: '2026-12-25' });
      }
      const { db } = data.store;
      // A reseller's many clients (the first's row copied, the unique email changed): a client's month is a small part of a month's calls.
      const columns = (await sql<{ name: string }>`select column_name as name from information_schema.columns where table_name = 'clients' and column_name not in ('id', 'email') order by ordinal_position`.execute(db)).rows.map((row) => sql.ref(row.name));
      await sql`insert into clients (email, ${sql.join(columns)}) select 'copy' || g || '@example.com', ${sql.join(columns)} from clients, generate_series(1, ${MORE_CLIENTS}::int) g where id = (select min(id) from clients)`.execute(db);
      const subaccountColumns = (await sql<{ name: string }>`select column_name as name from information_schema.columns where table_name = 'subaccounts' and column_name not in ('id', 'username') order by ordinal_position`.execute(db)).rows.map((row) => sql.ref(row.name));
      await sql`insert into subaccounts (username, ${sql.join(subaccountColumns)}) select 'copy' || g, ${sql.join(subaccountColumns)} from subaccounts, generate_series(1, ${MORE_CLIENTS}::int) g where id = (select min(id) from subaccounts)`.execute(db);
      // A ledger of 20,000 entries of every kind over the clients and the year.
      await sql`
        insert into ledger_entries (client_id, kind, amount_micros, description, occurred_on, created_at)
        select (select min(id) from clients) + g % ${CLIENTS + MORE_CLIENTS}::int, (array['calls', 'payment', 'charge', 'monthly_fee'])[1 + g % 4], -1000, 'entry',
               to_char(date '2026-01-01' + (g % 365) * interval '1 day', 'YYYY-MM-DD'), '2026-01-01T00:00:00.000Z'
        from generate_series(1, 20000) g`.execute(db);
      await sql`vacuum analyze ledger_entries`.execute(db);
      // A year of calls in the order they were made (as imports write them), spread over every client's sub account; one in a hundred unrated.
      await sql`
        insert into calls (call_id, started_at, account, caller_id, destination, description, direction, disposition, seconds, cost_rate_e8, cost_micros,
                           subaccount_id, client_id, client_package_id, package_id, cycle_start, status, sell_rate_e8, billed_seconds, free_seconds, free_minutes_used, charge_micros, free_zone)
        select 'p-' || g, to_char(timestamp '2026-01-01' + g * (interval '365 days' / ${CALLS}::int), 'YYYY-MM-DD HH24:MI:SS'),
               '100000_' || s.username, '5145550100', '15145551234', 'Outgoing', 'outbound', 'ANSWERED', 60, 1000000, 10000,
               (select min(id) from subaccounts) + g % ${CLIENTS + MORE_CLIENTS}::int, (select min(id) from clients) + g % ${CLIENTS + MORE_CLIENTS}::int, s.client_package_id, cp.package_id, to_char(date_trunc('month', timestamp '2026-01-01' + g * (interval '365 days' / ${CALLS}::int)), 'YYYY-MM-DD'),
               case when g % 100 = 0 then 'unrated' else 'rated' end, 1200000, 60, 0, 0, 12000, 0
        from generate_series(1, ${CALLS}::int) g
        join (select row_number() over (order by id) - 1 as k, id, username, client_id, client_package_id from subaccounts) s on s.k = g % ${CLIENTS}::int
        join client_packages cp on cp.id = s.client_package_id`.execute(db);
      await sql`vacuum analyze calls`.execute(db);
      const first = await db.selectFrom('subaccounts').select(['id', 'client_id', 'client_package_id']).orderBy('id').executeTakeFirstOrThrow();
      firstClient = first.client_id!;
      firstSubaccount = first.id;
      aClientPackage = first.client_package_id!;
    }, 180_000);

    it('the import finds existing call ids and cycle state through indexes (calls: chosen on 60,000 rows)', async () => {
      const { n } = await data.store.db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(n)).toBe(CALLS);
      const [ids] = await sent((db) => storedCallIds(db, ['p-5', 'p-7', 'new-1']));
      readsIndex(await plan(ids!), 'calls_call_id_key');
      const [summary] = await sent((db) => cycleSummaries(db, [`${aClientPackage}|2026-03-01`]));
      readsIndex(await plan(summary!), CYCLE_INDEX);
      // A cycle's calls from a late one, in call order (pg/pendingCycles.ts, pg/rerate.ts).
      const cycleCalls = data.store.db
        .selectFrom('calls')
        .select(STORED_CALL_COLUMNS)
        .where('client_package_id', '=', aClientPackage)
        .where('cycle_start', '=', '2026-03-01')
        .where(sql<boolean>`(started_at, call_id) >= (${'2026-03-05 00:00:00'}, ${'p-1'})`)
        .orderBy('started_at')
        .orderBy('call_id');
      // A whole cycle's few hundred calls: the planner may sort them after a bitmap read; the index is what matters.
      readsIndex(await compiled(cycleCalls), CYCLE_INDEX);
    });

    it('daily call charges read the client/start index, and the ledger days a client index (chosen); due packages their index (usable: enable_seqscan off)', async () => {
      const charges = data.store.db
        .selectFrom('calls')
        .select((eb) => eb.fn.sum('charge_micros').as('charged'))
        .where('client_id', '=', firstClient)
        .where('status', '=', 'rated')
        // A client's dirty days are posted as one range (pg/callCharges.ts): here a month's.
        .where('started_at', '>=', '2026-03-01')
        .where('started_at', '<', '2026-04-01');
      readsIndex(await compiled(charges), 'calls_client_cdr');
      const ledgerDay = data.store.db
        .selectFrom('ledger_entries')
        .select((eb) => eb.fn.sum('amount_micros').as('posted'))
        .where('client_id', '=', firstClient)
        .where('kind', '=', 'calls')
        .where('occurred_on', '=', '2026-03-01');
      // One entry a client a day here: the client/applies-date index narrows as well as the client/kind/day one, and the planner may take either.
      expect((await plan(ledgerDay.compile())).join(' | ')).toMatch(/Index (Only )?Scan using ledger_entries_client_(day|applies)\b/);
      expect((await plan(ledgerDay.compile(), true)).join(' | ')).toMatch(/using ledger_entries_client_(day|applies)\b/);
      const due = data.store.db.selectFrom('client_packages').selectAll().where('disconnected_at', 'is', null).where('next_billing_date', '<=', '2026-01-01');
      expect((await plan(due.compile(), true)).join(' | ')).toMatch(/using client_packages_due/);
    });

    it('a client’s ledger in statement order reads the client/applies-date index, no sort for the running balance (usable: enable_seqscan and enable_bitmapscan off)', async () => {
      for (const filter of [{ clientId: firstClient, kind: 'all' as const }, { clientId: firstClient, kind: 'fee' as const, from: '2026-01-01', to: '2026-01-31' }]) {
        const nodes = await plan(statementQuery(data.store.db, filter).limit(200).offset(0).compile(), true, true);
        expect(nodes.join(' | ')).toMatch(/Index Scan using ledger_entries_client_applies on ledger_entries/);
        // Only the outer newest-first order of the one client's rows sorts; the window reads them in index order.
        expect(nodes.filter((node) => node === 'Sort')).toHaveLength(1);
      }
    });

    it('the Global CDR: keyset pages read an index (chosen on 60,000 rows) that gives their order (no Sort with enable_sort off), totals the covering index (chosen), alone (enable_bitmapscan off)', async () => {
      const month = { from: '2026-03-01', to: '2026-03-31', status: 'all' as const };
      const clientMonth = { ...month, clientId: firstClient };
      const query = (filter: typeof month, seek: Parameters<typeof seekPage>[3], order: 'newest' | 'oldest') => seekPage(filter, data.store, order, seek, 200).query.selectAll('calls').compile();
      const page = (filter: typeof month, seek: Parameters<typeof seekPage>[3], order: 'newest' | 'oldest' = 'newest') => plan(query(filter, seek, order));
      for (const seek of ['first', 'last', { after: '2026-03-10 10:00:00~5' }, { before: '2026-03-10 10:00:00~5' }] as const) {
        for (const order of ['newest', 'oldest'] as const) {
          // A client's month here is some 25 calls: the planner may read them by bitmap and sort them; the index gives the order.
          readsIndex(await page(clientMonth, seek, order), 'calls_client_cdr');
          const ordered = await plan(query(clientMonth, seek, order), false, false, true);
          readsIndex(ordered, 'calls_client_cdr');
          noSort(ordered);
        }
      }
      for (const seek of ['first', 'last', { after: '2026-03-10 10:00:00~5' }] as const) {
        const nodes = await page(month, seek);
        readsIndex(nodes, 'calls_started');
        // PostgreSQL's calls_started holds no row id (SQLite's does, its rowid): calls of the same second are ordered by id incrementally.
        noFullSort(nodes);
      }
      readsIndex(await page({ ...month, subaccountId: firstSubaccount } as typeof month, 'last'), 'calls_subaccount_started');
      // Totals: the covering index chosen; read from the index alone (the table's pages all visible after the VACUUM) once a bitmap is off.
      readsIndex(await compiled(totalsQuery(data.store, clientMonth)), 'calls_client_cdr');
      expect((await plan(totalsQuery(data.store, clientMonth).compile(), true, true)).join(' | ')).toMatch(/Index Only Scan using calls_client_cdr on calls/);
    });

    it('every index on calls serves a query of the app (chosen on 60,000 rows)', async () => {
      const month = { from: '2026-03-01', to: '2026-03-31', status: 'all' as const };
      const [ids] = await sent((db) => storedCallIds(db, ['p-5']));
      const [summary] = await sent((db) => cycleSummaries(db, [`${aClientPackage}|2026-03-01`]));
      const served: Record<string, string[]> = {
        calls_call_id_key: await plan(ids!),
        calls_started: await compiled(seekPage(month, data.store, 'newest', 'first', 200).query.selectAll('calls')),
        calls_cycle: await plan(summary!),
        calls_unrated: await compiled(data.store.db.selectFrom('calls').select(STORED_CALL_COLUMNS).where('status', '=', 'unrated').orderBy('started_at').orderBy('call_id')),
        calls_client_cdr: await compiled(totalsQuery(data.store, { ...month, clientId: firstClient })),
        calls_subaccount_started: await compiled(seekPage({ ...month, subaccountId: firstSubaccount } as typeof month, data.store, 'newest', 'last', 200).query.selectAll('calls')),
      };
      const indexes = await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'calls' and indexname <> 'calls_pkey' order by indexname`.execute(data.store.db);
      expect(indexes.rows.map((row) => row.name)).toEqual(Object.keys(served).sort());
      for (const [index, nodes] of Object.entries(served)) readsIndex(nodes, index);
    });

    it('the reports read their rollups by month through the primary keys, never the calls or the ledger (usable: enable_seqscan off)', async () => {
      const search = async (query: { sql: string; parameters: readonly unknown[] }) => (await plan(query, true)).join(' | ');
      const financialLedger = await search(ledgerByMonthQuery(data.store.db, '2026-01', '2026-12').compile());
      expect(financialLedger).toMatch(/using ledger_totals_pk\b/);
      const financialCost = await search(costByMonthQuery(data.store.db, '2026-01', '2026-12').compile());
      expect(financialCost).toMatch(/using call_totals_pk\b/);
      expect(await search(clientMonthTotalsQuery(data.store.db, '2026-11').compile())).toMatch(/using call_totals_pk\b/);
      expect(await search(didTotalsQuery(data.store.db, '2026-11').compile())).toMatch(/using call_did_totals_pk\b/);
      for (const detail of [financialLedger, financialCost]) expect(detail).not.toMatch(/on (calls|ledger_entries)\b/);
    });
  });
}

interface Compilable {
  compile(): { sql: string; parameters: readonly unknown[] };
}
