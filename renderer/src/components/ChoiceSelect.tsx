import * as Select from '@radix-ui/react-select';
import type { ControlProps } from './Field';
import { Icon } from './Icon';

export interface Choice {
  value: string;
  label: string;
}

interface ChoiceSelectProps extends ControlProps {
  value: string;
  choices: readonly Choice[];
  onChange(value: string): void;
  /** Shown while nothing is chosen (value ""). */
  placeholder?: string;
  disabled?: boolean;
}

/** A Radix select styled like the pulse select, for a fixed list of choices. */
export function ChoiceSelect({ value, choices, onChange, placeholder, disabled, ...control }: ChoiceSelectProps) {
  return (
    <Select.Root value={value} onValueChange={onChange} disabled={disabled}>
      <Select.Trigger className="select__trigger" {...control}>
        <Select.Value placeholder={placeholder ?? 'Choose…'} />
        <Select.Icon className="select__icon">
          <Icon name="chevronDown" size={16} />
        </Select.Icon>
      </Select.Trigger>
      <Select.Portal>
        <Select.Content className="select__content" position="popper" sideOffset={4}>
          <Select.Viewport>
            {choices.map((choice) => (
              <Select.Item key={choice.value} value={choice.value} className="select__item">
                <Select.ItemText>{choice.label}</Select.ItemText>
              </Select.Item>
            ))}
          </Select.Viewport>
        </Select.Content>
      </Select.Portal>
    </Select.Root>
  );
}
