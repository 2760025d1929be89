import type { Kysely } from 'kysely';
import type { Database, PackageRatesTable } from '../../db/schema';
import type { Selectable } from 'kysely';
import type { CustomRateView, SaveRatesData } from '../../preload/schemas/packages';
import type { FieldIssue } from '../../preload/result';
import { classifyDestination, findCustomRateConflicts, type CustomRate } from '../engine';
import { AppError, notFound } from '../errors';
import { rateE8, rateToText } from '../money';
import { countryLabel } from './countries';
import { isoNow, type ServiceContext } from './context';

/** "United Kingdom (+44)", "USA", "Calling code +447 (United Kingdom)". */
export function customRateLabel(rate: Pick<CustomRate, 'scope' | 'value'>): string {
  switch (rate.scope) {
    case 'usa':
      return 'USA';
    case 'canada':
      return 'Canada';
    case 'country':
      return countryLabel(rate.value);
    case 'prefix': {
      const country = classifyDestination(rate.value).countryName;
      return country ? `+${rate.value} (${country})` : `+${rate.value}`;
    }
  }
}

/** The engine names custom rates by id; here the ids are row numbers (1-based). */
function rowWording(message: string): string {
  return message
    .replace(/^Custom rates (\d+) and (\d+)/, (_all, a: string, b: string) => `Rows ${Math.min(Number(a), Number(b))} and ${Math.max(Number(a), Number(b))}`)
    .replace(/^Custom rate (\d+)/, 'Row $1')
    .replace(/\(id (\d+)\)/g, '(row $1)')
    .replace(/ \(the lowest id is used meanwhile\)/, '');
}

function toView(row: Selectable<PackageRatesTable>): CustomRateView {
  return {
    id: row.id,
    scope: row.scope,
    value: row.value,
    label: customRateLabel(row),
    rate: rateToText(rateE8(row.rate_e8)),
    freeZone: row.free_zone === 1,
    description: row.description,
  };
}

async function assertPackage(db: Kysely<Database>, packageId: number): Promise<void> {
  const found = await db.selectFrom('packages').select(['id', 'archived_at']).where('id', '=', packageId).executeTakeFirst();
  if (!found) throw notFound(`Package ${packageId}`);
}

export async function listCustomRates(ctx: ServiceContext, input: { id: number }): Promise<CustomRateView[]> {
  await assertPackage(ctx.db, input.id);
  const rows = await ctx.db.selectFrom('package_rates').selectAll().where('package_id', '=', input.id).orderBy('id').execute();
  return rows.map(toView);
}

/**
 * Replaces a package's custom rates as one set (the Edit Rates screen saves its table).
 * Guide: custom rates override the markup; two rates for the same destinations would make
 * the price depend on luck, so conflicts are refused, naming the rows, and nothing is written.
 */
export async function saveCustomRates(ctx: ServiceContext, input: SaveRatesData): Promise<CustomRateView[]> {
  const normalized = input.rates.map((rate) => ({
    ...rate,
    value: rate.scope === 'country' ? rate.value.toUpperCase() : rate.scope === 'prefix' ? rate.value.replace(/^\+/, '') : '',
  }));
  // Row numbers (1-based) stand in for ids, so messages point at the rows a person sees.
  const asEngineRates: CustomRate[] = normalized.map((rate, index) => ({
    id: index + 1,
    scope: rate.scope,
    value: rate.value,
    rate: rate.rate,
    freeZone: rate.freeZone,
  }));
  const conflicts = findCustomRateConflicts(asEngineRates);
  if (conflicts.length > 0) {
    // Every row involved gets the message, worded with the row numbers a person sees.
    const issues: FieldIssue[] = conflicts.flatMap((conflict) => {
      const message = rowWording(conflict.message);
      return conflict.customRateIds.map((id) => ({ path: `rates.${id - 1}.value`, message }));
    });
    throw new AppError('invalid_input', issues[0]!.message, issues);
  }
  return ctx.db.transaction().execute(async (trx) => {
    await assertPackage(trx, input.packageId);
    await trx.deleteFrom('package_rates').where('package_id', '=', input.packageId).execute();
    if (normalized.length > 0) {
      await trx
        .insertInto('package_rates')
        .values(
          normalized.map((rate) => ({
            package_id: input.packageId,
            scope: rate.scope,
            value: rate.value,
            rate_e8: rate.rate,
            free_zone: rate.freeZone ? (1 as const) : (0 as const),
            description: rate.description,
          })),
        )
        .execute();
    }
    await trx.updateTable('packages').set({ updated_at: isoNow(ctx) }).where('id', '=', input.packageId).execute();
    const rows = await trx.selectFrom('package_rates').selectAll().where('package_id', '=', input.packageId).orderBy('id').execute();
    return rows.map(toView);
  });
}
