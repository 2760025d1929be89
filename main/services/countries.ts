import { getCountries, getCountryCallingCode } from 'libphonenumber-js';
import type { CountryOption } from '../../preload/schemas/pricing';

let names: Intl.DisplayNames | undefined;
function countryName(code: string): string {
  names ??= new Intl.DisplayNames(['en'], { type: 'region' });
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** "United Kingdom (+44)" for 'GB'; the code itself when libphonenumber does not know it. */
export function countryLabel(code: string): string {
  const option = countryOptions().find((candidate) => candidate.code === code.toUpperCase());
  return option ? `${option.name} (+${option.callingCode})` : code;
}

let options: CountryOption[] | undefined;
/** Every country libphonenumber-js knows, with its calling code, sorted by name (the country picker). */
export function countryOptions(): CountryOption[] {
  options ??= getCountries()
    .map((code) => ({ code, name: countryName(code), callingCode: getCountryCallingCode(code) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  return options;
}
