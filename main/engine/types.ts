import type { Micros, PercentE4, RateE8 } from '../money/units';

/**
 * Plain data in and out of the rating engine (DESIGN.md "Rating an answered call").
 * The engine is pure: these shapes carry everything a rating needs, so the caller
 * reads the database and the engine never does.
 */

/** How a custom rate chooses its destinations (Guide: "USA or Canada, by country or Calling code"). */
export type CustomRateScope = 'usa' | 'canada' | 'country' | 'prefix';

export interface CustomRate {
  id: number;
  scope: CustomRateScope;
  /** ISO 3166 alpha-2 code for 'country' ('GB'), calling-code digits for 'prefix' ('447'), '' for 'usa'/'canada'. */
  value: string;
  /** Per-minute sell rate that replaces the package markup for these destinations. */
  rate: RateE8;
  /** Guide: destinations in the free zone "will be able to spend these Free Minutes". */
  freeZone: boolean;
}

/** A package as the engine needs it (the provider's `markup_fixed`, `markup_percentage`, `pulse`...). */
export interface RatingPackage {
  id: number;
  /** Added to the provider's per-minute cost rate before the percentage. */
  markupFixed: RateE8;
  markupPercent: PercentE4;
  /** Billing increment in seconds: 60 bills by the minute, 6 in 6-second steps. */
  pulseSeconds: number;
  /** Guide: "calls between VoIP.ms DID numbers are free" (USA and Canada numbers). */
  freeOnNet: boolean;
  /** Free minutes per billing cycle. */
  freeMinutes: number;
  customRates: readonly CustomRate[];
}

export type CallDirection = 'outbound' | 'inbound';
export type CallDisposition = 'ANSWERED' | 'NO ANSWER' | 'BUSY' | 'FAILED';

/** One CDR as the provider reports it, amounts already in integer units. */
export interface CallRecord {
  /** The provider's `uniqueid` (may hold letters). */
  callId: string;
  /** 'YYYY-MM-DD HH:MM:SS', so string order is time order. */
  startedAt: string;
  direction: CallDirection;
  /** Digits as the provider writes them: '15145551234', '5145551234', '011447700900123', '+44...'. */
  destination: string;
  seconds: number;
  disposition: CallDisposition;
  /** The provider's per-minute rate to the reseller. */
  costRate: RateE8;
  /** The provider's charge to the reseller for this call. */
  costTotal: Micros;
  /** Inbound only: the per-minute rate of the client's DID the call came in on. */
  didRate?: RateE8;
}

export interface RatingContext {
  /** The reseller's own DIDs in 11-digit NANP form '1NXXNXXXXXX' (on-net destinations). */
  ownDids: ReadonlySet<string>;
}

/** Which rule set the sell rate (the "why" of a rated call). */
export type RatingRule =
  | 'unanswered'
  | 'zero_seconds'
  | 'on_net_free'
  | 'custom_rate'
  | 'markup'
  | 'inbound_did';

/** How much of the call the cycle's free minutes paid for. */
export type FreeMinutesCover = 'none' | 'whole_call' | 'part_of_call';

/** What libphonenumber-js metadata says about a destination. */
export interface DestinationClass {
  /** Digits after stripping '+', the international prefix and adding NANP's '1'. */
  normalized: string;
  /** ISO 3166 alpha-2 code, or null when the digits match no calling code. */
  country: string | null;
  /** For NANP numbers (+1): the country of the area code ('US', 'CA', 'JM'...); else null. */
  nanpRegion: string | null;
  /** English name of the country ("Canada"), or null. */
  countryName: string | null;
}

export interface RatedCall {
  callId: string;
  status: 'rated';
  rule: RatingRule;
  direction: CallDirection;
  /** The custom rate that set the sell rate, when one matched. */
  customRateId: number | null;
  /** The digits of the destination the custom rate matched on ('447', '44', '1514'), when one matched. */
  matchedPrefix: string | null;
  /** True when the matched custom rate is a free zone (the call may spend free minutes). */
  freeZone: boolean;
  sellRate: RateE8;
  /** Seconds the client pays for, after free minutes and the pulse rule. */
  billedSeconds: number;
  /** Seconds of the call paid by free minutes. */
  freeSecondsUsed: number;
  /** Whole free minutes taken from the cycle by this call. */
  freeMinutesUsed: number;
  freeMinutesCover: FreeMinutesCover;
  charge: Micros;
  cost: Micros;
  /** charge − cost: negative when the client pays less than the provider charged. */
  profit: Micros;
  destination: string;
  country: string | null;
  nanpRegion: string | null;
  countryName: string | null;
}

/** Why a call cannot be rated (DESIGN rule 8): the one list, for the account checks and the rating rules. */
export type UnratedReason =
  | 'unknown_account'
  | 'no_package'
  | 'invalid_seconds'
  | 'invalid_cost'
  | 'invalid_did_rate'
  | 'amount_out_of_range';

export interface UnratedCall {
  callId: string;
  status: 'unrated';
  reason: UnratedReason;
  /** A sentence a reseller can act on. */
  message: string;
}

export type CallRating = RatedCall | UnratedCall;

/** Where a sell rate came from: a custom rate or the package markup. */
export interface SellRateMatch {
  sellRate: RateE8;
  rule: 'custom_rate' | 'markup';
  customRateId: number | null;
  customRateScope: CustomRateScope | null;
  matchedPrefix: string | null;
  freeZone: boolean;
  destination: DestinationClass;
}

/** An error a program can check (`code`) and a person can read (`message`). */
export class EngineError extends Error {
  constructor(
    readonly code: 'invalid_package',
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
