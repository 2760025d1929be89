import type { Selectable } from 'kysely';
import type { PackagesTable } from '../../db/schema';
import type { PackageData, PackageUpdateData, PackageView } from '../../preload/schemas/packages';
import { fieldError, notFound } from '../errors';
import { percentE4, percentToText, rateE8, rateToText } from '../money';
import { isoNow, type ServiceContext } from './context';

function toView(row: Selectable<PackagesTable>): PackageView {
  return {
    id: row.id,
    name: row.name,
    markupFixed: rateToText(rateE8(row.markup_fixed_e8)),
    markupPercent: percentToText(percentE4(row.markup_percent_e4)),
    pulseSeconds: row.pulse_seconds,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function assertNameFree(ctx: ServiceContext, name: string, exceptId?: number): Promise<void> {
  // The column is UNIQUE COLLATE NOCASE; checking first gives a field error instead of a constraint error.
  let query = ctx.db.selectFrom('packages').select('id').where('name', '=', name);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  const clash = await query.executeTakeFirst();
  if (clash) throw fieldError('name', `A package named "${name}" already exists`);
}

export async function listPackages(ctx: ServiceContext): Promise<PackageView[]> {
  const rows = await ctx.db.selectFrom('packages').selectAll().orderBy('name').execute();
  return rows.map(toView);
}

export async function getPackage(ctx: ServiceContext, input: { id: number }): Promise<PackageView> {
  const row = await ctx.db.selectFrom('packages').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!row) throw notFound(`Package ${input.id}`);
  return toView(row);
}

export async function createPackage(ctx: ServiceContext, input: PackageData): Promise<PackageView> {
  return ctx.db.transaction().execute(async (trx) => {
    const tx = { ...ctx, db: trx };
    await assertNameFree(tx, input.name);
    const now = isoNow(ctx);
    const row = await trx
      .insertInto('packages')
      .values({
        name: input.name,
        markup_fixed_e8: input.markupFixed,
        markup_percent_e4: input.markupPercent,
        pulse_seconds: input.pulseSeconds,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toView(row);
  });
}

export async function updatePackage(ctx: ServiceContext, input: PackageUpdateData): Promise<PackageView> {
  return ctx.db.transaction().execute(async (trx) => {
    const tx = { ...ctx, db: trx };
    await getPackage(tx, input);
    await assertNameFree(tx, input.name, input.id);
    const row = await trx
      .updateTable('packages')
      .set({
        name: input.name,
        markup_fixed_e8: input.markupFixed,
        markup_percent_e4: input.markupPercent,
        pulse_seconds: input.pulseSeconds,
        updated_at: isoNow(ctx),
      })
      .where('id', '=', input.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toView(row);
  });
}

export async function deletePackage(ctx: ServiceContext, input: { id: number }): Promise<{ id: number }> {
  const result = await ctx.db.deleteFrom('packages').where('id', '=', input.id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw notFound(`Package ${input.id}`);
  return { id: input.id };
}

