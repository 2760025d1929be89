import { create } from 'zustand';
import type { ChannelInput } from '../../../preload/contract';
import type { ApiError } from '../../../preload/result';
import type { CustomRateScopeChoice, CustomRateView } from '../../../preload/schemas/packages';
import type { CountryOption } from '../../../preload/schemas/pricing';
import { trimDecimal } from '../../../preload/common/format';
import { countryCodeOf, countryOptionText } from '../lib/countries';

/**
 * The rows of a package's "Edit Rates" table as the person edits them: the window's own
 * state (a draft), saved as one set through `packages.saveRates`. Kept here, outside the
 * tab, so switching tabs keeps unsaved rows; the editor forgets them when it opens a package.
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
export type RateInput = ChannelInput<'packages.saveRates'>['rates'][number];

let nextRowKey = 1;

export function rowsOf(rates: readonly CustomRateView[], countries: readonly CountryOption[]): RateRow[] {
  return rates.map((rate) => {
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
  });
}

export function toRateInput(row: RateRow, countries: readonly CountryOption[]): RateInput {
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
export function rowErrorsOf(error: ApiError, rows: readonly RateRow[]): RowErrors {
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

interface RateDraftsState {
  /** The package the rows are of; null until its saved rates have been read. */
  packageId: number | null;
  rows: RateRow[];
  /** True when the rows differ from what was last read or saved. */
  dirty: boolean;
  /** The last refused save, and its messages per row. */
  error: ApiError | null;
  rowErrors: RowErrors;
  /** Starts the draft from the saved rates (after reading them, or after a save). */
  begin(packageId: number, rows: RateRow[]): void;
  addRow(): number;
  updateRow(key: number, patch: Partial<Omit<RateRow, 'key' | 'savedLabel'>>): void;
  removeRow(key: number): void;
  refused(error: ApiError): void;
  clearErrors(): void;
  /** Forgets unsaved rows (the editor opens a package afresh). */
  reset(): void;
}

const EMPTY: Pick<RateDraftsState, 'packageId' | 'rows' | 'dirty' | 'error' | 'rowErrors'> = { packageId: null, rows: [], dirty: false, error: null, rowErrors: {} };

export const useRateDrafts = create<RateDraftsState>()((set) => ({
  ...EMPTY,

  begin(packageId, rows) {
    set({ packageId, rows, dirty: false, error: null, rowErrors: {} });
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

  refused(error) {
    set((state) => ({ error, rowErrors: rowErrorsOf(error, state.rows) }));
  },

  clearErrors() {
    set({ error: null, rowErrors: {} });
  },

  reset() {
    set(EMPTY);
  },
}));
