import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import type { Database, Route } from '../../db/schema';
import type { CostDeckSummary, CostImportResult, RejectedLine } from '../../preload/schemas/pricing';
import { AppError } from '../errors';
import { parseRate, type RateE8 } from '../money';
import { isoNow, type ServiceContext } from './context';
import { LIMIT_TEXT, MAX_RATE_E8 } from '../../preload/common/limits';

/**
 * The cost deck: the provider's termination rates to the reseller, per route (Value /
 * Premium), as the portal exports them: destination, prefix, rate, increment.
 * Bad lines are reported with their line number; good lines still import.
 */
const COLUMNS = ['destination', 'prefix', 'rate', 'increment'] as const;

interface CostRow {
  destination: string;
  prefix: string;
  rate: RateE8;
  increment: number;
}

function parseLine(record: Record<string, string>): CostRow | string {
  const destination = (record.destination ?? '').trim();
  const prefix = (record.prefix ?? '').trim().replace(/^\+/, '');
  if (!/^\d{1,15}$/.test(prefix)) return `prefix "${record.prefix ?? ''}" is not digits`;
  const rate = parseRate(record.rate ?? '');
  if (!rate.ok) return `rate: ${rate.message}`;
  if (rate.value < 0) return 'rate cannot be negative';
  if (rate.value > MAX_RATE_E8) return `rate: at most ${LIMIT_TEXT.rate} a minute`;
  const incrementText = (record.increment ?? '').trim() || '6';
  // Digits only: Number() would read "1e1" as 10 and "0x10" as 16.
  const increment = /^\d{1,4}$/.test(incrementText) ? Number(incrementText) : Number.NaN;
  if (!Number.isInteger(increment) || increment < 1 || increment > 3600) return `increment "${record.increment ?? ''}" is not whole seconds`;
  return { destination: destination || `+${prefix}`, prefix, rate: rate.value, increment };
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
  const rejected: RejectedLine[] = [];
  const good = new Map<string, CostRow>();
  records.forEach((record, index) => {
    const line = index + 2; // line 1 is the header
    const row = parseLine(record);
    if (typeof row === 'string') rejected.push({ line, reason: row });
    else good.set(row.prefix, row); // a later line for the same prefix wins, as in a spreadsheet
  });
  const importedAt = isoNow(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    if (input.replace) await trx.deleteFrom('cost_rates').where('route', '=', input.route).execute();
    const rows = [...good.values()];
    for (let start = 0; start < rows.length; start += 500) {
      await trx
        .insertInto('cost_rates')
        .values(
          rows.slice(start, start + 500).map((row) => ({
            route: input.route,
            prefix: row.prefix,
            destination: row.destination,
            rate_e8: row.rate,
            increment_seconds: row.increment,
            imported_at: importedAt,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['route', 'prefix']).doUpdateSet((eb) => ({
            destination: eb.ref('excluded.destination'),
            rate_e8: eb.ref('excluded.rate_e8'),
            increment_seconds: eb.ref('excluded.increment_seconds'),
            imported_at: eb.ref('excluded.imported_at'),
          })),
        )
        .execute();
    }
  });
  return { route: input.route, imported: good.size, rejected, total: records.length };
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
  rate: RateE8;
  increment: number;
}

/** The deck's longest prefix of `digits` on a route. */
export async function lookupCost(db: Kysely<Database>, route: Route, digits: string): Promise<CostLookup | null> {
  const candidates = Array.from({ length: Math.min(digits.length, 15) }, (_, index) => digits.slice(0, index + 1));
  if (candidates.length === 0) return null;
  const row = await db
    .selectFrom('cost_rates')
    .select(['destination', 'prefix', 'rate_e8', 'increment_seconds'])
    .where('route', '=', route)
    .where('prefix', 'in', candidates)
    .orderBy((eb) => eb.fn('length', ['prefix']), 'desc')
    .executeTakeFirst();
  return row ? { destination: row.destination, prefix: row.prefix, rate: row.rate_e8 as RateE8, increment: row.increment_seconds } : null;
}
