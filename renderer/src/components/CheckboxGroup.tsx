import type { ReactNode } from 'react';
import { errorIdOf, hintIdOf } from './Field';

export interface CheckboxOption<T extends string> {
  value: T;
  label: string;
}

interface CheckboxGroupProps<T extends string> {
  /** The fieldset's id; each box gets `${id}-${value}`. */
  id: string;
  legend: string;
  hint?: ReactNode;
  error?: string | undefined;
  options: readonly CheckboxOption<T>[];
  selected: readonly T[];
  onChange(selected: T[]): void;
  /** "Select all" and "Clear" buttons, for long lists. */
  bulkActions?: boolean;
}

/** Several independent choices in a labelled fieldset; the selection keeps the options' order. */
export function CheckboxGroup<T extends string>({ id, legend, hint, error, options, selected, onChange, bulkActions = false }: CheckboxGroupProps<T>) {
  const describedBy = [hint ? hintIdOf(id) : null, error ? errorIdOf(id) : null].filter(Boolean).join(' ');
  const toggle = (value: T, on: boolean): void => {
    const next = new Set(selected);
    if (on) next.add(value);
    else next.delete(value);
    onChange(options.map((option) => option.value).filter((candidate) => next.has(candidate)));
  };
  return (
    <fieldset id={id} className={error ? 'checkbox-group checkbox-group--invalid' : 'checkbox-group'} aria-describedby={describedBy || undefined}>
      <legend className="field__label">{legend}</legend>
      {hint ? (
        <p className="field__hint" id={hintIdOf(id)}>
          {hint}
        </p>
      ) : null}
      {bulkActions ? (
        <div className="checkbox-group__actions">
          <span className="muted">
            {selected.length} of {options.length} selected
          </span>
          <button type="button" className="button button--ghost button--small" onClick={() => onChange(options.map((option) => option.value))}>
            Select all
          </button>
          <button type="button" className="button button--ghost button--small" onClick={() => onChange([])}>
            Clear
          </button>
        </div>
      ) : null}
      <div className="checkbox-group__options">
        {options.map((option) => (
          <label key={option.value} className="checkbox-group__item" htmlFor={`${id}-${option.value}`}>
            <input
              id={`${id}-${option.value}`}
              type="checkbox"
              checked={selected.includes(option.value)}
              aria-invalid={Boolean(error)}
              onChange={(event) => toggle(option.value, event.target.checked)}
            />
            <span className="checkbox-group__label">{option.label}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p className="field__error" id={errorIdOf(id)}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
