import * as Select from '@radix-ui/react-select';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { FIELD_IDS } from './packageFields';
import { OTHER_PULSE, PULSE_PRESETS, describePulse } from './pulse';

interface PulseFieldProps {
  choice: string;
  custom: string;
  error: string | undefined;
  onChoiceChange(choice: string): void;
  onCustomChange(text: string): void;
}

/**
 * Guide: the pulse is the charge increment (60 = by the minute). The usual steps are a
 * Radix select; "Other" reveals a text box for any whole number of seconds. The server's
 * message goes under whichever control holds the value.
 */
export function PulseField({ choice, custom, error, onChoiceChange, onCustomChange }: PulseFieldProps) {
  const isOther = choice === OTHER_PULSE;
  return (
    <div className="field-group">
      <Field
        id={FIELD_IDS.pulseChoice}
        label="Pulse"
        hint="The billing increment. Calls are rounded up to a whole number of pulses."
        error={isOther ? undefined : error}
      >
        {(control) => (
          <Select.Root value={choice} onValueChange={onChoiceChange}>
            <Select.Trigger className="select__trigger" {...control}>
              <Select.Value />
              <Select.Icon className="select__icon">
                <Icon name="chevronDown" size={16} />
              </Select.Icon>
            </Select.Trigger>
            <Select.Portal>
              <Select.Content className="select__content" position="popper" sideOffset={4}>
                <Select.Viewport>
                  {PULSE_PRESETS.map((seconds) => (
                    <Select.Item key={seconds} value={String(seconds)} className="select__item">
                      <Select.ItemText>
                        {seconds} s — {describePulse(seconds).toLowerCase()}
                      </Select.ItemText>
                    </Select.Item>
                  ))}
                  <Select.Item value={OTHER_PULSE} className="select__item">
                    <Select.ItemText>Other…</Select.ItemText>
                  </Select.Item>
                </Select.Viewport>
              </Select.Content>
            </Select.Portal>
          </Select.Root>
        )}
      </Field>
      {isOther ? (
        <Field id={FIELD_IDS.pulseCustom} label="Pulse in seconds" error={error} suffix="seconds">
          {(control) => (
            <input
              {...control}
              className="input input--short"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              value={custom}
              onChange={(event) => onCustomChange(event.target.value)}
            />
          )}
        </Field>
      ) : null}
    </div>
  );
}
