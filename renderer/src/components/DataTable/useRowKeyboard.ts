import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';

const MOVES: Record<string, (index: number, last: number) => number> = {
  ArrowDown: (index, last) => Math.min(index + 1, last),
  ArrowUp: (index) => Math.max(index - 1, 0),
  Home: () => 0,
  End: (_index, last) => last,
};

function rowOf(target: EventTarget): HTMLTableRowElement | null {
  return target instanceof HTMLElement ? target.closest<HTMLTableRowElement>('tr[data-row-index]') : null;
}

function rowAt(table: HTMLTableElement | null | undefined, index: number): HTMLTableRowElement | undefined {
  const rows = table?.querySelectorAll<HTMLTableRowElement>('tr[data-row-index]');
  return rows ? Array.from(rows).find((candidate) => Number(candidate.dataset.rowIndex) === index) : undefined;
}

/** Typing in a field of a row keeps its arrow keys. */
function isTextEntry(target: EventTarget): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
}

/**
 * One row of the table is in the Tab order (a roving tabindex); the arrow keys, Home and End
 * move between rows, and Enter or Space on a focused row runs its main action. A virtualised
 * table renders only the rows in view: `reveal` scrolls a row there, and it takes the focus
 * once rendered.
 */
export function useRowKeyboard(rowCount: number, activate?: (index: number) => void, reveal?: (index: number) => void) {
  const [active, setActive] = useState(0);
  const current = Math.min(active, Math.max(rowCount - 1, 0));
  const pending = useRef<{ table: HTMLTableElement; index: number } | null>(null);

  // After each render: the row scrolled into view for the keyboard is there now, or on a later render.
  useEffect(() => {
    const wanted = pending.current;
    const row = wanted ? rowAt(wanted.table, wanted.index) : undefined;
    if (row) {
      pending.current = null;
      row.focus();
    }
  });

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    const row = rowOf(event.target);
    if (!row || isTextEntry(event.target)) return;
    const index = Number(row.dataset.rowIndex);
    const move = MOVES[event.key];
    if (move) {
      event.preventDefault();
      const next = move(index, rowCount - 1);
      const table = row.closest('table');
      const target = rowAt(table, next);
      if (target) target.focus();
      else if (reveal && table) {
        pending.current = { table, index: next };
        setActive(next);
        reveal(next);
      }
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
