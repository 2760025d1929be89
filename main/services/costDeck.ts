import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import type { Database, Route } from '../../db/schema';
import type { CostDeckSummary, CostImportResult } from '../../preload/schemas/pricing';
import { costDeckEntryFor, readCostDeck } from '../engine/costDeck';
import { AppError } from '../errors';
import type { RateE8 } from '../money';
import { isoNow, type ServiceContext } from './context';

/**
 * The cost deck: the provider's termination rates to the reseller, per route (Value /
 * Premium), as the portal exports them: destination, prefix, rate, increment. Lines are
 * read and keyed by main/engine/costDeck.ts (USA and Canada both under `1` are two lines);
 * every line not kept is reported with its line number and why; good lines still import.
 */
const COLUMNS = ['destination', 'prefix', 'rate', 'increment'] as const;

/** Why an import took nothing in, or null when it imported lines. */
function importFailure(total: number, imported: number): string | null {
  if (imported > 0) return null;
  if (total === 0) return 'Nothing was imported: the file has no rate lines after its header.';
  return `Nothing was imported: ${total === 1 ? 'its one line was' : `all ${total} lines were`} refused.`;
}

export async function importCostDeck(
  ctx: ServiceContext,
  input: { route: Route; csv: string; replace: boolean },
): Promise<CostImportResult> {
  let records: Record<string, string>[];
  try {
    records = parse(input.csv, {
      bom: true,
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      info: false,
    });
  } catch (error) {
    throw new AppError('invalid_input', `The file is not a readable CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  const header = Object.keys(records[0] ?? {});
  const missing = COLUMNS.filter((column) => column !== 'increment' && !header.includes(column));
  if (records.length > 0 && missing.length > 0) {
    throw new AppError('invalid_input', `The CSV needs the columns ${COLUMNS.join(', ')}; missing: ${missing.join(', ')}`);
  }
  const { lines, dropped } = readCostDeck(records);
  // Nothing to import is a failure, and it must not cost the reseller the deck they had:
  // "replace" with no good line would have emptied the route.
  if (lines.length > 0) {
    const importedAt = isoNow(ctx);
    await ctx.db.transaction().execute(async (trx) => {
      if (input.replace) await trx.deleteFrom('cost_rates').where('route', '=', input.route).execute();
      for (let start = 0; start < lines.length; start += 500) {
        await trx
          .insertInto('cost_rates')
          .values(
            lines.slice(start, start + 500).map((line) => ({
              route: input.route,
              prefix: line.prefix,
              region: line.region,
              destination: line.destination,
              rate_e8: line.rate,
              increment_seconds: line.increment,
              imported_at: importedAt,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['route', 'prefix', 'region']).doUpdateSet((eb) => ({
              destination: eb.ref('excluded.destination'),
              rate_e8: eb.ref('excluded.rate_e8'),
              increment_seconds: eb.ref('excluded.increment_seconds'),
              imported_at: eb.ref('excluded.imported_at'),
            })),
          )
          .execute();
      }
    });
  }
  return {
    route: input.route,
    imported: lines.length,
    rejected: dropped,
    total: records.length,
    failure: importFailure(records.length, lines.length),
  };
}

export async function costDeckSummary(ctx: ServiceContext): Promise<CostDeckSummary[]> {
  const rows = await ctx.db
    .selectFrom('cost_rates')
    .select((eb) => ['route', eb.fn.countAll<number>().as('prefixes'), eb.fn.max('imported_at').as('importedAt')])
    .groupBy('route')
    .execute();
  return (['value', 'premium'] as const).map((route) => {
    const row = rows.find((candidate) => candidate.route === route);
    return { route, prefixes: Number(row?.prefixes ?? 0), importedAt: row?.importedAt ?? null };
  });
}

export interface CostLookup {
  destination: string;
  prefix: string;
  region: string;
  rate: RateE8;
  increment: number;
}

/** The deck line of a route that prices `digits` (a number of NANP country `region`, or null): see costDeckEntryFor. */
export async function lookupCost(db: Kysely<Database>, route: Route, digits: string, region: string | null): Promise<CostLookup | null> {
  const candidates = Array.from({ length: Math.min(digits.length, 15) }, (_, index) => digits.slice(0, index + 1));
  if (candidates.length === 0) return null;
  const rows = await db
    .selectFrom('cost_rates')
    .select(['destination', 'prefix', 'region', 'rate_e8', 'increment_seconds'])
    .where('route', '=', route)
    .where('prefix', 'in', candidates)
    .execute();
  const row = costDeckEntryFor(rows, digits, region);
  return row
    ? { destination: row.destination, prefix: row.prefix, region: row.region, rate: row.rate_e8 as RateE8, increment: row.increment_seconds }
    : null;
}
