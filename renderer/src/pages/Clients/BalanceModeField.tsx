import { errorIdOf } from '../../components/Field';

const MODES = [
  {
    value: 'soft',
    label: 'SOFT balance',
    explanation: 'Never suspended: the client keeps using the service even at zero or a negative balance.',
  },
  {
    value: 'hard',
    label: 'HARD balance',
    explanation: 'Suspended as soon as the balance is zero or below, and active again when a payment brings it above zero.',
  },
] as const;

interface BalanceModeFieldProps {
  value: 'soft' | 'hard';
  error: string | undefined;
  onChange(value: 'soft' | 'hard'): void;
}

/** Guide: "choose between soft and hard balance" — each choice says what it does. */
export function BalanceModeField({ value, error, onChange }: BalanceModeFieldProps) {
  const errorId = errorIdOf('client-balance-mode');
  return (
    <fieldset className={error ? 'field choice-group field--invalid' : 'field choice-group'} aria-describedby={error ? errorId : undefined}>
      <legend className="field__label">Balance mode</legend>
      {MODES.map((mode) => (
        <label key={mode.value} className="choice" htmlFor={`client-balance-mode-${mode.value}`}>
          <input
            id={`client-balance-mode-${mode.value}`}
            type="radio"
            name="balanceMode"
            value={mode.value}
            checked={value === mode.value}
            onChange={() => onChange(mode.value)}
          />
          <span className="choice__text">
            <span className="choice__label">{mode.label}</span>
            <span className="choice__hint">{mode.explanation}</span>
          </span>
        </label>
      ))}
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
