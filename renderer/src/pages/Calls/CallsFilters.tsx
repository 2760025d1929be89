import { ChoiceSelect, type Choice } from '../../components/ChoiceSelect';
import { Field } from '../../components/Field';
import type { CallClientChoice } from '../../queries/calls';
import { isFiltered, NO_CALL_FILTER, type CallFilter, type CallStatusFilter } from '../../stores/callFilter';

const ALL_CLIENTS = 'all';

const STATUS_CHOICES: { value: CallStatusFilter; label: string }[] = [
  { value: 'all', label: 'Rated and unrated' },
  { value: 'rated', label: 'Rated' },
  { value: 'unrated', label: 'Unrated' },
];

const isStatusFilter = (value: string): value is CallStatusFilter => STATUS_CHOICES.some((choice) => choice.value === value);

interface CallsFiltersProps {
  filter: CallFilter;
  clients: readonly CallClientChoice[];
  onChange(change: Partial<CallFilter>): void;
}

/** Client, date range and status above the Global CDR; main does the filtering. */
export function CallsFilters({ filter, clients, onChange }: CallsFiltersProps) {
  const clientChoices: Choice[] = [
    { value: ALL_CLIENTS, label: 'All clients' },
    ...clients.map((client) => ({ value: String(client.id), label: client.closed ? `${client.name} (closed)` : client.name })),
  ];
  const rangeBackwards = filter.from !== '' && filter.to !== '' && filter.to < filter.from;
  return (
    <div className="toolbar calls-filters" role="search" aria-label="Filter calls">
      <Field id="calls-client" label="Client">
        {(control) => (
          <ChoiceSelect
            {...control}
            value={filter.clientId === null ? ALL_CLIENTS : String(filter.clientId)}
            choices={clientChoices}
            onChange={(value) => onChange({ clientId: value === ALL_CLIENTS ? null : Number(value) })}
          />
        )}
      </Field>
      <Field id="calls-from" label="From" error={rangeBackwards ? 'After “To”' : undefined}>
        {(control) => <input {...control} className="input input--date" type="date" value={filter.from} max={filter.to || undefined} onChange={(event) => onChange({ from: event.target.value })} />}
      </Field>
      <Field id="calls-to" label="To">
        {(control) => <input {...control} className="input input--date" type="date" value={filter.to} min={filter.from || undefined} onChange={(event) => onChange({ to: event.target.value })} />}
      </Field>
      <Field id="calls-status" label="Status">
        {(control) => (
          <ChoiceSelect
            {...control}
            value={filter.status}
            choices={STATUS_CHOICES}
            onChange={(value) => {
              if (isStatusFilter(value)) onChange({ status: value });
            }}
          />
        )}
      </Field>
      {isFiltered(filter) ? (
        <button type="button" className="button button--ghost calls-filters__clear" onClick={() => onChange(NO_CALL_FILTER)}>
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
