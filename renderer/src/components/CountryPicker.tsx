import type { CountryOption } from '../../../preload/schemas/pricing';
import { countryOptionText } from '../lib/countries';

/**
 * The country picker is a native combobox: an `<input list>` over one shared
 * `<datalist>` (exposed as a combobox by the browser). Typing filters the list, arrow keys walk it, and the person may also type
 * a name or a two-letter code; the page resolves the text to a code when it saves.
 */
export function CountryOptionsList({ id, countries }: { id: string; countries: readonly CountryOption[] }) {
  return (
    <datalist id={id}>
      {countries.map((country) => (
        <option key={country.code} value={countryOptionText(country)} />
      ))}
    </datalist>
  );
}

interface CountryPickerProps {
  id: string;
  /** The shared CountryOptionsList's id. */
  listId: string;
  label: string;
  value: string;
  invalid: boolean;
  describedBy: string | undefined;
  onChange(text: string): void;
}

export function CountryPicker({ id, listId, label, value, invalid, describedBy, onChange }: CountryPickerProps) {
  return (
    <input
      id={id}
      className="input"
      type="text"
      aria-label={label}
      aria-invalid={invalid}
      aria-describedby={describedBy}
      list={listId}
      autoComplete="off"
      placeholder="Type a country"
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
