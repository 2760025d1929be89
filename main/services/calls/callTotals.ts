import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { CallMeasures, CallRow, Database } from '../../../db/schema';

/** What a call adds to the report rollups (migration 013): its record and its rating. */
export const CALL_TOTALS_COLUMNS = [
  'started_at',
  'client_id',
  'direction',
  'disposition',
  'seconds',
  'billed_seconds',
  'cost_micros',
  'charge_micros',
  'country',
  'did_number',
] as const satisfies readonly (keyof CallRow)[];

export type CallTotalsSource = Pick<CallRow, (typeof CALL_TOTALS_COLUMNS)[number]>;

type Measures = [calls: number, answered: number, seconds: number, billedSeconds: number, cost: number, charge: number];
type TotalsTable = 'call_totals' | 'call_country_totals' | 'call_did_totals';

export interface CallTotalsStatements {
  /** A stored call's contribution, read before a re-rate rewrites it. */
  read: BetterSqlite3.Statement<[id: number], CallTotalsSource>;
  upsert: Record<TotalsTable, BetterSqlite3.Statement<[month: string, key: string | number, ...Measures]>>;
}

const MEASURE_COLUMNS = ['calls', 'answered', 'seconds', 'billed_seconds', 'cost_micros', 'charge_micros'] as const satisfies readonly (keyof CallMeasures)[];

export function prepareCallTotalsStatements(db: Kysely<Database>, sqlite: BetterSqlite3.Database): CallTotalsStatements {
  const read = db.selectFrom('calls').select(CALL_TOTALS_COLUMNS).where('id', '=', 0).compile();
  const measures: CallMeasures = { calls: 0, answered: 0, seconds: 0, billed_seconds: 0, cost_micros: 0, charge_micros: 0 };
  // Adds the delta to the row of the key, creating it on the first call of the key.
  const upsert = <T extends TotalsTable>(table: T, key: 'client_id' | 'country' | 'did_number') =>
    db
      .insertInto(table)
      .values({ month: '', [key]: '', ...measures } as never)
      .onConflict((oc) =>
        oc.columns(['month', key] as never).doUpdateSet((eb) =>
          Object.fromEntries(MEASURE_COLUMNS.map((column) => [column, eb(eb.ref(`${table}.${column}` as never), '+', eb.ref(`excluded.${column}` as never))])) as never,
        ),
      )
      .compile();
  return {
    read: sqlite.prepare(read.sql),
    upsert: {
      call_totals: sqlite.prepare(upsert('call_totals', 'client_id').sql),
      call_country_totals: sqlite.prepare(upsert('call_country_totals', 'country').sql),
      call_did_totals: sqlite.prepare(upsert('call_did_totals', 'did_number').sql),
    },
  };
}

/**
 * The rollups' deltas of one transaction, summed in memory per key and written once at its
 * end (a client-month is touched by thousands of calls of a batch): + a call inserted,
 * − the stored row a re-rate replaces and + its new rating. Written in the transaction
 * of the calls, so the rollups never lag them; a transaction rolled back drops its delta.
 */
export class CallTotalsDelta {
  private readonly rows = new Map<string, Measures>();

  add(call: CallTotalsSource, sign: 1 | -1): void {
    const month = call.started_at.slice(0, 7);
    const answered = call.disposition === 'ANSWERED' ? sign : 0;
    this.bump(`call_totals\u0000${month}\u0000${call.client_id ?? 0}`, sign, answered, call);
    if (call.direction === 'outbound') this.bump(`call_country_totals\u0000${month}\u0000${call.country ?? ''}`, sign, answered, call);
    else if (call.did_number !== null) this.bump(`call_did_totals\u0000${month}\u0000${call.did_number}`, sign, answered, call);
  }

  get size(): number {
    return this.rows.size;
  }

  private bump(key: string, sign: 1 | -1, answered: number, call: CallTotalsSource): void {
    let row = this.rows.get(key);
    if (!row) {
      row = [0, 0, 0, 0, 0, 0];
      this.rows.set(key, row);
    }
    row[0] += sign;
    row[1] += answered;
    row[2] += sign * call.seconds;
    row[3] += sign * call.billed_seconds;
    row[4] += sign * call.cost_micros;
    row[5] += sign * call.charge_micros;
  }

  /** Writes the deltas (inside the caller's transaction) and forgets them. */
  flush(statements: CallTotalsStatements): void {
    for (const [key, row] of this.rows) {
      if (row.every((value) => value === 0)) continue;
      const [table, month, value] = key.split('\u0000') as [TotalsTable, string, string];
      statements.upsert[table].run(month, table === 'call_totals' ? Number(value) : value, ...row);
    }
    this.rows.clear();
  }

  clear(): void {
    this.rows.clear();
  }
}
