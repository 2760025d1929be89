import type { Selectable, Transaction } from 'kysely';
import type { Database, PackagesTable } from '../../db/schema';
import { EXAMPLE_COST_RATE, type ClientService, type SubaccountField } from '../../preload/common/catalog';
import type { PackageData, PackageListItem, PackageUpdateData, PackageView } from '../../preload/schemas/packages';
import { markupRateOf } from '../engine';
import { AppError, fieldError, notFound } from '../errors';
import { micros, moneyToText, parseRate, percentE4, percentToText, rateE8, rateToText } from '../money';
import { isoNow, type ServiceContext } from './context';
import { packageUsage } from './packageUsage';

type PackageRow = Selectable<PackagesTable>;

function parseJsonList<T>(text: string): T[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? (value as T[]) : [];
}

function toView(row: PackageRow, customRateCount: number): PackageView {
  return {
    id: row.id,
    name: row.name,
    markupFixed: rateToText(rateE8(row.markup_fixed_e8)),
    markupPercent: percentToText(percentE4(row.markup_percent_e4)),
    pulseSeconds: row.pulse_seconds,
    canadaRoute: row.canada_route,
    internationalRoute: row.international_route,
    freeOnNet: row.free_on_net === 1,
    monthlyFee: moneyToText(micros(row.monthly_fee_micros)),
    setupFee: moneyToText(micros(row.setup_fee_micros)),
    freeMinutes: row.free_minutes,
    userCanEditSubaccount: row.user_can_edit_subaccount === 1,
    subaccountEditableFields: parseJsonList<SubaccountField>(row.subaccount_editable_fields),
    configurationType: row.configuration_type,
    viewSetting: row.view_setting,
    services: parseJsonList<ClientService>(row.services),
    customRateCount,
    archived: row.archived_at !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Form fields → columns; only the fields given (an update changes what it sends). */
function toColumns(input: Partial<PackageData>) {
  const flag = (value: boolean | undefined) => (value === undefined ? undefined : value ? (1 as const) : (0 as const));
  const columns = {
    name: input.name,
    markup_fixed_e8: input.markupFixed,
    markup_percent_e4: input.markupPercent,
    pulse_seconds: input.pulseSeconds,
    canada_route: input.canadaRoute,
    international_route: input.internationalRoute,
    free_on_net: flag(input.freeOnNet),
    monthly_fee_micros: input.monthlyFee,
    setup_fee_micros: input.setupFee,
    free_minutes: input.freeMinutes,
    user_can_edit_subaccount: flag(input.userCanEditSubaccount),
    subaccount_editable_fields: input.subaccountEditableFields && JSON.stringify(input.subaccountEditableFields),
    configuration_type: input.configurationType,
    view_setting: input.viewSetting,
    services: input.services && JSON.stringify(input.services),
  };
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined)) as Partial<typeof columns>;
}

async function assertNameFree(trx: Transaction<Database>, name: string, exceptId?: number): Promise<void> {
  // The column is UNIQUE COLLATE NOCASE; checking first gives a field error instead of a constraint error.
  let query = trx.selectFrom('packages').select('id').where('name', '=', name);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw fieldError('name', `A package named "${name}" already exists`);
}

async function readView(db: ServiceContext['db'], id: number): Promise<PackageView> {
  const row = await db.selectFrom('packages').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Package ${id}`);
  const { count } = await db
    .selectFrom('package_rates')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('package_id', '=', id)
    .executeTakeFirstOrThrow();
  return toView(row, Number(count));
}

/** What the markup of a package makes of the guide's example cost: the list's tooltip, priced by the engine. */
function exampleSellRateOf(row: PackageRow): string {
  const cost = parseRate(EXAMPLE_COST_RATE);
  if (!cost.ok) throw new Error(`EXAMPLE_COST_RATE: ${cost.message}`);
  return rateToText(markupRateOf({ markupFixed: rateE8(row.markup_fixed_e8), markupPercent: percentE4(row.markup_percent_e4) }, cost.value));
}

export async function listPackages(ctx: ServiceContext, input?: { includeArchived?: boolean }): Promise<PackageListItem[]> {
  let query = ctx.db
    .selectFrom('packages')
    .selectAll('packages')
    .select((eb) =>
      eb
        .selectFrom('package_rates')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('package_rates.package_id', '=', 'packages.id')
        .as('custom_rate_count'),
    )
    .orderBy('name');
  if (!input?.includeArchived) query = query.where('archived_at', 'is', null);
  const rows = await query.execute();
  return rows.map((row) => ({ ...toView(row, Number(row.custom_rate_count ?? 0)), exampleSellRate: exampleSellRateOf(row) }));
}

export const getPackage = (ctx: ServiceContext, input: { id: number }): Promise<PackageView> => readView(ctx.db, input.id);

export async function createPackage(ctx: ServiceContext, input: PackageData): Promise<PackageView> {
  return ctx.db.transaction().execute(async (trx) => {
    await assertNameFree(trx, input.name);
    const now = isoNow(ctx);
    const { id } = await trx
      .insertInto('packages')
      .values({
        name: input.name,
        markup_fixed_e8: input.markupFixed,
        markup_percent_e4: input.markupPercent,
        pulse_seconds: input.pulseSeconds,
        ...toColumns(input),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return readView(trx, id);
  });
}

export async function updatePackage(ctx: ServiceContext, input: PackageUpdateData): Promise<PackageView> {
  return ctx.db.transaction().execute(async (trx) => {
    const { id, ...fields } = input;
    const current = await readView(trx, id);
    if (current.archived) throw new AppError('conflict', `Package "${current.name}" is archived and cannot be edited`);
    if (fields.name !== undefined) await assertNameFree(trx, fields.name, id);
    await trx
      .updateTable('packages')
      .set({ ...toColumns(fields), updated_at: isoNow(ctx) })
      .where('id', '=', id)
      .execute();
    return readView(trx, id);
  });
}

/**
 * Guide: a package connected to a client cannot go ("unconnect first"). One that was
 * ever connected (its fees sit in ledgers) or that rated calls is archived instead of
 * deleted, so that history still explains its prices.
 */
export async function deletePackage(ctx: ServiceContext, input: { id: number }): Promise<{ id: number; archived: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    const pkg = await readView(trx, input.id);
    const usage = await packageUsage(trx, input.id);
    if (usage.connectedClients.length > 0) {
      throw new AppError(
        'conflict',
        `Package "${pkg.name}" is connected to ${usage.connectedClients.join(', ')}. Unconnect it from these clients first.`,
      );
    }
    if (usage.ratedCalls > 0 || usage.everConnected > 0) {
      await trx.updateTable('packages').set({ archived_at: isoNow(ctx), updated_at: isoNow(ctx) }).where('id', '=', input.id).execute();
      return { id: input.id, archived: true };
    }
    await trx.deleteFrom('packages').where('id', '=', input.id).execute();
    return { id: input.id, archived: false };
  });
}
