import type { ColumnType, Generated } from 'kysely';

/**
 * Table types, in one place (CONVENTIONS.md). Money columns are INTEGER micros,
 * per-minute rates INTEGER 1e-8 units, percentages INTEGER 1e-4 percent: never REAL.
 */
export interface SettingsTable {
  key: string;
  value: string;
}

export interface PackagesTable {
  id: Generated<number>;
  name: string;
  markup_fixed_e8: number;
  markup_percent_e4: number;
  pulse_seconds: number;
  created_at: ColumnType<string, string, never>;
  updated_at: string;
}

export interface Database {
  settings: SettingsTable;
  packages: PackagesTable;
}
