import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { Store } from '../../../db/open';
import type { Database } from '../../../db/schema';
import type { CallFilterData, CallSeek } from '../../../preload/schemas/calls';
import { countryOptions } from '../countries';

/**
 * The Global CDR and a client's CDR (issue 11): one filter for a page, the totals and the
 * export. Pages are read by keyset (seek) on (started_at, id), never by OFFSET, so the
 * last page of a million calls is read from the other end as fast as the first. The
 * indexes they use are in db/migrations/012_cdr_indexes.ts.
 */
export type CallFilter = NonNullable<CallFilterData>;
export type CallQuery = SelectQueryBuilder<Database, 'calls', object>;
/** Where the calls are read (issue 16): the store's queries, and which SQL its few functions speak. */
export type CallSource = Pick<Store, 'db' | 'dialect'>;
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
export function filteredCalls(source: CallSource, input: CallFilterData, cursor?: CursorBound): CallQuery {
  const filter = input ?? NO_FILTER;
  let query: CallQuery = source.db.selectFrom('calls');
  // Where a text holds another: SQLite's instr(haystack, needle), PostgreSQL's strpos (same arguments, same answer).
  const position = source.dialect === 'postgres' ? 'strpos' : 'instr';
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
      query = query.where((eb) => eb(eb.fn(position, ['calls.destination', eb.val(digits)]), '>', 0));
    } else {
      const codes = countriesMatching(search);
      query = query.where((eb: ExpressionBuilder<Database, 'calls'>) =>
        eb.or([
          eb(eb.fn(position, [eb.fn('lower', ['calls.description']), eb.val(search.toLowerCase())]), '>', 0),
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
export function seekPage(filter: CallFilterData, source: CallSource, order: 'newest' | 'oldest', seek: CallSeek, limit: number): { query: CallQuery; reversed: boolean } {
  const down = order === 'newest';
  let reversed = seek === 'last';
  let query: CallQuery;
  if (typeof seek === 'object') {
    const after = 'after' in seek;
    const { startedAt, id } = parseCursor(after ? seek.after : seek.before);
    reversed = !after;
    // Past the cursor in the direction read: older when reading down, newer when reading up.
    const older = after === down;
    query = filteredCalls(source, filter, { side: older ? 'to' : 'from', startedAt }).where((eb) =>
      eb(eb.refTuple('calls.started_at', 'calls.id'), older ? '<' : '>', eb.tuple(startedAt, id)),
    );
  } else {
    query = filteredCalls(source, filter);
  }
  const descending = down !== reversed;
  const direction = descending ? 'desc' : 'asc';
  return { query: query.orderBy('calls.started_at', direction).orderBy('calls.id', direction).limit(limit + 1), reversed };
}
