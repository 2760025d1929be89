import type { ReactNode } from 'react';
import type { CallView } from '../../../../preload/schemas/calls';
import type { DataColumn } from '../../components/DataTable';
import { Icon } from '../../components/Icon';
import { Money } from '../../components/Money';
import { PhoneNumber } from '../../components/PhoneNumber';
import { SignedMoney } from '../../components/SignedMoney';
import { hrefTo } from '../../lib/router';
import { dispositionLabel, directionLabel, formatCount, isDialledNumber, pricedByLabel, splitStartedAt } from './callLabels';

/**
 * A column of the call tables, with a fixed width (a virtualised table must not re-flow its
 * columns as rows scroll in). No column has a sort value: main sends a page at a time in the
 * list's order (by date, newest or oldest first: the order control above the table), and
 * sorting a page in memory would look like the whole list's order. Rows keep keyboard access.
 */
export type CallColumn = DataColumn<CallView> & { width: number };

function TwoLines({ main, sub, title }: { main: ReactNode; sub?: ReactNode; title?: string }) {
  return (
    <span className="call-cell" title={title}>
      <span className="call-cell__main">{main}</span>
      {sub ? <span className="call-cell__sub">{sub}</span> : null}
    </span>
  );
}

const date: CallColumn = {
  id: 'date',
  header: 'Date',
  width: 96,
  cell: (call) => {
    const [day, time] = splitStartedAt(call.startedAt);
    return <TwoLines main={<time dateTime={call.startedAt.replace(' ', 'T')}>{day}</time>} sub={time} />;
  },
};

const account: CallColumn = {
  id: 'account',
  header: 'Sub account / client',
  width: 150,
  cell: (call) => (
    <TwoLines
      title={call.clientName ? `${call.account} — ${call.clientName}` : call.account}
      main={call.account}
      sub={call.clientId !== null && call.clientName ? <a href={hrefTo(`/clients/${call.clientId}`)}>{call.clientName}</a> : 'No client'}
    />
  ),
};

/** The direction is an arrow with its word for screen readers: a CDR has too many columns for a word each. */
function Direction({ direction }: { direction: CallView['direction'] }) {
  const label = directionLabel(direction);
  return (
    <span className={`call-direction call-direction--${direction}`} title={label}>
      <Icon name={direction === 'inbound' ? 'arrowDownLeft' : 'arrowUpRight'} size={14} />
      <span className="visually-hidden">{label}: </span>
    </span>
  );
}

const destination: CallColumn = {
  id: 'destination',
  header: 'Direction & destination',
  width: 150,
  cell: (call) => (
    <TwoLines
      title={`${directionLabel(call.direction)}${call.description ? ` — ${call.description}` : ''}`}
      main={
        <>
          <Direction direction={call.direction} />
          {isDialledNumber(call.destination) ? <PhoneNumber digits={call.destination} /> : call.destination || '—'}
        </>
      }
      sub={call.description || undefined}
    />
  ),
};

const disposition: CallColumn = { id: 'disposition', header: 'Disposition', width: 92, cell: (call) => dispositionLabel(call.disposition) };
/** What the billing pulse made of the call's seconds, and how many the free minutes paid for. */
function billedText(call: CallView): string | undefined {
  if (call.status !== 'rated' || call.seconds === 0) return undefined;
  const parts = [];
  if (call.billedSeconds > 0 || call.freeSeconds === 0) parts.push(`${formatCount(call.billedSeconds)} billed`);
  if (call.freeSeconds > 0) parts.push(`${formatCount(call.freeSeconds)} free`);
  return parts.join(', ');
}

const seconds: CallColumn = {
  id: 'seconds',
  header: 'Duration / billed (s)',
  width: 80,
  numeric: true,
  cell: (call) => {
    const billed = billedText(call);
    return <TwoLines main={formatCount(call.seconds)} sub={billed} title={billed ? `${formatCount(call.seconds)} seconds, ${billed}` : undefined} />;
  },
};

const secondsOnly: CallColumn = { id: 'seconds', header: 'Seconds', width: 80, numeric: true, cell: (call) => formatCount(call.seconds) };

const charge: CallColumn = { id: 'charge', header: 'Sell', width: 70, numeric: true, cell: (call) => <Money value={call.charge} kind="perCall" /> };
const callerId: CallColumn = { id: 'callerId', header: 'Caller ID', width: 120, cell: (call) => <span className="call-cell__clip" title={call.callerId}>{call.callerId || '—'}</span> };
const country: CallColumn = { id: 'country', header: 'Country', width: 104, cell: (call) => <span className="call-cell__clip" title={call.countryName ?? undefined}>{call.countryName ?? '—'}</span> };
const cost: CallColumn = { id: 'cost', header: 'Cost', width: 68, numeric: true, cell: (call) => <Money value={call.cost} kind="perCall" /> };
const profit: CallColumn = { id: 'profit', header: 'Profit', width: 74, numeric: true, cell: (call) => <SignedMoney value={call.profit} kind="perCall" /> };

const rule: CallColumn = {
  id: 'rule',
  header: 'Priced by',
  width: 112,
  cell: (call) =>
    call.status === 'unrated' ? (
      <span className="badge badge--warning" title={call.unratedReason ?? undefined}>
        Unrated
      </span>
    ) : (
      <span className="badge">{pricedByLabel(call.status, call.rule)}</span>
    ),
};

const reason: CallColumn = {
  id: 'reason',
  header: 'Why it is unrated',
  width: 300,
  cell: (call) => <span className="call-reason">{call.unratedReason ?? 'No reason recorded'}</span>,
};

/** The Global CDR: what the provider said, and what the client pays for it (the CSV export has the same columns). */
export const CALL_COLUMNS: readonly CallColumn[] = [date, account, callerId, destination, country, disposition, seconds, cost, charge, profit, rule];

/** Simple View (the guide): the same list without the call type (disposition). */
export const SIMPLE_CALL_COLUMNS: readonly CallColumn[] = CALL_COLUMNS.filter((column) => column !== disposition);

/** Unrated calls: what the provider said and the reason the call could not be priced. */
export const UNRATED_COLUMNS: readonly CallColumn[] = [date, account, destination, disposition, secondsOnly, cost, reason];
