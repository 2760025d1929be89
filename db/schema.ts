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
  canada_route: Generated<Route>;
  international_route: Generated<Route>;
  free_on_net: Generated<0 | 1>;
  monthly_fee_micros: Generated<number>;
  setup_fee_micros: Generated<number>;
  free_minutes: Generated<number>;
  user_can_edit_subaccount: Generated<0 | 1>;
  /** JSON array of SubaccountField. */
  subaccount_editable_fields: Generated<string>;
  configuration_type: Generated<'default' | 'package'>;
  view_setting: Generated<'simple' | 'standard'>;
  /** JSON array of ClientService keys. */
  services: Generated<string>;
  /** Set instead of deleting once the package has rated calls. */
  archived_at: Generated<string | null>;
  created_at: ColumnType<string, string, never>;
  updated_at: string;
}

export type Route = 'value' | 'premium';

export interface PackageRatesTable {
  id: Generated<number>;
  package_id: number;
  scope: 'usa' | 'canada' | 'country' | 'prefix';
  value: string;
  rate_e8: number;
  free_zone: 0 | 1;
  description: Generated<string>;
}

/** The provider's termination rates to the reseller (the cost deck), per route. */
export interface CostRatesTable {
  id: Generated<number>;
  route: Route;
  prefix: string;
  destination: string;
  rate_e8: number;
  increment_seconds: number;
  imported_at: string;
}

export interface Database {
  settings: SettingsTable;
  packages: PackagesTable;
  package_rates: PackageRatesTable;
  cost_rates: CostRatesTable;
}
