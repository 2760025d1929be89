import type { ReactNode } from 'react';
import { errorIdOf, hintIdOf } from './Field';

interface CheckboxFieldProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  checked: boolean;
  onChange(checked: boolean): void;
}

/** A yes/no option: the box, its label beside it, the explanation and any error below. */
export function CheckboxField({ id, label, hint, error, checked, onChange }: CheckboxFieldProps) {
  const describedBy = [hint ? hintIdOf(id) : null, error ? errorIdOf(id) : null].filter(Boolean).join(' ');
  return (
    <div className={error ? 'checkbox-field checkbox-field--invalid' : 'checkbox-field'}>
      <input
        id={id}
        type="checkbox"
        className="checkbox-field__box"
        checked={checked}
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy || undefined}
        onChange={(event) => onChange(event.target.checked)}
      />
      <div className="checkbox-field__text">
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
        {hint ? (
          <p className="field__hint" id={hintIdOf(id)}>
            {hint}
          </p>
        ) : null}
        {error ? (
          <p className="field__error" id={errorIdOf(id)}>
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
