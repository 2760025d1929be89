import type { CountryOption } from '../../../preload/schemas/pricing';

/** "United Kingdom (GB, +44)": what the country picker lists and shows. */
export const countryOptionText = (country: CountryOption): string => `${country.name} (${country.code}, +${country.callingCode})`;

/**
 * What the person typed in the country picker → the country code main expects. A listed
 * option, a country name or a two-letter code all resolve; anything else goes as typed so
 * main can say what is wrong with it.
 */
export function countryCodeOf(text: string, countries: readonly CountryOption[]): string {
  const typed = text.trim();
  const lower = typed.toLowerCase();
  const match =
    countries.find((country) => countryOptionText(country).toLowerCase() === lower) ??
    countries.find((country) => country.name.toLowerCase() === lower) ??
    countries.find((country) => country.code.toLowerCase() === lower);
  return match ? match.code : typed;
}
