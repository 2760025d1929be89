import * as Select from '@radix-ui/react-select';
import type { CustomRateScopeChoice } from '../../../../../preload/schemas/packages';
import { CountryPicker } from '../../../components/CountryPicker';
import { errorIdOf } from '../../../components/Field';
import { Icon } from '../../../components/Icon';
import type { DataColumn } from '../../../components/DataTable';
import type { RateRow, RateRowField } from '../../../stores/rateDrafts';

export const SCOPE_LABELS: Record<CustomRateScopeChoice, string> = {
  usa: 'USA',
  canada: 'Canada',
  country: 'Country',
  prefix: 'Calling code',
};
const SCOPES = Object.keys(SCOPE_LABELS) as CustomRateScopeChoice[];

/** Control ids of a row, shared with the rates error summary. */
export const rateControlId = (key: number, field: RateRowField): string => `rate-${key}-${field}`;

/** One row of the rates table as its cells need it: the draft, where it stands and main's messages about it. */
export interface RateRowView {
  row: RateRow;
  /** 1-based, as people count rows (and main's messages do). */
  position: number;
  errors: Partial<Record<RateRowField, string>> | undefined;
}

export interface RateRowHandlers {
  countryListId: string;
  onChange(key: number, patch: Partial<Omit<RateRow, 'key' | 'savedLabel'>>): void;
  onRemove(key: number): void;
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p className="field__error" id={errorIdOf(id)}>
      {message}
    </p>
  ) : null;
}

/** What every cell of a row asks: its control ids, error state and name ("row 2"). */
function rowControls({ row, position, errors }: RateRowView) {
  const idOf = (field: RateRowField) => rateControlId(row.key, field);
  return {
    idOf,
    invalid: (field: RateRowField) => Boolean(errors?.[field]),
    describedBy: (field: RateRowField) => (errors?.[field] ? errorIdOf(idOf(field)) : undefined),
    rowName: `row ${position}`,
  };
}

function ScopeCell({ view, handlers }: { view: RateRowView; handlers: RateRowHandlers }) {
  const { row, errors } = view;
  const { idOf, invalid, describedBy, rowName } = rowControls(view);
  return (
    <>
      <Select.Root value={row.scope} onValueChange={(scope) => handlers.onChange(row.key, { scope: scope as CustomRateScopeChoice, value: '' })}>
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
    </>
  );
}

function DestinationCell({ view, handlers }: { view: RateRowView; handlers: RateRowHandlers }) {
  const { row, errors } = view;
  const { idOf, invalid, describedBy, rowName } = rowControls(view);
  return (
    <>
      {row.scope === 'usa' || row.scope === 'canada' ? (
        <span className="rates-table__fixed">All numbers (+1)</span>
      ) : row.scope === 'country' ? (
        <CountryPicker
          id={idOf('value')}
          listId={handlers.countryListId}
          label={`Country, ${rowName}`}
          value={row.value}
          invalid={invalid('value')}
          describedBy={describedBy('value')}
          onChange={(value) => handlers.onChange(row.key, { value })}
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
            onChange={(event) => handlers.onChange(row.key, { value: event.target.value })}
          />
        </span>
      )}
      {row.savedLabel ? <p className="rates-table__label">{row.savedLabel}</p> : null}
      <FieldError id={idOf('value')} message={errors?.value} />
    </>
  );
}

function RateCell({ view, handlers }: { view: RateRowView; handlers: RateRowHandlers }) {
  const { row, errors } = view;
  const { idOf, invalid, describedBy, rowName } = rowControls(view);
  return (
    <>
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
        onChange={(event) => handlers.onChange(row.key, { rate: event.target.value })}
      />
      <FieldError id={idOf('rate')} message={errors?.rate} />
    </>
  );
}

function DescriptionCell({ view, handlers }: { view: RateRowView; handlers: RateRowHandlers }) {
  const { row, errors } = view;
  const { idOf, invalid, describedBy, rowName } = rowControls(view);
  return (
    <>
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
        onChange={(event) => handlers.onChange(row.key, { description: event.target.value })}
      />
      <FieldError id={idOf('description')} message={errors?.description} />
    </>
  );
}

/** The columns of the rates table: every cell is a control of the row's draft. */
export function rateColumns(handlers: RateRowHandlers): readonly DataColumn<RateRowView>[] {
  return [
    { id: 'scope', header: 'Type', cell: (view) => <ScopeCell view={view} handlers={handlers} /> },
    { id: 'value', header: 'Destination', className: 'rates-table__destination', cell: (view) => <DestinationCell view={view} handlers={handlers} /> },
    { id: 'rate', header: 'Rate /min', cell: (view) => <RateCell view={view} handlers={handlers} /> },
    {
      id: 'freeZone',
      header: 'Free zone',
      className: 'rates-table__center',
      cell: ({ row, position }) => (
        <input
          id={rateControlId(row.key, 'freeZone')}
          type="checkbox"
          aria-label={`Free zone, row ${position}`}
          checked={row.freeZone}
          onChange={(event) => handlers.onChange(row.key, { freeZone: event.target.checked })}
        />
      ),
    },
    { id: 'description', header: 'Description', className: 'rates-table__description', cell: (view) => <DescriptionCell view={view} handlers={handlers} /> },
    {
      id: 'remove',
      header: 'Remove',
      hideHeader: true,
      className: 'table__actions',
      cell: ({ row, position }) => (
        <button type="button" className="icon-button icon-button--danger" aria-label={`Remove row ${position}`} onClick={() => handlers.onRemove(row.key)}>
          <Icon name="trash" size={16} />
        </button>
      ),
    },
  ];
}
