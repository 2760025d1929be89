import { sql } from 'kysely';
import type { CallFilterData, CallListData, CallPage, CallTotals, CallView } from '../../../preload/schemas/calls';
import type { PgStore, Store } from '../../../db/open';
import { bigMicrosToText, micros, moneyToText, rateE8, rateToText } from '../../money';
import { clientName } from '../clients';
import { countryOptions } from '../countries';
import { cursorOf, filteredCalls, seekPage, type CallQuery, type CallSource } from './callFilter';

export { cursorOf, filteredCalls, parseCursor, seekPage, type CallFilter, type CallSource } from './callFilter';

function callColumns(query: CallQuery) {
  return query
    .leftJoin('clients', 'clients.id', 'calls.client_id')
    .selectAll('calls')
    .select(['clients.first_name', 'clients.last_name', 'clients.company']);
}

type CallRowWithClient = Awaited<ReturnType<ReturnType<typeof callColumns>['execute']>>[number];

let countryNames: Map<string, string> | undefined;
export function countryNameOf(code: string | null): string | null {
  if (code === null) return null;
  countryNames ??= new Map(countryOptions().map((country) => [country.code, country.name]));
  return countryNames.get(code) ?? code;
}

export function toCallView(row: CallRowWithClient): CallView {
  return {
    id: row.id,
    callId: row.call_id,
    startedAt: row.started_at,
    account: row.account,
    subaccountId: row.subaccount_id,
    clientId: row.client_id,
    clientName: row.first_name === null ? null : clientName({ first_name: row.first_name, last_name: row.last_name ?? '', company: row.company ?? '' }),
    callerId: row.caller_id,
    direction: row.direction,
    destination: row.destination,
    description: row.description,
    disposition: row.disposition,
    seconds: row.seconds,
    status: row.status,
    unratedReason: row.unrated_reason,
    rule: row.rule,
    sellRate: rateToText(rateE8(row.sell_rate_e8)),
    billedSeconds: row.billed_seconds,
    freeSeconds: row.free_seconds,
    charge: moneyToText(micros(row.charge_micros)),
    cost: moneyToText(micros(row.cost_micros)),
    profit: moneyToText(micros(row.status === 'rated' ? row.charge_micros - row.cost_micros : 0)),
    country: row.country,
    countryName: countryNameOf(row.country),
  };
}

const DEFAULT_LIST: NonNullable<CallListData> = { status: 'all', order: 'newest', seek: 'first', limit: 100 };

/** Global CDR / per-client CDR: one page from a cursor (or the first / last page), in the list's order. */
export async function listCalls(source: CallSource, input: CallListData): Promise<CallPage> {
  const list = input ?? DEFAULT_LIST;
  const { query, reversed } = seekPage(list, source, list.order, list.seek, list.limit);
  const fetched = await callColumns(query).execute();
  const more = fetched.length > list.limit;
  const page = more ? fetched.slice(0, list.limit) : fetched;
  if (reversed) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  // Reading forward from a cursor, the cursor's own call lies behind; reading back, ahead.
  const cameForward = typeof list.seek === 'object' && 'after' in list.seek;
  const cameBack = typeof list.seek === 'object' && 'before' in list.seek;
  const hasPrevious = reversed ? more : cameForward;
  const hasNext = reversed ? cameBack : more;
  return {
    rows: page.map(toCallView),
    previous: hasPrevious && first ? cursorOf(first) : null,
    next: hasNext && last ? cursorOf(last) : null,
  };
}

type TotalsRow<T> = { calls: T } & { [K in (typeof TOTALS_SUMS)[number]]: T | null };
const TOTALS_SUMS = ['answered', 'unrated', 'seconds', 'billed', 'cost', 'sell', 'profit'] as const;

/** The totals query of a filter (the query-plan test reads its plan). */
export function totalsQuery(source: CallSource, input: CallFilterData) {
  return filteredCalls(source, input).select((eb) => [
    eb.fn.countAll().as('calls'),
    eb.fn.sum(eb.case().when('calls.disposition', '=', 'ANSWERED').then(1).else(0).end()).as('answered'),
    eb.fn.sum(eb.case().when('calls.status', '=', 'unrated').then(1).else(0).end()).as('unrated'),
    eb.fn.sum('calls.seconds').as('seconds'),
    eb.fn.sum('calls.billed_seconds').as('billed'),
    eb.fn.sum('calls.cost_micros').as('cost'),
    eb.fn.sum('calls.charge_micros').as('sell'),
    eb.fn.sum(eb.case().when('calls.status', '=', 'rated').then(eb('calls.charge_micros', '-', eb.ref('calls.cost_micros'))).else(0).end()).as('profit'),
  ]);
}

/** Seconds as minutes with 2 decimals, exactly (12,345 s → "205.75"). */
function minutesText(seconds: bigint): string {
  const hundredths = (seconds * 100n + 30n) / 60n;
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
}

/**
 * The whole filter's totals, summed as 64-bit integers and read as BigInt: a million calls'
 * micros may pass 2^53. Asked once per filter, not with every page. SQLite reads them with
 * better-sqlite3's safe integers; PostgreSQL sums bigints as numeric, so each is sent as text.
 */
export async function callTotals(store: Store, input: CallFilterData): Promise<CallTotals> {
  const row = store.dialect === 'postgres' ? await totalsAsText(store, input) : await sqliteTotals(store, input);
  const seconds = row.seconds ?? 0n;
  return {
    calls: Number(row.calls),
    answered: Number(row.answered ?? 0n),
    unrated: Number(row.unrated ?? 0n),
    seconds: Number(seconds),
    billedSeconds: Number(row.billed ?? 0n),
    minutes: minutesText(seconds),
    cost: bigMicrosToText(row.cost ?? 0n),
    sell: bigMicrosToText(row.sell ?? 0n),
    profit: bigMicrosToText(row.profit ?? 0n),
  };
}

function sqliteTotals(store: Extract<Store, { dialect: 'sqlite' }>, input: CallFilterData): Promise<TotalsRow<bigint>> {
  const compiled = totalsQuery(store, input).compile();
  return store.exclusive(() => store.sqlite.prepare(compiled.sql).safeIntegers(true).get(...compiled.parameters) as TotalsRow<bigint>);
}

async function totalsAsText(store: PgStore, input: CallFilterData): Promise<TotalsRow<bigint>> {
  const text = (column: 'calls' | (typeof TOTALS_SUMS)[number]) => sql<string | null>`cast(${sql.ref(`totals.${column}`)} as text)`.as(column);
  const row = await store.db
    .selectFrom(totalsQuery(store, input).as('totals'))
    .select([text('calls'), ...TOTALS_SUMS.map(text)])
    .executeTakeFirstOrThrow();
  const big = (value: string | null): bigint | null => (value === null ? null : BigInt(value));
  return { calls: BigInt(row.calls ?? '0'), ...Object.fromEntries(TOTALS_SUMS.map((column) => [column, big(row[column])])) } as TotalsRow<bigint>;
}
