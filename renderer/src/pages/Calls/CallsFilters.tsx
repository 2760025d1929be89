import { ChoiceSelect, type Choice } from '../../components/ChoiceSelect';
import { Field } from '../../components/Field';
import type { CallClientChoice } from '../../queries/calls';
import type { SubaccountSummary } from '../../../../preload/schemas/clients';
import { isFiltered, NO_CALL_FILTER, type CallFilter, type CdrView } from '../../stores/callFilter';

const ALL = 'all';

const STATUS_CHOICES: Choice[] = [
  { value: 'all', label: 'Rated and unrated' },
  { value: 'rated', label: 'Rated' },
  { value: 'unrated', label: 'Unrated' },
];
const DIRECTION_CHOICES: Choice[] = [
  { value: ALL, label: 'In and out' },
  { value: 'inbound', label: 'Inbound' },
  { value: 'outbound', label: 'Outbound' },
];
const TYPE_CHOICES: Choice[] = [
  { value: ALL, label: 'All call types' },
  { value: 'ANSWERED', label: 'Answered' },
  { value: 'NO ANSWER', label: 'No answer' },
  { value: 'BUSY', label: 'Busy' },
  { value: 'FAILED', label: 'Failed' },
];

interface CallsFiltersProps {
  filter: CallFilter;
  /** The clients to choose from; absent on a client's own CDR (the client is fixed). */
  clients?: readonly CallClientChoice[];
  /** The sub accounts of the chosen client. */
  subaccounts: readonly SubaccountSummary[];
  view: CdrView;
  onChange(change: Partial<CallFilter>): void;
}

/** Client, sub account, dates, direction, call type (Standard View only), search and status above the CDR; main does the filtering. */
export function CallsFilters({ filter, clients, subaccounts, view, onChange }: CallsFiltersProps) {
  const rangeBackwards = filter.from !== '' && filter.to !== '' && filter.to < filter.from;
  const fixedClient = clients === undefined;
  const subaccountChoices: Choice[] = [{ value: ALL, label: 'All sub accounts' }, ...subaccounts.map((sub) => ({ value: String(sub.id), label: sub.account }))];
  const cleared: Partial<CallFilter> = fixedClient ? { ...NO_CALL_FILTER, clientId: filter.clientId, order: filter.order } : { ...NO_CALL_FILTER, order: filter.order };
  const filtered = fixedClient ? isFiltered({ ...filter, clientId: null }) : isFiltered(filter);
  return (
    <div className="toolbar calls-filters" role="search" aria-label="Filter calls">
      {clients ? (
        <Field id="calls-client" label="Client">
          {(control) => (
            <ChoiceSelect
              {...control}
              value={filter.clientId === null ? ALL : String(filter.clientId)}
              choices={[{ value: ALL, label: 'All clients' }, ...clients.map((client) => ({ value: String(client.id), label: client.closed ? `${client.name} (closed)` : client.name }))]}
              onChange={(value) => onChange({ clientId: value === ALL ? null : Number(value), subaccountId: null })}
            />
          )}
        </Field>
      ) : null}
      {filter.clientId !== null ? (
        <Field id="calls-subaccount" label="Sub account">
          {(control) => (
            <ChoiceSelect
              {...control}
              value={filter.subaccountId === null ? ALL : String(filter.subaccountId)}
              choices={subaccountChoices}
              onChange={(value) => onChange({ subaccountId: value === ALL ? null : Number(value) })}
            />
          )}
        </Field>
      ) : null}
      <Field id="calls-from" label="From" error={rangeBackwards ? 'After “To”' : undefined}>
        {(control) => <input {...control} className="input input--date" type="date" value={filter.from} max={filter.to || undefined} onChange={(event) => onChange({ from: event.target.value })} />}
      </Field>
      <Field id="calls-to" label="To">
        {(control) => <input {...control} className="input input--date" type="date" value={filter.to} min={filter.from || undefined} onChange={(event) => onChange({ to: event.target.value })} />}
      </Field>
      <Field id="calls-direction" label="Direction">
        {(control) => (
          <ChoiceSelect
            {...control}
            value={filter.direction === '' ? ALL : filter.direction}
            choices={DIRECTION_CHOICES}
            onChange={(value) => onChange({ direction: value === 'inbound' || value === 'outbound' ? value : '' })}
          />
        )}
      </Field>
      {view === 'standard' ? (
        <Field id="calls-type" label="Call type">
          {(control) => (
            <ChoiceSelect
              {...control}
              value={filter.disposition === '' ? ALL : filter.disposition}
              choices={TYPE_CHOICES}
              onChange={(value) => onChange({ disposition: value === 'ANSWERED' || value === 'NO ANSWER' || value === 'BUSY' || value === 'FAILED' ? value : '' })}
            />
          )}
        </Field>
      ) : null}
      <Field id="calls-search" label="Destination or country">
        {(control) => (
          <input
            {...control}
            className="input calls-filters__search"
            type="search"
            placeholder="44, Canada…"
            maxLength={100}
            value={filter.search}
            onChange={(event) => onChange({ search: event.target.value })}
          />
        )}
      </Field>
      <Field id="calls-status" label="Status">
        {(control) => (
          <ChoiceSelect
            {...control}
            value={filter.status}
            choices={STATUS_CHOICES}
            onChange={(value) => onChange({ status: value === 'rated' || value === 'unrated' ? value : 'all' })}
          />
        )}
      </Field>
      {filtered ? (
        <button type="button" className="button button--ghost calls-filters__clear" onClick={() => onChange(cleared)}>
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
