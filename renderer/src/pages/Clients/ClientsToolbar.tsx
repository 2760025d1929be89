import { ChoiceSelect } from '../../components/ChoiceSelect';
import { Field } from '../../components/Field';
import type { ClientListQuery, ClientStatusFilter } from '../../queries/clients';

const STATUS_CHOICES: { value: ClientStatusFilter; label: string }[] = [
  { value: 'open', label: 'Open (active and suspended)' },
  { value: 'all', label: 'All, closed included' },
  { value: 'active', label: 'Active' },
  { value: 'suspended', label: 'Suspended' },
  { value: 'closed', label: 'Closed (deleted)' },
];

const isStatusFilter = (value: string): value is ClientStatusFilter => STATUS_CHOICES.some((choice) => choice.value === value);

interface ClientsToolbarProps {
  query: ClientListQuery;
  onChange(change: Partial<ClientListQuery>): void;
}

/** Search and filters above the client list; main does the searching. */
export function ClientsToolbar({ query, onChange }: ClientsToolbarProps) {
  return (
    <div className="toolbar" role="search" aria-label="Find clients">
      <div className="toolbar__search">
        <Field id="client-search" label="Search" hint="Name, company, e-mail or phone.">
          {(control) => (
            <input
              {...control}
              className="input"
              type="search"
              autoComplete="off"
              value={query.search}
              onChange={(event) => onChange({ search: event.target.value })}
            />
          )}
        </Field>
      </div>
      <Field id="client-status-filter" label="Status" hint="Which clients to list.">
        {(control) => (
          <ChoiceSelect
            {...control}
            value={query.status}
            choices={STATUS_CHOICES}
            onChange={(value) => {
              if (isStatusFilter(value)) onChange({ status: value });
            }}
          />
        )}
      </Field>
      <label className="checkbox toolbar__checkbox">
        <input type="checkbox" checked={query.negativeOnly} onChange={(event) => onChange({ negativeOnly: event.target.checked })} />
        Only negative balances
      </label>
    </div>
  );
}
