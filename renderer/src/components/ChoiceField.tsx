import type { ReactNode } from 'react';
import { errorIdOf, hintIdOf } from './Field';

export interface Choice<T extends string> {
  value: T;
  label: string;
  description?: ReactNode;
}

interface ChoiceFieldProps<T extends string> {
  /** The fieldset's id; each radio gets `${id}-${value}`. */
  id: string;
  legend: string;
  hint?: ReactNode;
  error?: string | undefined;
  value: T;
  choices: readonly Choice<T>[];
  onChange(value: T): void;
  /** Side by side instead of stacked (short labels such as Value / Premium). */
  inline?: boolean;
}

export const choiceIdOf = (id: string, value: string): string => `${id}-${value}`;

/** One of a few choices as native radios in a labelled fieldset: arrow keys move between them. */
export function ChoiceField<T extends string>({ id, legend, hint, error, value, choices, onChange, inline = false }: ChoiceFieldProps<T>) {
  const describedBy = [hint ? hintIdOf(id) : null, error ? errorIdOf(id) : null].filter(Boolean).join(' ');
  return (
    <fieldset id={id} className={error ? 'option-group option-group--invalid' : 'option-group'} aria-describedby={describedBy || undefined}>
      <legend className="field__label">{legend}</legend>
      {hint ? (
        <p className="field__hint" id={hintIdOf(id)}>
          {hint}
        </p>
      ) : null}
      <div className={inline ? 'option-group__options option-group__options--inline' : 'option-group__options'}>
        {choices.map((choice) => {
          const choiceId = choiceIdOf(id, choice.value);
          return (
            <div key={choice.value} className="option-card">
              <input
                id={choiceId}
                type="radio"
                name={id}
                value={choice.value}
                checked={value === choice.value}
                aria-invalid={Boolean(error)}
                aria-describedby={choice.description ? `${choiceId}-description` : undefined}
                onChange={() => onChange(choice.value)}
              />
              <div className="option-card__text">
                <label className="option-card__label" htmlFor={choiceId}>
                  {choice.label}
                </label>
                {choice.description ? (
                  <div className="option-card__description" id={`${choiceId}-description`}>
                    {choice.description}
                  </div>
                ) : null}
              </div>
            </div>
          );
        })}
      </div>
      {error ? (
        <p className="field__error" id={errorIdOf(id)}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
