import type { CdrBatch } from '../../main/cdr';

/** A parsed batch of `size` answered calls of an unknown account (they are stored unrated), ids `${prefix}-${n}`. */
export function cdrBatch(from: number, size: number, prefix = 'job'): CdrBatch {
  const good = Array.from({ length: size }, (_, index) => ({
    line: from + index + 2,
    callId: `${prefix}-${from + index}`,
    startedAt: '2026-11-26 10:00:00',
    callerId: '',
    destination: '15145551234',
    description: '',
    account: '100000_nobody',
    disposition: 'ANSWERED' as const,
    seconds: 30,
    costRate: null,
    costTotal: null,
    direction: 'outbound' as const,
    didNumber: null,
  }));
  return { good, rejected: [], linesRead: from + size + 1, bytesRead: (from + size) * 100 };
}
