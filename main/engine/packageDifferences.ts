import type { RouteChoice as Route } from '../../preload/common/catalog';

/**
 * A package's terms as both sides know them (issue 12). The provider's packages cannot be
 * written through the API: a local package is linked to one, and the reseller is told
 * which of these differ so the provider's portal can be fixed by hand. Integer units:
 * rates 1e-8, percentages 1e-4, money micros.
 */
export interface PackageTerms {
  markupFixedE8: number;
  markupPercentE4: number;
  pulseSeconds: number;
  internationalRoute: Route;
  canadaRoute: Route;
  monthlyFeeMicros: number;
  setupFeeMicros: number;
  freeMinutes: number;
}

export type PackageTerm = keyof PackageTerms;

/** In the order the package page shows them; the provider's own field names beside. */
export const PACKAGE_TERMS: readonly { term: PackageTerm; providerField: string; label: string }[] = [
  { term: 'markupFixedE8', providerField: 'markup_fixed', label: 'Markup (fixed, per minute)' },
  { term: 'markupPercentE4', providerField: 'markup_percentage', label: 'Markup (percentage)' },
  { term: 'pulseSeconds', providerField: 'pulse', label: 'Pulse' },
  { term: 'internationalRoute', providerField: 'international_route', label: 'International route' },
  { term: 'canadaRoute', providerField: 'canada_route', label: 'Canada route' },
  { term: 'monthlyFeeMicros', providerField: 'monthly_fee', label: 'Monthly fee' },
  { term: 'setupFeeMicros', providerField: 'setup_fee', label: 'Setup fee' },
  { term: 'freeMinutes', providerField: 'free_minutes', label: 'Free minutes' },
];

/** The terms whose values differ, in PACKAGE_TERMS order. */
export function packageDifferences(local: PackageTerms, provider: PackageTerms): PackageTerm[] {
  return PACKAGE_TERMS.filter(({ term }) => local[term] !== provider[term]).map(({ term }) => term);
}
