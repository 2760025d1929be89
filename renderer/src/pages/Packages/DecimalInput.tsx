import type { ControlProps } from '../../components/Field';

interface DecimalInputProps extends ControlProps {
  value: string;
  onChange(text: string): void;
  /** Whole numbers only (free minutes, seconds): a numeric keypad instead of a decimal one. */
  whole?: boolean;
}

/** A text box for exact amounts: kept as typed and sent as text, so main parses it without floats. */
export function DecimalInput({ value, onChange, whole = false, ...control }: DecimalInputProps) {
  return (
    <input
      {...control}
      className="input input--number"
      type="text"
      inputMode={whole ? 'numeric' : 'decimal'}
      autoComplete="off"
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
