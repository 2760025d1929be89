import { stringify } from 'csv-stringify/sync';
import type { Route } from '../../db/schema';
import type { PreviewData } from '../../preload/schemas/pricing';
import type { PriceListFile, PricePreview, PriceUnknown } from '../../preload/schemas/pricing';
import { ROUTE_LABELS } from '../../preload/common/catalog';
import {
  classifyDestination,
  compilePackage,
  markupRateOf,
  matchSellRate,
  chargeFor,
  rateCall,
  roundUpToPulse,
  type RatedCall,
} from '../engine';
import { costDeckKey, costDeckSampleNumber, destinationLabel } from '../engine/costDeck';
import { sellRateNeedsCost } from '../engine/costRate';
import { AppError, notFound } from '../errors';
import { micros, moneyToText, rateE8, rateToText, type RateE8 } from '../money';
import type { ServiceContext } from './context';
import { lookupCost } from './costDeck';
import { customRateLabel } from './packageRates';
import { loadRatingPackage } from './ratingPackage';

/** The provider bills the reseller in 6-second steps for most destinations (voipms-api.md). */
const PROVIDER_DEFAULT_INCREMENT = 6;

const RULE_TEXT: Record<RatedCall['rule'], string> = {
  unanswered: 'Unanswered calls cost nothing.',
  zero_seconds: 'A zero-second call costs nothing.',
  on_net_free: 'Free on-net: a call to a USA/Canada number on the provider network is free with this package.',
  custom_rate: 'A custom rate of the package overrides the markup.',
  markup: 'No custom rate matches: sell rate = (cost + fixed markup) × (1 + percent / 100).',
  inbound_did: "Inbound calls are sold at the DID's per-minute rate.",
};

async function packageRoutes(ctx: ServiceContext, packageId: number) {
  const row = await ctx.db
    .selectFrom('packages')
    .select(['name', 'canada_route', 'international_route'])
    .where('id', '=', packageId)
    .executeTakeFirst();
  if (!row) throw notFound(`Package ${packageId}`);
  return row;
}

/**
 * A package not saved yet, as the editor's markup example prices it: the markups typed,
 * no custom rates, no free minutes, per-minute pulses and the Value route (a new package's defaults).
 */
const UNSAVED_PACKAGE = { id: 0, pulseSeconds: 60, freeOnNet: false, freeMinutes: 0, customRates: [] } as const;
const UNSAVED_ROUTES = { name: 'New package', canada_route: 'value', international_route: 'value' } as const;

/** The package a preview prices: the saved one, with the editor's unsaved markups when given. */
async function previewedPackage(ctx: ServiceContext, input: PreviewData) {
  const markup = input.markup ? { markupFixed: input.markup.fixed, markupPercent: input.markup.percent } : null;
  if (input.packageId === undefined) {
    // previewInput refuses a preview with neither a package nor a markup.
    if (!markup) throw new AppError('invalid_input', 'Choose a package, or give the markup to price with');
    return { rating: { ...UNSAVED_PACKAGE, ...markup }, routes: UNSAVED_ROUTES };
  }
  const saved = await loadRatingPackage(ctx.db, input.packageId);
  const routes = await packageRoutes(ctx, input.packageId);
  return { rating: markup ? { ...saved, ...markup } : saved, routes };
}

/** What one call would cost the client, and why (the editor's preview and `cli price`). */
export async function previewPrice(ctx: ServiceContext, input: PreviewData): Promise<PricePreview> {
  const { rating, routes } = await previewedPackage(ctx, input);
  const compiled = compilePackage(rating);
  const direction = input.inbound ? 'inbound' : 'outbound';
  // Classified from what was typed, exactly as rateCall below classifies it: normalising an
  // already normalised '+49 30 123456' again read it as a NANP number and lost the country rate.
  const destination = classifyDestination(input.destination);
  // Guide: the package's Canada route serves calls to Canada, its international route the rest.
  const route = destination.nanpRegion === 'CA' ? routes.canada_route : routes.international_route;

  let costRate: RateE8 | null = input.costRate ?? null;
  let increment = PROVIDER_DEFAULT_INCREMENT;
  let costSource = 'the cost rate you entered';
  if (costRate === null && direction === 'outbound') {
    const deck = await lookupCost(ctx.db, route, destination.normalized, destination.nanpRegion);
    if (deck) {
      costRate = deck.rate;
      increment = deck.increment;
      costSource = `cost deck (${route}): ${deck.destination}, prefix ${deck.prefix}, ${deck.increment}-second steps`;
    } else {
      costSource = `no cost known: no line of the ${ROUTE_LABELS[route]} cost deck covers this number`;
    }
  }
  if (direction === 'inbound' && costRate === null) costSource = 'no provider cost given for this inbound call';
  const costKnown = costRate !== null;
  const effectiveCost = costRate ?? rateE8(0);
  const costTotal = micros(chargeFor(effectiveCost, roundUpToPulse(input.seconds, increment)));

  const { result } = rateCall(
    // Free on-net is read from the provider's zero cost: an unknown cost is not a zero one.
    costKnown ? compiled : compilePackage({ ...rating, freeOnNet: false }),
    {
      callId: 'preview',
      startedAt: '',
      direction,
      destination: input.destination,
      seconds: input.seconds,
      disposition: 'ANSWERED',
      costRate: effectiveCost,
      costTotal,
      ...(input.didRate !== undefined ? { didRate: input.didRate } : {}),
    },
    { ownDids: new Set() },
    rating.freeMinutes,
  );
  if (result.status !== 'rated') throw new AppError('invalid_input', result.message);
  const matched = rating.customRates.find((rate) => rate.id === result.customRateId);
  const free =
    result.freeSecondsUsed > 0
      ? ` ${result.freeMinutesUsed} free minute${result.freeMinutesUsed === 1 ? '' : 's'} of the cycle paid for ${result.freeSecondsUsed} s.`
      : '';
  // Only the markup prices from the cost: a custom rate, a free zone or a DID rate is known without it.
  const priceKnown = costKnown || !sellRateNeedsCost(result.rule);
  const label = destinationLabel(destination.normalized);
  const priceUnknown: PriceUnknown | null = priceKnown
    ? null
    : {
        reason: 'no_cost',
        destinationLabel: label,
        missing: `a cost deck entry for ${label} on the ${ROUTE_LABELS[route]} route, or a cost rate typed in the preview`,
      };
  const onNetNote =
    !costKnown && rating.freeOnNet && direction === 'outbound' && (destination.nanpRegion === 'US' || destination.nanpRegion === 'CA')
      ? ' Free on-net applies only when the provider charges nothing for the call: a cost of 0 shows it.'
      : '';
  const explanation = priceUnknown
    ? `No custom rate matches, and the markup prices from the provider's cost: sell rate = (cost + fixed markup) × (1 + percent / 100). Without the cost of ${label} there is no price.${onNetNote}`
    : `${RULE_TEXT[result.rule]}${matched ? ` Matched: ${customRateLabel(matched)}${matched.freeZone ? ' (free zone)' : ''}.` : ''}${free} Billed in ${rating.pulseSeconds}-second pulses.${onNetNote}`;
  // The country shown is the one the rate was chosen for (the same lookup).
  return {
    destination: result.destination,
    country: result.country,
    countryName: result.countryName,
    nanpRegion: result.nanpRegion,
    direction,
    rule: result.rule,
    explanation,
    customRateLabel: matched ? customRateLabel(matched) : null,
    freeZone: result.freeZone,
    priceUnknown,
    sellRate: priceKnown ? rateToText(result.sellRate) : null,
    markupSellRate: costKnown ? rateToText(markupRateOf(rating, effectiveCost)) : null,
    costRate: costRate === null ? null : rateToText(costRate),
    costSource,
    billedSeconds: result.billedSeconds,
    freeSecondsUsed: result.freeSecondsUsed,
    freeMinutesUsed: result.freeMinutesUsed,
    charge: priceKnown ? moneyToText(result.charge) : null,
    cost: costKnown ? moneyToText(result.cost) : null,
    profit: costKnown ? moneyToText(result.profit) : null,
  };
}

/**
 * The price list a reseller sends to clients: every destination of the cost decks, once, with
 * the package's sell price on the route the package uses there (custom rate or markup). A
 * destination whose route has no cost and no custom rate has no price: its row says so, with
 * the sell price left empty — never a price of 0, never a row left out without a word.
 */
export async function priceList(ctx: ServiceContext, input: { packageId: number }): Promise<PriceListFile> {
  const rating = await loadRatingPackage(ctx.db, input.packageId);
  const routes = await packageRoutes(ctx, input.packageId);
  const compiled = compilePackage(rating);
  const deck = await ctx.db.selectFrom('cost_rates').selectAll().orderBy('prefix').orderBy('region').orderBy('route').execute();
  const destinations = new Map<string, Partial<Record<Route, (typeof deck)[number]>>>();
  for (const entry of deck) {
    const key = costDeckKey(entry);
    destinations.set(key, { ...destinations.get(key), [entry.route]: entry });
  }
  const rows: string[][] = [];
  let unpriced = 0;
  for (const byRoute of destinations.values()) {
    const any = (byRoute.value ?? byRoute.premium)!;
    // A region's line under a shorter prefix ("USA,1") is classified as a number of that region.
    const number = costDeckSampleNumber(any);
    const classified = matchSellRate(compiled, number, rateE8(0));
    const route = classified.destination.nanpRegion === 'CA' ? routes.canada_route : routes.international_route;
    const entry = byRoute[route];
    const match = entry ? matchSellRate(compiled, number, rateE8(entry.rate_e8)) : classified;
    const named = entry ?? any;
    const customRate = rating.customRates.find((rate) => rate.id === match.customRateId);
    const priced = entry !== undefined || !sellRateNeedsCost(match.rule);
    if (!priced) unpriced += 1;
    rows.push([
      named.destination,
      named.prefix,
      match.destination.countryName ?? '',
      priced ? rateToText(match.sellRate) : '',
      String(rating.pulseSeconds),
      customRate
        ? `custom rate: ${customRateLabel(customRate)}`
        : priced
          ? 'markup'
          : `no cost: not in the ${ROUTE_LABELS[route]} cost deck, the package's route there`,
      match.freeZone ? 'yes' : 'no',
    ]);
  }
  if (rows.length === 0) {
    throw new AppError('conflict', 'The cost deck is empty for this package’s routes: import the provider’s rates first (Packages → Cost deck).');
  }
  const csv = stringify(rows, {
    header: true,
    columns: ['destination', 'prefix', 'country', 'rate_per_minute', 'billing_increment_seconds', 'price_source', 'free_zone'],
  });
  const safeName = routes.name.replace(/[^\w-]+/g, '-').replace(/^-|-$/g, '') || `package-${input.packageId}`;
  return { fileName: `price-list-${safeName}.csv`, csv, rows: rows.length, unpriced };
}
