import type { ExpressionBuilder, Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from '../../../db/schema';
import type { CallFilterData, CallListData, CallPage, CallSeek, CallTotals, CallView } from '../../../preload/schemas/calls';
import type { Store } from '../../../db/open';
import { bigMicrosToText, micros, moneyToText, rateE8, rateToText } from '../../money';
import { clientName } from '../clients';
import { countryOptions } from '../countries';

/**
 * The Global CDR and a client's CDR (issue 11): one filter for a page, the totals and the
 * export. Pages are read by keyset (seek) on (started_at, id), never by OFFSET, so the
 * last page of a million calls is read from the other end as fast as the first. The
 * indexes they use are in db/migrations/012_cdr_indexes.ts.
 */
export type CallFilter = NonNullable<CallFilterData>;
type CallQuery = SelectQueryBuilder<Database, 'calls', object>;
/** A cursor's start time as a bound of the rows past it: at or after it ('from'), at or before it ('to'). */
interface CursorBound {
  side: 'from' | 'to';
  startedAt: string;
}

const NO_FILTER: CallFilter = { status: 'all' };
const DIGITS = /^\+?\d+$/;

/** The ISO codes of the countries whose name or code matches a search ("canada", "uk", "CA"). */
function countriesMatching(text: string): string[] {
  const wanted = text.toLowerCase();
  return countryOptions()
    .filter((country) => country.code.toLowerCase() === wanted || (wanted.length >= 3 && country.name.toLowerCase().includes(wanted)))
    .map((country) => country.code);
}

/** The filter's WHERE, shared by a page, the totals and the export (they must agree on which calls). */
export function filteredCalls(db: Kysely<Database>, input: CallFilterData, cursor?: CursorBound): CallQuery {
  const filter = input ?? NO_FILTER;
  let query: CallQuery = db.selectFrom('calls');
  if (filter.clientId !== undefined) query = query.where('calls.client_id', '=', filter.clientId);
  if (filter.subaccountId !== undefined) query = query.where('calls.subaccount_id', '=', filter.subaccountId);
  // One bound each way on started_at, the tighter of the filter's and the cursor's: SQLite
  // seeks the index to it (it does not seek by the row value (started_at, id) itself).
  if (cursor?.side === 'from' && (filter.from === undefined || cursor.startedAt >= filter.from)) query = query.where('calls.started_at', '>=', cursor.startedAt);
  else if (filter.from !== undefined) query = query.where('calls.started_at', '>=', filter.from);
  // started_at is "YYYY-MM-DD HH:MM:SS": every time of the last day sorts below "YYYY-MM-DD 99".
  const toBound = filter.to === undefined ? undefined : `${filter.to} 99`;
  if (cursor?.side === 'to' && (toBound === undefined || cursor.startedAt < toBound)) query = query.where('calls.started_at', '<=', cursor.startedAt);
  else if (toBound !== undefined) query = query.where('calls.started_at', '<', toBound);
  if (filter.status !== undefined && filter.status !== 'all') query = query.where('calls.status', '=', filter.status);
  if (filter.direction !== undefined) query = query.where('calls.direction', '=', filter.direction);
  if (filter.disposition !== undefined) query = query.where('calls.disposition', '=', filter.disposition);
  const search = filter.search?.trim() ?? '';
  if (search !== '') {
    if (DIGITS.test(search)) {
      const digits = search.replace('+', '');
      query = query.where((eb) => eb(eb.fn('instr', ['calls.destination', eb.val(digits)]), '>', 0));
    } else {
      const codes = countriesMatching(search);
      query = query.where((eb: ExpressionBuilder<Database, 'calls'>) =>
        eb.or([
          eb(eb.fn('instr', [eb.fn('lower', ['calls.description']), eb.val(search.toLowerCase())]), '>', 0),
          ...(codes.length > 0 ? [eb('calls.country', 'in', codes)] : []),
        ]),
      );
    }
  }
  return query;
}

/** "2026-03-01 10:00:00~1234": where a call sits in the list's order. */
export const cursorOf = (call: { started_at: string; id: number }): string => `${call.started_at}~${call.id}`;

export function parseCursor(cursor: string): { startedAt: string; id: number } {
  const at = cursor.lastIndexOf('~');
  return { startedAt: cursor.slice(0, at), id: Number(cursor.slice(at + 1)) };
}

/**
 * The calls of one page in reading direction: for the newest-first list, a page "after" a
 * cursor reads older calls down the index, a page "before" it (or the last page) reads up
 * from the other end and is turned round. Returns `limit + 1` rows at most: the extra one
 * says there is more that way.
 */
export function seekPage(filter: CallFilterData, db: Kysely<Database>, order: 'newest' | 'oldest', seek: CallSeek, limit: number): { query: CallQuery; reversed: boolean } {
  const down = order === 'newest';
  let reversed = seek === 'last';
  let query: CallQuery;
  if (typeof seek === 'object') {
    const after = 'after' in seek;
    const { startedAt, id } = parseCursor(after ? seek.after : seek.before);
    reversed = !after;
    // Past the cursor in the direction read: older when reading down, newer when reading up.
    const older = after === down;
    query = filteredCalls(db, filter, { side: older ? 'to' : 'from', startedAt }).where((eb) =>
      eb(eb.refTuple('calls.started_at', 'calls.id'), older ? '<' : '>', eb.tuple(startedAt, id)),
    );
  } else {
    query = filteredCalls(db, filter);
  }
  const descending = down !== reversed;
  const direction = descending ? 'desc' : 'asc';
  return { query: query.orderBy('calls.started_at', direction).orderBy('calls.id', direction).limit(limit + 1), reversed };
}

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
export async function listCalls(db: Kysely<Database>, input: CallListData): Promise<CallPage> {
  const list = input ?? DEFAULT_LIST;
  const { query, reversed } = seekPage(list, db, list.order, list.seek, list.limit);
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

interface TotalsRow {
  calls: bigint;
  answered: bigint | null;
  unrated: bigint | null;
  seconds: bigint | null;
  billed: bigint | null;
  cost: bigint | null;
  sell: bigint | null;
  profit: bigint | null;
}

/** The totals query of a filter (the query-plan test reads its plan). */
export function totalsQuery(db: Kysely<Database>, input: CallFilterData) {
  return filteredCalls(db, input).select((eb) => [
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
 * The whole filter's totals, summed by SQLite as 64-bit integers and read as BigInt: a
 * million calls' micros may pass 2^53. Asked once per filter, not with every page.
 */
export async function callTotals(store: Store, input: CallFilterData): Promise<CallTotals> {
  const compiled = totalsQuery(store.db, input).compile();
  const row = await store.exclusive(() => store.sqlite.prepare(compiled.sql).safeIntegers(true).get(...compiled.parameters) as TotalsRow);
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
