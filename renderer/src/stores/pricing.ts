import { create } from 'zustand';
import type { ChannelInput } from '../../../preload/contract';
import type { ApiError, Result } from '../../../preload/result';
import type { CountryOption, PriceListFile, PricePreview } from '../../../preload/schemas/pricing';
import { api } from '../api';
import { issuesByField, type FieldErrors } from '../lib/issues';
import type { LoadStatus } from './status';

export type PreviewRequest = ChannelInput<'pricing.preview'>;

interface PricingState {
  /** Every country with its calling code, for the country picker (read once). */
  countries: CountryOption[];
  countriesStatus: LoadStatus;
  /** The last price preview, for the package it was asked for. */
  preview: PricePreview | null;
  previewPackageId: number | null;
  previewing: boolean;
  previewError: ApiError | null;
  previewFieldErrors: FieldErrors;
  /** The package whose price list is being built, if any. */
  exportingPackageId: number | null;
  loadCountries(): Promise<void>;
  /** The price list CSV of a package (the page saves it as a file). */
  priceList(packageId: number): Promise<Result<PriceListFile>>;
  runPreview(request: PreviewRequest): Promise<void>;
  clearPreview(): void;
}

export const usePricing = create<PricingState>()((set, get) => ({
  countries: [],
  countriesStatus: 'idle',
  preview: null,
  previewPackageId: null,
  previewing: false,
  previewError: null,
  previewFieldErrors: {},
  exportingPackageId: null,

  async loadCountries() {
    if (get().countriesStatus === 'ready' || get().countriesStatus === 'loading') return;
    set({ countriesStatus: 'loading' });
    const result = await api.pricing.countries();
    if (result.ok) set({ countries: result.value, countriesStatus: 'ready' });
    else set({ countriesStatus: 'error' });
  },

  async runPreview(request) {
    set({ previewing: true, previewError: null, previewFieldErrors: {} });
    const result = await api.pricing.preview(request);
    if (result.ok) {
      set({ previewing: false, preview: result.value, previewPackageId: request.packageId });
    } else {
      set({ previewing: false, preview: null, previewError: result.error, previewFieldErrors: issuesByField(result.error.issues) });
    }
  },

  async priceList(packageId) {
    set({ exportingPackageId: packageId });
    const result = await api.pricing.priceList({ packageId });
    set({ exportingPackageId: null });
    return result;
  },

  clearPreview() {
    set({ preview: null, previewPackageId: null, previewError: null, previewFieldErrors: {} });
  },
}));

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
