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
export type TotalsTable = 'call_totals' | 'call_country_totals' | 'call_did_totals';

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

type Sums = Measures;

/** One month's deltas, by client, by destination country (outbound), by DID (inbound). */
interface MonthDelta {
  clients: Map<number, Sums>;
  countries: Map<string, Sums>;
  dids: Map<string, Sums>;
}

function bump<K>(map: Map<K, Sums>, key: K, sign: number, answered: number, call: CallTotalsSource): void {
  let sums = map.get(key);
  if (sums === undefined) {
    sums = [0, 0, 0, 0, 0, 0];
    map.set(key, sums);
  }
  sums[0] += sign;
  sums[1] += answered;
  sums[2] += sign * call.seconds;
  sums[3] += sign * call.billed_seconds;
  sums[4] += sign * call.cost_micros;
  sums[5] += sign * call.charge_micros;
}

/**
 * The rollups' deltas of one transaction, summed in memory per key and written once at its
 * end (a client-month is touched by thousands of calls of a batch): + a call inserted,
 * − the stored row a re-rate replaces and + its new rating. Written in the transaction
 * of the calls, so the rollups never lag them; a transaction rolled back drops its delta.
 * On the import's hot path: no string is built per call (calls come in time order, so the
 * month's maps are found by a prefix check).
 */
export class CallTotalsDelta {
  private readonly months = new Map<string, MonthDelta>();
  private lastMonth = '';
  private last: MonthDelta | null = null;

  add(call: CallTotalsSource, sign: 1 | -1): void {
    let month = this.last;
    if (month === null || !call.started_at.startsWith(this.lastMonth)) {
      const key = call.started_at.slice(0, 7);
      month = this.months.get(key) ?? null;
      if (month === null) {
        month = { clients: new Map(), countries: new Map(), dids: new Map() };
        this.months.set(key, month);
      }
      this.lastMonth = key;
      this.last = month;
    }
    const answered = call.disposition === 'ANSWERED' ? sign : 0;
    bump(month.clients, call.client_id ?? 0, sign, answered, call);
    if (call.direction === 'outbound') bump(month.countries, call.country ?? '', sign, answered, call);
    else if (call.did_number !== null) bump(month.dids, call.did_number, sign, answered, call);
  }

  /** Keys touched (rows the flush will write at most). */
  get size(): number {
    let size = 0;
    for (const month of this.months.values()) size += month.clients.size + month.countries.size + month.dids.size;
    return size;
  }

  /** Writes the deltas (inside the caller's transaction) and forgets them. */
  flush(statements: CallTotalsStatements): void {
    for (const { table, month, key, sums } of this.rows()) statements.upsert[table].run(month, key, ...sums);
    this.clear();
  }

  /**
   * The rows to add, table by table, each table's in (month, key) order: on PostgreSQL two
   * instances' upserts then lock the rollup rows in one order and never wait on each other in a circle.
   */
  rows(): { table: TotalsTable; month: string; key: string | number; sums: Measures }[] {
    const rows: { table: TotalsTable; month: string; key: string | number; sums: Measures }[] = [];
    const order = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);
    const months = [...this.months.keys()].sort();
    for (const [table, of] of [
      ['call_totals', (delta: MonthDelta) => delta.clients],
      ['call_country_totals', (delta: MonthDelta) => delta.countries],
      ['call_did_totals', (delta: MonthDelta) => delta.dids],
    ] as const) {
      for (const month of months) {
        const map: Map<string | number, Sums> = of(this.months.get(month)!);
        for (const key of [...map.keys()].sort(order)) {
          const sums = map.get(key)!;
          if (sums.some((value) => value !== 0)) rows.push({ table, month, key, sums });
        }
      }
    }
    return rows;
  }

  clear(): void {
    this.months.clear();
    this.lastMonth = '';
    this.last = null;
  }
}
