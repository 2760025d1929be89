import { useState, type FocusEvent, type KeyboardEvent } from 'react';

const MOVES: Record<string, (index: number, last: number) => number> = {
  ArrowDown: (index, last) => Math.min(index + 1, last),
  ArrowUp: (index) => Math.max(index - 1, 0),
  Home: () => 0,
  End: (_index, last) => last,
};

function rowOf(target: EventTarget): HTMLTableRowElement | null {
  return target instanceof HTMLElement ? target.closest<HTMLTableRowElement>('tr[data-row-index]') : null;
}

/** Typing in a field of a row keeps its arrow keys. */
function isTextEntry(target: EventTarget): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
}

/**
 * One row of the table is in the Tab order (a roving tabindex); the arrow keys, Home and End
 * move between rows, and Enter or Space on a focused row runs its main action.
 */
export function useRowKeyboard(rowCount: number, activate?: (index: number) => void) {
  const [active, setActive] = useState(0);
  const current = Math.min(active, Math.max(rowCount - 1, 0));

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    const row = rowOf(event.target);
    if (!row || isTextEntry(event.target)) return;
    const index = Number(row.dataset.rowIndex);
    const move = MOVES[event.key];
    if (move) {
      event.preventDefault();
      const next = move(index, rowCount - 1);
      const rows = row.parentElement?.closest('table')?.querySelectorAll<HTMLTableRowElement>('tr[data-row-index]');
      const target = rows ? Array.from(rows).find((candidate) => Number(candidate.dataset.rowIndex) === next) : undefined;
      target?.focus();
      return;
    }
    // Enter and Space on a button or link inside the row are that control's own.
    if ((event.key === 'Enter' || event.key === ' ') && event.target === row && activate) {
      event.preventDefault();
      activate(index);
    }
  }

  function onFocus(event: FocusEvent<HTMLElement>) {
    const row = rowOf(event.target);
    if (row) setActive(Number(row.dataset.rowIndex));
  }

  return { tabIndexOf: (index: number) => (index === current ? 0 : -1), onKeyDown, onFocus };
}
