import { create } from 'zustand';
import type { ChannelInput } from '../../../preload/contract';
import type { ApiError } from '../../../preload/result';
import type { CustomRateScopeChoice, CustomRateView } from '../../../preload/schemas/packages';
import type { CountryOption } from '../../../preload/schemas/pricing';
import { api } from '../api';
import { trimDecimal } from '../../../preload/common/format';
import { countryCodeOf, countryOptionText } from './pricing';
import type { LoadStatus } from './status';

/**
 * A package's custom rates (guide: "Edit Rates"): they override the markup for USA,
 * Canada, a country or a calling code, and mark the free zones that spend free minutes.
 * The table is edited here and saved as one set, so switching tabs keeps unsaved rows.
 */
export interface RateRow {
  /** Stable React key; not the database id (the set is replaced on save). */
  key: number;
  scope: CustomRateScopeChoice;
  /** As typed: a calling code, or the country picker's text. Unused for USA / Canada. */
  value: string;
  rate: string;
  freeZone: boolean;
  description: string;
  /** Main's label of the saved rate ("+447 (United Kingdom)"); null once edited. */
  savedLabel: string | null;
}

export type RateRowField = 'scope' | 'value' | 'rate' | 'freeZone' | 'description';
/** Row key → field → main's message. */
export type RowErrors = Readonly<Record<number, Partial<Record<RateRowField, string>>>>;
type RateInput = ChannelInput<'packages.saveRates'>['rates'][number];

interface CustomRatesState {
  packageId: number | null;
  rows: RateRow[];
  status: LoadStatus;
  saving: boolean;
  /** True when the rows differ from what was last loaded or saved. */
  dirty: boolean;
  error: ApiError | null;
  rowErrors: RowErrors;
  load(packageId: number, countries: readonly CountryOption[]): Promise<void>;
  addRow(): number;
  updateRow(key: number, patch: Partial<Omit<RateRow, 'key' | 'savedLabel'>>): void;
  removeRow(key: number): void;
  save(countries: readonly CountryOption[]): Promise<CustomRateView[] | null>;
  /** Forgets unsaved rows (the editor opens a package afresh). */
  reset(): void;
}

let nextRowKey = 1;

function rowOf(rate: CustomRateView, countries: readonly CountryOption[]): RateRow {
  const country = rate.scope === 'country' ? countries.find((candidate) => candidate.code === rate.value) : undefined;
  return {
    key: nextRowKey++,
    scope: rate.scope,
    value: country ? countryOptionText(country) : rate.value,
    rate: trimDecimal(rate.rate, 4),
    freeZone: rate.freeZone,
    description: rate.description,
    savedLabel: rate.label,
  };
}

function toRateInput(row: RateRow, countries: readonly CountryOption[]): RateInput {
  const value = row.scope === 'country' ? countryCodeOf(row.value, countries) : row.scope === 'prefix' ? row.value.trim() : '';
  return { scope: row.scope, value, rate: row.rate.trim(), freeZone: row.freeZone, description: row.description.trim() };
}

const RATE_FIELDS: readonly string[] = ['scope', 'value', 'rate', 'freeZone', 'description'];

/**
 * Main numbers the rows in its messages ("Rows 3: the calling code …"); under the row
 * itself that prefix says nothing, so a message about this row alone loses it.
 */
function withoutOwnRowNumber(message: string, position: number): string {
  const match = /^Rows? (\d+): (.*)$/s.exec(message);
  if (!match || Number(match[1]) !== position) return message;
  const rest = match[2] ?? '';
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** "rates.2.value" → row key of the third row, field "value"; the first message per field wins. */
function rowErrorsOf(error: ApiError, rows: readonly RateRow[]): RowErrors {
  const byKey: Record<number, Partial<Record<RateRowField, string>>> = {};
  for (const issue of error.issues ?? []) {
    const [root, index, field] = issue.path.split('.');
    const row = rows[Number(index)];
    if (root !== 'rates' || !row) continue;
    const target = (field !== undefined && RATE_FIELDS.includes(field) ? field : 'value') as RateRowField;
    const errors = (byKey[row.key] ??= {});
    errors[target] ??= withoutOwnRowNumber(issue.message, Number(index) + 1);
  }
  return byKey;
}

export const useCustomRates = create<CustomRatesState>()((set, get) => ({
  packageId: null,
  rows: [],
  status: 'idle',
  saving: false,
  dirty: false,
  error: null,
  rowErrors: {},

  async load(packageId, countries) {
    set({ packageId, rows: [], status: 'loading', dirty: false, error: null, rowErrors: {} });
    const result = await api.packages.rates({ id: packageId });
    if (get().packageId !== packageId) return;
    if (result.ok) set({ rows: result.value.map((rate) => rowOf(rate, countries)), status: 'ready' });
    else set({ status: 'error', error: result.error });
  },

  addRow() {
    const key = nextRowKey++;
    const row: RateRow = { key, scope: 'prefix', value: '', rate: '', freeZone: false, description: '', savedLabel: null };
    set((state) => ({ rows: [...state.rows, row], dirty: true }));
    return key;
  },

  updateRow(key, patch) {
    const changesDestination = patch.scope !== undefined || patch.value !== undefined;
    set((state) => ({
      dirty: true,
      rows: state.rows.map((row) => (row.key === key ? { ...row, ...patch, savedLabel: changesDestination ? null : row.savedLabel } : row)),
    }));
  },

  removeRow(key) {
    set((state) => ({
      rows: state.rows.filter((row) => row.key !== key),
      rowErrors: Object.fromEntries(Object.entries(state.rowErrors).filter(([rowKey]) => Number(rowKey) !== key)),
      dirty: true,
    }));
  },

  async save(countries) {
    const { packageId, rows } = get();
    if (packageId === null) return null;
    set({ saving: true, error: null, rowErrors: {} });
    const result = await api.packages.saveRates({ packageId, rates: rows.map((row) => toRateInput(row, countries)) });
    if (!result.ok) {
      set({ saving: false, error: result.error, rowErrors: rowErrorsOf(result.error, rows) });
      return null;
    }
    set({ saving: false, dirty: false, rows: result.value.map((rate) => rowOf(rate, countries)) });
    return result.value;
  },

  reset() {
    set({ packageId: null, rows: [], status: 'idle', saving: false, dirty: false, error: null, rowErrors: {} });
  },
}));
