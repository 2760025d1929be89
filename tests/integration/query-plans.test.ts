import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

describe('query plans of the hot paths', () => {
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
