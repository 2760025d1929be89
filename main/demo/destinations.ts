import { CITIES } from './people';
import type { Random } from './random';

/**
 * Where the demo's clients call, with the provider's cost per minute and billing step.
 * Area codes and number shapes are real, so the rating engine classifies every
 * destination (country, NANP bucket, mobile prefix) as it would a real call.
 */
export interface Destination {
  /** The provider's description after "Outgoing to ". */
  label: string;
  /** Builds a dialled number (E.164 digits without '+'). */
  number: (random: Random) => string;
  /** The provider's cost per minute (Value route), 8 decimals. */
  costRate: string;
  /** The provider's billing step: 6 seconds for most, 60 for Mexico (voipms-api.md). */
  stepSeconds: number;
  /** Share of a Canadian client's outbound calls, then of a US client's. */
  weightFromCanada: number;
  weightFromUsa: number;
}

/** Central-office code: 2–9 then two digits, never N11 (service codes). */
function exchangeCode(random: Random): string {
  for (;;) {
    const code = `${random.int(2, 9)}${random.digits(2)}`;
    if (code.slice(1) !== '11') return code;
  }
}

export const nanpNumber = (areaCode: string, random: Random): string => `1${areaCode}${exchangeCode(random)}${random.digits(4)}`;

interface NanpArea {
  areaCode: string;
  place: string;
}

export const CANADA_AREAS: readonly NanpArea[] = [
  { areaCode: '514', place: 'Montreal' },
  { areaCode: '438', place: 'Montreal' },
  { areaCode: '450', place: 'Quebec' },
  { areaCode: '418', place: 'Quebec City' },
  { areaCode: '819', place: 'Quebec' },
  { areaCode: '416', place: 'Toronto' },
  { areaCode: '647', place: 'Toronto' },
  { areaCode: '905', place: 'Ontario' },
  { areaCode: '613', place: 'Ottawa' },
  { areaCode: '604', place: 'Vancouver' },
  { areaCode: '403', place: 'Calgary' },
  { areaCode: '780', place: 'Edmonton' },
  { areaCode: '204', place: 'Manitoba' },
  { areaCode: '902', place: 'Nova Scotia' },
];

export const USA_AREAS: readonly NanpArea[] = [
  { areaCode: '212', place: 'New York' },
  { areaCode: '646', place: 'New York' },
  { areaCode: '718', place: 'New York' },
  { areaCode: '305', place: 'Florida' },
  { areaCode: '786', place: 'Florida' },
  { areaCode: '213', place: 'California' },
  { areaCode: '310', place: 'California' },
  { areaCode: '415', place: 'California' },
  { areaCode: '312', place: 'Illinois' },
  { areaCode: '617', place: 'Massachusetts' },
  { areaCode: '206', place: 'Washington' },
  { areaCode: '512', place: 'Texas' },
  { areaCode: '214', place: 'Texas' },
  { areaCode: '404', place: 'Georgia' },
  { areaCode: '702', place: 'Nevada' },
  { areaCode: '303', place: 'Colorado' },
  { areaCode: '602', place: 'Arizona' },
];

const nanpDestinations = (country: 'Canada' | 'USA', areas: readonly NanpArea[], costRate: string, fromCanada: number, fromUsa: number): Destination[] =>
  areas.map((area) => ({
    label: `${country} - ${area.place}`,
    number: (random) => nanpNumber(area.areaCode, random),
    costRate,
    stepSeconds: 6,
    weightFromCanada: fromCanada / areas.length,
    weightFromUsa: fromUsa / areas.length,
  }));

const fixed = (prefix: string, digits: number) => (random: Random) => `${prefix}${random.digits(digits)}`;

export const DESTINATIONS: readonly Destination[] = [
  ...nanpDestinations('Canada', CANADA_AREAS, '0.00900000', 52, 9),
  ...nanpDestinations('USA', USA_AREAS, '0.01000000', 24, 64),
  { label: 'United Kingdom - London', number: (random) => `4420${random.pick(['7', '8'])}${random.digits(7)}`, costRate: '0.01150000', stepSeconds: 6, weightFromCanada: 2.5, weightFromUsa: 2 },
  { label: 'United Kingdom - Manchester', number: fixed('44161', 7), costRate: '0.01150000', stepSeconds: 6, weightFromCanada: 0.7, weightFromUsa: 0.5 },
  { label: 'United Kingdom - Mobile', number: (random) => `447${random.int(4, 9)}${random.digits(8)}`, costRate: '0.03200000', stepSeconds: 6, weightFromCanada: 2.5, weightFromUsa: 1.8 },
  { label: 'France - Paris', number: fixed('331', 8), costRate: '0.01300000', stepSeconds: 6, weightFromCanada: 3, weightFromUsa: 0.8 },
  { label: 'France - Mobile', number: (random) => `33${random.pick(['6', '7'])}${random.digits(8)}`, costRate: '0.03900000', stepSeconds: 6, weightFromCanada: 2, weightFromUsa: 0.6 },
  { label: 'Mexico - Mexico City', number: fixed('5255', 8), costRate: '0.01850000', stepSeconds: 60, weightFromCanada: 1.2, weightFromUsa: 4 },
  { label: 'Mexico - Guadalajara', number: fixed('5233', 8), costRate: '0.01850000', stepSeconds: 60, weightFromCanada: 0.5, weightFromUsa: 1.5 },
  { label: 'Mexico - Monterrey', number: fixed('5281', 8), costRate: '0.01850000', stepSeconds: 60, weightFromCanada: 0.4, weightFromUsa: 1.2 },
  { label: 'India - Mumbai', number: fixed('9122', 8), costRate: '0.01750000', stepSeconds: 6, weightFromCanada: 1, weightFromUsa: 1.2 },
  { label: 'India - Mobile', number: (random) => `91${random.int(7, 9)}${random.digits(9)}`, costRate: '0.01900000', stepSeconds: 6, weightFromCanada: 2, weightFromUsa: 2 },
  { label: 'Germany - Berlin', number: fixed('4930', 8), costRate: '0.01400000', stepSeconds: 6, weightFromCanada: 0.8, weightFromUsa: 0.8 },
  { label: 'Philippines - Mobile', number: (random) => `639${random.int(1, 9)}${random.digits(8)}`, costRate: '0.11500000', stepSeconds: 6, weightFromCanada: 1, weightFromUsa: 1.3 },
  { label: 'Brazil - Sao Paulo', number: (random) => `55119${random.digits(8)}`, costRate: '0.02800000', stepSeconds: 6, weightFromCanada: 0.4, weightFromUsa: 0.7 },
  { label: 'China - Beijing', number: fixed('8610', 8), costRate: '0.01100000', stepSeconds: 6, weightFromCanada: 0.5, weightFromUsa: 0.6 },
  { label: 'Dominican Republic', number: (random) => nanpNumber('809', random), costRate: '0.08500000', stepSeconds: 6, weightFromCanada: 0.4, weightFromUsa: 1 },
];

/** What the provider charges for an inbound minute on a per-minute DID. */
export const INBOUND_COST_RATE = '0.00900000';

const PLACES = new Map<string, { country: 'Canada' | 'USA'; place: string }>([
  ...CITIES.flatMap((city) => city.areaCodes.map((code) => [code, { country: city.countryCode === 'CA' ? ('Canada' as const) : ('USA' as const), place: city.name }] as const)),
  ...CANADA_AREAS.map((area) => [area.areaCode, { country: 'Canada' as const, place: area.place }] as const),
  ...USA_AREAS.map((area) => [area.areaCode, { country: 'USA' as const, place: area.place }] as const),
]);

/** The place a NANP number's area code names, for on-net call descriptions ("Canada - Montreal"). */
export function nanpPlace(number: string): string {
  const found = PLACES.get(number.slice(1, 4));
  return found ? `${found.country} - ${found.place}` : 'Canada';
}
