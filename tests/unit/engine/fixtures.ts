import { micros, percentE4, rateE8 } from '../../../main/money/units';
import type { CallRecord, CustomRate, CustomRateScope, RatingPackage } from '../../../main/engine';

/**
 * Builders for engine tests, written in plain integers:
 * rates in 1e-8 per minute (0.01/min = 1_000_000), money in micros (0.01 = 10_000),
 * percentages in 1e-4 % (20 % = 200_000).
 */

export interface PackageInput {
  id?: number;
  markupFixed?: number;
  markupPercent?: number;
  pulseSeconds?: number;
  freeOnNet?: boolean;
  freeMinutes?: number;
  customRates?: CustomRate[];
}

export function makePackage(input: PackageInput = {}): RatingPackage {
  return {
    id: input.id ?? 1,
    markupFixed: rateE8(input.markupFixed ?? 0),
    markupPercent: percentE4(input.markupPercent ?? 200_000),
    pulseSeconds: input.pulseSeconds ?? 6,
    freeOnNet: input.freeOnNet ?? false,
    freeMinutes: input.freeMinutes ?? 0,
    customRates: input.customRates ?? [],
  };
}

export interface CallInput {
  callId?: string;
  startedAt?: string;
  direction?: CallRecord['direction'];
  destination?: string;
  seconds?: number;
  disposition?: CallRecord['disposition'];
  costRate?: number;
  costTotal?: number;
  didRate?: number;
}

/** Default: a one-minute answered outbound call to New York at a cost of 0.01/min. */
export function makeCall(input: CallInput = {}): CallRecord {
  const call: CallRecord = {
    callId: input.callId ?? 'c1',
    startedAt: input.startedAt ?? '2024-05-01 10:00:00',
    direction: input.direction ?? 'outbound',
    destination: input.destination ?? '12125551234',
    seconds: input.seconds ?? 60,
    disposition: input.disposition ?? 'ANSWERED',
    costRate: rateE8(input.costRate ?? 1_000_000),
    costTotal: micros(input.costTotal ?? 10_000),
  };
  if (input.didRate !== undefined) call.didRate = rateE8(input.didRate);
  return call;
}

export function customRate(id: number, scope: CustomRateScope, value: string, rate: number, freeZone = false): CustomRate {
  return { id, scope, value, rate: rateE8(rate), freeZone };
}

export const USA = customRate(1, 'usa', '', 800_000);
export const CANADA = customRate(2, 'canada', '', 900_000);
export const CANADA_FREE_ZONE = customRate(2, 'canada', '', 900_000, true);
export const MONTREAL = customRate(3, 'prefix', '1514', 500_000);
export const UK = customRate(4, 'prefix', '44', 2_000_000);
export const UK_MOBILE = customRate(5, 'prefix', '447', 10_000_000);
export const GB = customRate(6, 'country', 'GB', 3_000_000);
export const JAMAICA = customRate(8, 'country', 'JM', 15_000_000);
export const WHOLE_NANP = customRate(9, 'prefix', '1', 700_000);
export const KAZAKHSTAN = customRate(10, 'country', 'KZ', 4_000_000);
