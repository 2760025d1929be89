import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { CustomRate, RatingPackage } from '../engine';
import { notFound } from '../errors';
import { percentE4, rateE8 } from '../money';

/** Reads a package and its custom rates as the pure engine wants them. */
export async function loadRatingPackage(db: Kysely<Database>, packageId: number): Promise<RatingPackage> {
  const row = await db.selectFrom('packages').selectAll().where('id', '=', packageId).executeTakeFirst();
  if (!row) throw notFound(`Package ${packageId}`);
  const rates = await db.selectFrom('package_rates').selectAll().where('package_id', '=', packageId).orderBy('id').execute();
  const customRates: CustomRate[] = rates.map((rate) => ({
    id: rate.id,
    scope: rate.scope,
    value: rate.value,
    rate: rateE8(rate.rate_e8),
    freeZone: rate.free_zone === 1,
  }));
  return {
    id: row.id,
    markupFixed: rateE8(row.markup_fixed_e8),
    markupPercent: percentE4(row.markup_percent_e4),
    pulseSeconds: row.pulse_seconds,
    freeOnNet: row.free_on_net === 1,
    freeMinutes: row.free_minutes,
    customRates,
  };
}

