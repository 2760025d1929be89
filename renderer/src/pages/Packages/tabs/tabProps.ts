import type { FieldErrors } from '../../../lib/issues';
import type { PackageFormValues } from '../packageForm';

/** What every package-field tab receives: the editor owns the values, so a tab switch loses nothing. */
export interface PackageTabProps {
  values: PackageFormValues;
  /** Main's messages by top-level field ("services", not "services.0"). */
  errors: FieldErrors;
  onChange<K extends keyof PackageFormValues>(field: K, value: PackageFormValues[K]): void;
}
