import * as Label from '@radix-ui/react-label';
import type { ReactNode } from 'react';

/** Props every form control in a Field receives, so errors are announced with the control. */
export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  id: string;
  label: string;
  /** Help below the label, e.g. the unit or an example. */
  hint?: ReactNode;
  /** The server's message for this field; shown under the control. */
  error?: string | undefined;
  children: (control: ControlProps) => ReactNode;
  /** Something after the control on the same row (e.g. a unit). */
  suffix?: ReactNode;
}

export const hintIdOf = (id: string): string => `${id}-hint`;
export const errorIdOf = (id: string): string => `${id}-error`;

export function Field({ id, label, hint, error, children, suffix }: FieldProps) {
  const describedBy = [hint ? hintIdOf(id) : null, error ? errorIdOf(id) : null].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <Label.Root className="field__label" htmlFor={id}>
        {label}
      </Label.Root>
      {hint ? (
        <p className="field__hint" id={hintIdOf(id)}>
          {hint}
        </p>
      ) : null}
      <div className="field__control">
        {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy || undefined })}
        {suffix ? <span className="field__suffix">{suffix}</span> : null}
      </div>
      {error ? (
        <p className="field__error" id={errorIdOf(id)}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
