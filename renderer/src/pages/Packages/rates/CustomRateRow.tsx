import * as Select from '@radix-ui/react-select';
import type { CustomRateScopeChoice } from '../../../../../preload/schemas/packages';
import { CountryPicker } from '../../../components/CountryPicker';
import { errorIdOf } from '../../../components/Field';
import { Icon } from '../../../components/Icon';
import type { RateRow, RateRowField } from '../../../stores/pricingRates';

export const SCOPE_LABELS: Record<CustomRateScopeChoice, string> = {
  usa: 'USA',
  canada: 'Canada',
  country: 'Country',
  prefix: 'Calling code',
};
const SCOPES = Object.keys(SCOPE_LABELS) as CustomRateScopeChoice[];

/** Control ids of a row, shared with the rates error summary. */
export const rateControlId = (key: number, field: RateRowField): string => `rate-${key}-${field}`;

interface CustomRateRowProps {
  row: RateRow;
  /** 1-based, as people count rows (and main's messages do). */
  position: number;
  errors: Partial<Record<RateRowField, string>> | undefined;
  countryListId: string;
  onChange(patch: Partial<Omit<RateRow, 'key' | 'savedLabel'>>): void;
  onRemove(): void;
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p className="field__error" id={errorIdOf(id)}>
      {message}
    </p>
  ) : null;
}

export function CustomRateRow({ row, position, errors, countryListId, onChange, onRemove }: CustomRateRowProps) {
  const idOf = (field: RateRowField) => rateControlId(row.key, field);
  const invalid = (field: RateRowField) => Boolean(errors?.[field]);
  const describedBy = (field: RateRowField) => (errors?.[field] ? errorIdOf(idOf(field)) : undefined);
  const rowName = `row ${position}`;

  return (
    <tr className={errors ? 'rates-table__row rates-table__row--invalid' : 'rates-table__row'}>
      <td>
        <Select.Root value={row.scope} onValueChange={(scope) => onChange({ scope: scope as CustomRateScopeChoice, value: '' })}>
          <Select.Trigger
            id={idOf('scope')}
            className="select__trigger"
            aria-label={`Destination type, ${rowName}`}
            aria-invalid={invalid('scope')}
            aria-describedby={describedBy('scope')}
          >
            <Select.Value />
            <Select.Icon className="select__icon">
              <Icon name="chevronDown" size={16} />
            </Select.Icon>
          </Select.Trigger>
          <Select.Portal>
            <Select.Content className="select__content" position="popper" sideOffset={4}>
              <Select.Viewport>
                {SCOPES.map((scope) => (
                  <Select.Item key={scope} value={scope} className="select__item">
                    <Select.ItemText>{SCOPE_LABELS[scope]}</Select.ItemText>
                  </Select.Item>
                ))}
              </Select.Viewport>
            </Select.Content>
          </Select.Portal>
        </Select.Root>
        <FieldError id={idOf('scope')} message={errors?.scope} />
      </td>
      <td className="rates-table__destination">
        {row.scope === 'usa' || row.scope === 'canada' ? (
          <span className="rates-table__fixed">All numbers (+1)</span>
        ) : row.scope === 'country' ? (
          <CountryPicker
            id={idOf('value')}
            listId={countryListId}
            label={`Country, ${rowName}`}
            value={row.value}
            invalid={invalid('value')}
            describedBy={describedBy('value')}
            onChange={(value) => onChange({ value })}
          />
        ) : (
          <span className="input-prefixed">
            <span className="input-prefixed__sign" aria-hidden="true">
              +
            </span>
            <input
              id={idOf('value')}
              className="input"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              placeholder="e.g. 447"
              aria-label={`Calling code, ${rowName}`}
              aria-invalid={invalid('value')}
              aria-describedby={describedBy('value')}
              value={row.value}
              onChange={(event) => onChange({ value: event.target.value })}
            />
          </span>
        )}
        {row.savedLabel ? <p className="rates-table__label">{row.savedLabel}</p> : null}
        <FieldError id={idOf('value')} message={errors?.value} />
      </td>
      <td>
        <input
          id={idOf('rate')}
          className="input input--number"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          placeholder="0.0000"
          aria-label={`Rate per minute, ${rowName}`}
          aria-invalid={invalid('rate')}
          aria-describedby={describedBy('rate')}
          value={row.rate}
          onChange={(event) => onChange({ rate: event.target.value })}
        />
        <FieldError id={idOf('rate')} message={errors?.rate} />
      </td>
      <td className="rates-table__center">
        <input
          id={idOf('freeZone')}
          type="checkbox"
          aria-label={`Free zone, ${rowName}`}
          checked={row.freeZone}
          onChange={(event) => onChange({ freeZone: event.target.checked })}
        />
      </td>
      <td className="rates-table__description">
        <input
          id={idOf('description')}
          className="input"
          type="text"
          autoComplete="off"
          maxLength={120}
          aria-label={`Description, ${rowName}`}
          aria-invalid={invalid('description')}
          aria-describedby={describedBy('description')}
          value={row.description}
          onChange={(event) => onChange({ description: event.target.value })}
        />
        <FieldError id={idOf('description')} message={errors?.description} />
      </td>
      <td className="table__actions">
        <button type="button" className="icon-button icon-button--danger" aria-label={`Remove ${rowName}`} onClick={onRemove}>
          <Icon name="trash" size={16} />
        </button>
      </td>
    </tr>
  );
}
