import { useState } from 'react';
import type { ControlProps } from '../../components/Field';

interface PasswordInputProps extends ControlProps {
  value: string;
  onChange(value: string): void;
}

/** Hidden while typed; "Show" reveals it for checking, with the state announced on the button. */
export function PasswordInput({ value, onChange, ...control }: PasswordInputProps) {
  const [shown, setShown] = useState(false);
  return (
    <>
      <input
        {...control}
        className="input input--password"
        type={shown ? 'text' : 'password'}
        autoComplete="new-password"
        spellCheck={false}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      <button type="button" className="button button--secondary button--small" aria-pressed={shown} onClick={() => setShown((current) => !current)}>
        {shown ? 'Hide' : 'Show'}
      </button>
    </>
  );
}
