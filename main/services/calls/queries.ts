import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { CallListData, CallPage, CallView } from '../../../preload/schemas/calls';
import { micros, moneyToText, rateE8, rateToText } from '../../money';
import { clientName } from '../clients';

const EMPTY_FILTER: NonNullable<CallListData> = { status: 'all', limit: 100, offset: 0 };

/** Global CDR / per-client CDR: newest first, a page at a time. */
export async function listCalls(db: Kysely<Database>, input: CallListData): Promise<CallPage> {
  const filter = input ?? EMPTY_FILTER;
  let query = db.selectFrom('calls').leftJoin('clients', 'clients.id', 'calls.client_id');
  if (filter.clientId !== undefined) query = query.where('calls.client_id', '=', filter.clientId);
  if (filter.from !== undefined) query = query.where('calls.started_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('calls.started_at', '<', `${filter.to} 99`);
  if (filter.status !== 'all') query = query.where('calls.status', '=', filter.status);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll('calls')
    .select(['clients.first_name', 'clients.last_name', 'clients.company'])
    .orderBy('calls.started_at', 'desc')
    .orderBy('calls.call_id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return {
    total: Number(total),
    rows: rows.map(
      (row): CallView => ({
        id: row.id,
        callId: row.call_id,
        startedAt: row.started_at,
        account: row.account,
        clientId: row.client_id,
        clientName: row.first_name === null ? null : clientName({ first_name: row.first_name, last_name: row.last_name ?? '', company: row.company ?? '' }),
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
      }),
    ),
  };
}
