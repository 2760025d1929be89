import type { ReconciliationDayView, ReconciliationRowView, ReconciliationView } from '../../../preload/schemas/sync';
import { addDays } from '../../engine/cdrWindows';
import { nextDay } from '../../engine/billingDates';
import { micros, moneyToText } from '../../money';
import { clientName } from '../../services/clients';
import { isoNow, type ServiceContext } from '../../services/context';
import type { Provider } from '../provider';
import { failureOf, type PullFailure } from './ask';
import { linkedOpenClients } from './state';
import { listField, moneyField, objectField, text } from './wire';

/** Days of calls compared when balances differ: getResellerBalance's statistics cover the last 30 days and today. */
export const RECONCILE_DAYS = 31;

/** One day of reconciliation.explanation (JSON), in integer micros. */
export interface ReconciliationDayRow {
  day: string;
  onlyAtProvider: number;
  providerTotalMicros: number;
  onlyHere: number;
  localChargeMicros: number;
}

export interface ReconcileOptions {
  today: string;
  timezone: number;
}

/**
 * Balances (issue 12): each linked client's balance here against getResellerBalance's
 * current_balance. Where they differ, the calls of the last RECONCILE_DAYS days on both
 * sides say why, by day: calls the provider has that were never imported here (and what
 * the provider charged), and calls here the provider did not list. Kept in
 * `reconciliation` for the Reconciliation page.
 */
export async function reconcileBalances(
  ctx: ServiceContext,
  provider: Provider,
  options: ReconcileOptions,
): Promise<{ checked: number; differing: number; failures: PullFailure[] }> {
  const clients = await linkedOpenClients(ctx.db);
  const failures: PullFailure[] = [];
  let checked = 0;
  let differing = 0;
  const window = { from: addDays(options.today, -(RECONCILE_DAYS - 1)), to: options.today };
  for (const client of clients) {
    const providerId = client.provider_id;
    let providerBalance: number;
    try {
      const reply = await provider.call('getResellerBalance', { client: providerId });
      providerBalance = moneyField(objectField(reply, 'balance')['current_balance']);
    } catch (error) {
      const failure = failureOf(error, `getResellerBalance for client ${providerId}`);
      failures.push(failure);
      if (failure.kind === 'permanent' && !failure.status.endsWith('client')) break;
      continue;
    }
    // Read after the provider answered: the two figures are as close in time as they can be.
    const { balance_micros: localBalance } = await ctx.db.selectFrom('clients').select('balance_micros').where('id', '=', client.id).executeTakeFirstOrThrow();
    let days: ReconciliationDayRow[] = [];
    if (localBalance !== providerBalance) {
      differing += 1;
      try {
        days = await explainDifference(ctx, provider, client.id, providerId, window, options.timezone);
      } catch (error) {
        failures.push(failureOf(error, `getResellerCDR for client ${providerId}, ${window.from} to ${window.to}`));
      }
    }
    checked += 1;
    const row = {
      local_balance_micros: localBalance,
      provider_balance_micros: providerBalance,
      checked_at: isoNow(ctx),
      window_from: window.from,
      window_to: window.to,
      explanation: JSON.stringify(days),
    };
    await ctx.db
      .insertInto('reconciliation')
      .values({ client_id: client.id, ...row })
      .onConflict((conflict) => conflict.column('client_id').doUpdateSet(row))
      .execute();
  }
  // A client no longer linked (closed, unlinked) is no longer compared.
  await ctx.db
    .deleteFrom('reconciliation')
    .where('client_id', 'not in', (eb) => eb.selectFrom('clients').select('id').where('provider_id', 'is not', null).where('status', '!=', 'closed'))
    .execute();
  return { checked, differing, failures };
}

const ID_CHUNK = 500;

async function explainDifference(
  ctx: ServiceContext,
  provider: Provider,
  clientId: number,
  providerId: string,
  window: { from: string; to: string },
  timezone: number,
): Promise<ReconciliationDayRow[]> {
  const reply = await provider.call('getResellerCDR', {
    client: providerId,
    date_from: window.from,
    date_to: window.to,
    timezone,
    answered: 1,
    noanswer: 1,
    busy: 1,
    failed: 1,
  });
  const atProvider = new Map<string, { day: string; total: number }>();
  for (const record of listField(reply, 'cdr')) {
    const callId = text(record['uniqueid']);
    if (callId !== '') atProvider.set(callId, { day: text(record['date']).slice(0, 10), total: moneyField(record['total']) });
  }
  // Imported here under any client (or none: an unrated call is still imported).
  const here = new Set<string>();
  const ids = [...atProvider.keys()];
  for (let start = 0; start < ids.length; start += ID_CHUNK) {
    const rows = await ctx.db.selectFrom('calls').select('call_id').where('call_id', 'in', ids.slice(start, start + ID_CHUNK)).execute();
    for (const row of rows) here.add(row.call_id);
  }
  const localCalls = await ctx.db
    .selectFrom('calls')
    .select(['call_id', 'started_at', 'charge_micros'])
    .where('client_id', '=', clientId)
    .where('started_at', '>=', window.from)
    .where('started_at', '<', nextDay(window.to))
    .execute();
  const byDay = new Map<string, ReconciliationDayRow>();
  const dayRow = (day: string): ReconciliationDayRow => {
    let row = byDay.get(day);
    if (!row) {
      row = { day, onlyAtProvider: 0, providerTotalMicros: 0, onlyHere: 0, localChargeMicros: 0 };
      byDay.set(day, row);
    }
    return row;
  };
  for (const [callId, call] of atProvider) {
    if (here.has(callId)) continue;
    const row = dayRow(call.day);
    row.onlyAtProvider += 1;
    row.providerTotalMicros += call.total;
  }
  for (const call of localCalls) {
    if (atProvider.has(call.call_id)) continue;
    const row = dayRow(call.started_at.slice(0, 10));
    row.onlyHere += 1;
    row.localChargeMicros += call.charge_micros;
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** The Reconciliation page: clients whose balances differ (largest difference first), and how many agree. */
export async function reconciliationView(ctx: ServiceContext): Promise<ReconciliationView> {
  const rows = await ctx.db
    .selectFrom('reconciliation')
    .innerJoin('clients', 'clients.id', 'reconciliation.client_id')
    .selectAll('reconciliation')
    .select(['clients.first_name', 'clients.last_name', 'clients.company', 'clients.provider_id'])
    .execute();
  const checkedAt = rows.reduce<string | null>((latest, row) => (latest === null || row.checked_at > latest ? row.checked_at : latest), null);
  const differing = rows
    .filter((row) => row.local_balance_micros !== row.provider_balance_micros)
    .map((row) => {
      const gap = row.local_balance_micros - row.provider_balance_micros;
      const days = (JSON.parse(row.explanation) as ReconciliationDayRow[]).map(
        (day): ReconciliationDayView => ({
          day: day.day,
          onlyAtProvider: day.onlyAtProvider,
          providerTotal: moneyToText(micros(day.providerTotalMicros)),
          onlyHere: day.onlyHere,
          localCharge: moneyToText(micros(day.localChargeMicros)),
        }),
      );
      const view: ReconciliationRowView = {
        clientId: row.client_id,
        clientName: clientName(row),
        providerId: row.provider_id ?? '',
        localBalance: moneyToText(micros(row.local_balance_micros)),
        providerBalance: moneyToText(micros(row.provider_balance_micros)),
        difference: moneyToText(micros(gap)),
        checkedAt: row.checked_at,
        windowFrom: row.window_from,
        windowTo: row.window_to,
        days,
      };
      return { gap, view };
    })
    // The largest difference first.
    .sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap) || a.view.clientName.localeCompare(b.view.clientName));
  return {
    checkedAt,
    inStep: rows.length - differing.length,
    differences: differing.map((entry) => entry.view),
  };
}
