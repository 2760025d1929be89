import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { DidReport, DidReportRow, SubaccountReportRow } from '../../../preload/schemas/reports';
import { rateE8, rateToText } from '../../money';
import { clientName } from '../clients';
import { moneyText } from './months';

/** Sub accounts report (guide): every sub account with its client, package and the DIDs of that client package. */
export async function subaccountsReport(db: Kysely<Database>): Promise<SubaccountReportRow[]> {
  const rows = await db
    .selectFrom('subaccounts')
    .leftJoin('clients', 'clients.id', 'subaccounts.client_id')
    .leftJoin('client_packages', 'client_packages.id', 'subaccounts.client_package_id')
    .leftJoin('packages', 'packages.id', 'client_packages.package_id')
    .select([
      'subaccounts.id',
      'subaccounts.username',
      'subaccounts.description',
      'subaccounts.client_package_id',
      'clients.id as client_id',
      'clients.first_name',
      'clients.last_name',
      'clients.company',
      'packages.name as package_name',
    ])
    .where('subaccounts.deleted_at', 'is', null)
    .orderBy('subaccounts.username')
    .execute();
  const assigned = await db
    .selectFrom('did_assignments')
    .innerJoin('dids', 'dids.id', 'did_assignments.did_id')
    .select(['did_assignments.client_package_id', 'dids.number'])
    .where('did_assignments.unassigned_at', 'is', null)
    .orderBy('dids.number')
    .execute();
  const didsOf = new Map<number, string[]>();
  for (const row of assigned) didsOf.set(row.client_package_id, [...(didsOf.get(row.client_package_id) ?? []), row.number]);
  return rows.map((row) => ({
    subaccountId: row.id,
    username: row.username,
    description: row.description,
    clientId: row.client_id,
    clientName: row.client_id === null ? null : clientName({ first_name: row.first_name ?? '', last_name: row.last_name ?? '', company: row.company ?? '' }),
    packageName: row.package_name,
    dids: row.client_package_id === null ? [] : (didsOf.get(row.client_package_id) ?? []),
  }));
}

/** The inbound calls of each DID in a month (call_did_totals). */
export function didTotalsQuery(db: Kysely<Database>, month: string) {
  return db.selectFrom('call_did_totals').select(['did_number', 'calls', 'seconds', 'charge_micros']).where('month', '=', month);
}

/** DID report (guide): every DID of the inventory, its client, package, rate and fee, and its calls of the month. */
export async function didsReport(db: Kysely<Database>, month: string): Promise<DidReport> {
  const rows = await db
    .selectFrom('dids')
    .leftJoin('did_assignments', (join) => join.onRef('did_assignments.did_id', '=', 'dids.id').on('did_assignments.unassigned_at', 'is', null))
    .leftJoin('clients', 'clients.id', 'did_assignments.client_id')
    .leftJoin('client_packages', 'client_packages.id', 'did_assignments.client_package_id')
    .leftJoin('packages', 'packages.id', 'client_packages.package_id')
    .select([
      'dids.id',
      'dids.number',
      'clients.id as client_id',
      'clients.first_name',
      'clients.last_name',
      'clients.company',
      'packages.name as package_name',
      'did_assignments.minute_rate_e8',
      'did_assignments.monthly_fee_micros',
    ])
    .where('dids.removed_at', 'is', null)
    .orderBy('dids.number')
    .execute();
  const totals = new Map((await didTotalsQuery(db, month).execute()).map((row) => [row.did_number, row]));
  const total = { calls: 0, seconds: 0, revenue: 0, monthlyFees: 0 };
  const reportRows = rows.map((row): DidReportRow => {
    const calls = totals.get(row.number);
    total.calls += calls?.calls ?? 0;
    total.seconds += calls?.seconds ?? 0;
    total.revenue += calls?.charge_micros ?? 0;
    total.monthlyFees += row.monthly_fee_micros ?? 0;
    return {
      didId: row.id,
      number: row.number,
      clientId: row.client_id,
      clientName: row.client_id === null ? null : clientName({ first_name: row.first_name ?? '', last_name: row.last_name ?? '', company: row.company ?? '' }),
      packageName: row.package_name,
      minuteRate: row.minute_rate_e8 === null ? null : rateToText(rateE8(row.minute_rate_e8)),
      monthlyFee: row.monthly_fee_micros === null ? null : moneyText(row.monthly_fee_micros),
      calls: calls?.calls ?? 0,
      seconds: calls?.seconds ?? 0,
      revenue: moneyText(calls?.charge_micros ?? 0),
    };
  });
  return {
    month,
    rows: reportRows,
    total: { calls: total.calls, seconds: total.seconds, revenue: moneyText(total.revenue), monthlyFees: moneyText(total.monthlyFees) },
  };
}
