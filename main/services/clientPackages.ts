import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { ClientPackageView, ConnectPackageData } from '../../preload/schemas/clients';
import { newConnectionCycle, setupFeeEntry } from '../engine/billingRun';
import { localDate } from './clock';
import { AppError, fieldError, notFound } from '../errors';
import { micros, moneyToText } from '../money';
import { clientName, openClient } from './clients';
import { isoNow, type ServiceContext } from './context';
import { moneyDoor } from './ledger';

/**
 * Connects a package to a client inside an open transaction (also used by sub account
 * creation). Guide: "charge the set up fees now" — otherwise the setup fee waits for
 * the first billing cycle.
 */
export async function connectPackageInTransaction(
  trx: Transaction<Database>,
  ctx: ServiceContext,
  input: ConnectPackageData,
): Promise<number> {
  await openClient(trx, input.clientId);
  const pkg = await trx.selectFrom('packages').selectAll().where('id', '=', input.packageId).executeTakeFirst();
  if (!pkg) throw fieldError('packageId', `Package ${input.packageId} does not exist`);
  if (pkg.archived_at !== null) throw fieldError('packageId', `Package "${pkg.name}" is archived`);
  const today = localDate(ctx.now());
  if (input.nextBillingDate < today) {
    throw fieldError('nextBillingDate', `The next billing date cannot be in the past (today is ${today})`);
  }
  const now = isoNow(ctx);
  const cycle = newConnectionCycle(today, input.nextBillingDate, pkg.setup_fee_micros, input.chargeSetupNow);
  const { id } = await trx
    .insertInto('client_packages')
    .values({
      client_id: input.clientId,
      package_id: input.packageId,
      billing_day: cycle.billingDay,
      next_billing_date: cycle.nextBillingDate,
      cycle_start_date: cycle.cycleStartDate,
      setup_fee_pending: cycle.setupFeePending ? 1 : 0,
      connected_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (cycle.chargeSetupNow) {
    const connection = { clientPackageId: id, clientId: input.clientId, packageName: pkg.name, setupFee: micros(pkg.setup_fee_micros) };
    await moneyDoor(ctx.store).post(trx, setupFeeEntry(connection, today), now);
  }
  return id;
}

export async function connectPackage(ctx: ServiceContext, input: ConnectPackageData): Promise<ClientPackageView[]> {
  await ctx.db.transaction().execute((trx) => connectPackageInTransaction(trx, ctx, input));
  return clientPackages(ctx, input.clientId);
}

/** Guide: unconnect from the Manage section. Refused while DIDs or sub accounts still use the connection. */
export async function disconnectPackage(ctx: ServiceContext, input: { id: number }): Promise<ClientPackageView[]> {
  const clientId = await ctx.db.transaction().execute(async (trx) => {
    const connection = await trx
      .selectFrom('client_packages')
      .innerJoin('packages', 'packages.id', 'client_packages.package_id')
      .select(['client_packages.id', 'client_packages.client_id', 'client_packages.disconnected_at', 'packages.name'])
      .where('client_packages.id', '=', input.id)
      .executeTakeFirst();
    if (!connection || connection.disconnected_at !== null) throw notFound(`Connected package ${input.id}`);
    const dids = await trx
      .selectFrom('did_assignments')
      .innerJoin('dids', 'dids.id', 'did_assignments.did_id')
      .select('dids.number')
      .where('client_package_id', '=', input.id)
      .where('unassigned_at', 'is', null)
      .execute();
    const subaccounts = await trx
      .selectFrom('subaccounts')
      .select('username')
      .where('client_package_id', '=', input.id)
      .where('deleted_at', 'is', null)
      .execute();
    const using = [...dids.map((row) => `DID +${row.number}`), ...subaccounts.map((row) => `sub account ${row.username}`)];
    if (using.length > 0) {
      const client = await openClient(trx, connection.client_id);
      throw new AppError('conflict', `Package "${connection.name}" of ${clientName(client)} is used by ${using.join(', ')}. Unconnect them first.`);
    }
    await trx.updateTable('client_packages').set({ disconnected_at: isoNow(ctx) }).where('id', '=', input.id).execute();
    return connection.client_id;
  });
  return clientPackages(ctx, clientId);
}

export async function clientPackages(ctx: ServiceContext, clientId: number): Promise<ClientPackageView[]> {
  const rows = await ctx.db
    .selectFrom('client_packages')
    .innerJoin('packages', 'packages.id', 'client_packages.package_id')
    .select([
      'client_packages.id',
      'client_packages.package_id',
      'packages.name',
      'packages.monthly_fee_micros',
      'packages.setup_fee_micros',
      'client_packages.next_billing_date',
      'client_packages.cycle_start_date',
      'client_packages.setup_fee_pending',
      'client_packages.connected_at',
    ])
    .where('client_packages.client_id', '=', clientId)
    .where('client_packages.disconnected_at', 'is', null)
    .orderBy('client_packages.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    packageId: row.package_id,
    packageName: row.name,
    nextBillingDate: row.next_billing_date,
    cycleStartDate: row.cycle_start_date,
    setupFeePending: row.setup_fee_pending === 1,
    setupFee: moneyToText(micros(row.setup_fee_micros)),
    monthlyFee: moneyToText(micros(row.monthly_fee_micros)),
    connectedAt: row.connected_at,
  }));
}
