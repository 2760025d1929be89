import { SIGNUP_ALWAYS_REQUIRED, SIGNUP_FIELD_LABELS, SIGNUP_FIELD_MODES, SIGNUP_FIELDS, type SignupField, type SignupFieldMode } from '../../../../../preload/common/branding';
import type { FieldErrors } from '../../../lib/issues';
import { controlIdOf } from '../brandingForm';

const MODE_LABELS: Record<SignupFieldMode, string> = { hidden: 'Hidden', shown: 'Shown', required: 'Required' };

interface SignupFieldsTableProps {
  fields: Record<SignupField, SignupFieldMode>;
  errors: FieldErrors;
  onChange(field: SignupField, mode: SignupFieldMode): void;
}

/** Each field of the signup form: hidden, shown, or shown and required (name and e-mail always required). */
export function SignupFieldsTable({ fields, errors, onChange }: SignupFieldsTableProps) {
  return (
    <div className="branding-signup">
      <table className="table branding-signup__table">
        <caption className="field__label">Fields of the signup form</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            {SIGNUP_FIELD_MODES.map((mode) => (
              <th key={mode} scope="col">
                {MODE_LABELS[mode]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {SIGNUP_FIELDS.map((field) => {
            const always = SIGNUP_ALWAYS_REQUIRED.includes(field);
            const path = `settings.signup.fields.${field}`;
            return (
              <tr key={field}>
                <th scope="row">
                  {SIGNUP_FIELD_LABELS[field]}
                  {always ? <span className="muted"> (always required)</span> : null}
                  {errors[path] ? <span className="field__error"> {errors[path]}</span> : null}
                </th>
                {SIGNUP_FIELD_MODES.map((mode) => (
                  <td key={mode}>
                    <input
                      id={mode === fields[field] ? controlIdOf(path) : undefined}
                      type="radio"
                      name={`signup-${field}`}
                      aria-label={`${SIGNUP_FIELD_LABELS[field]}: ${MODE_LABELS[mode]}`}
                      checked={fields[field] === mode}
                      disabled={always && mode !== 'required'}
                      onChange={() => onChange(field, mode)}
                    />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
