import type { ClientStatusView } from '../../../preload/schemas/clients';

const LABELS: Record<ClientStatusView, string> = { active: 'Active', suspended: 'Suspended', closed: 'Closed' };
const TONES: Record<ClientStatusView, string> = { active: 'badge badge--success', suspended: 'badge badge--danger', closed: 'badge' };

/** A client's status as a word in a pill; the colour only repeats what the word says. */
export function ClientStatusBadge({ status }: { status: ClientStatusView }) {
  return <span className={TONES[status]}>{LABELS[status]}</span>;
}

export const BALANCE_MODE_LABELS = { soft: 'SOFT', hard: 'HARD' } as const;
