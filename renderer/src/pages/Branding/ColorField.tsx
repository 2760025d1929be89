import { BRAND_COLOR_LABELS, isNewVersionOnly, normalizeHexColor, type BrandColor } from '../../../../preload/common/branding';
import { Field } from '../../components/Field';
import { controlIdOf } from './brandingForm';
import { NewVersionOnly } from './Notes';

interface ColorFieldProps {
  color: BrandColor;
  /** The hex text as typed. */
  value: string;
  error?: string | undefined;
  /** Configuring the Old version: its colour cannot be set there. */
  oldVersion: boolean;
  onChange(text: string): void;
}

/** A portal colour: the system's colour picker and the hex text, kept in step both ways. */
export function ColorField({ color, value, error, oldVersion, onChange }: ColorFieldProps) {
  const label = BRAND_COLOR_LABELS[color];
  const newOnly = isNewVersionOnly(`colors.${color}`);
  const disabled = newOnly && oldVersion;
  const normalized = normalizeHexColor(value);
  return (
    <Field
      id={controlIdOf(`settings.colors.${color}`)}
      label={label}
      error={error}
      hint={newOnly ? <>{<NewVersionOnly />}{disabled ? ' Configure the New version to change it.' : null}</> : 'Hex, e.g. #1a2b3c.'}
    >
      {(control) => (
        <span className="branding-color">
          <input
            type="color"
            className="branding-color__swatch"
            aria-label={`${label} colour picker`}
            value={normalized ?? '#000000'}
            disabled={disabled}
            onChange={(event) => onChange(event.target.value)}
          />
          <input
            {...control}
            className="input branding-color__hex"
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={value}
            disabled={disabled}
            onChange={(event) => onChange(event.target.value)}
          />
        </span>
      )}
    </Field>
  );
}
