/** Rows per `calls.list` request: a screenful many times over, far below main's limit of 1,000. */
export const CALL_PAGE_SIZE = 200;
/** Pages kept in memory (TanStack's maxPages): scrolling through a million calls must not keep them all. */
export const MAX_PAGES_KEPT = 10;
/**
 * Rows out of view beyond the loaded pages from which the list starts again at the rows on
 * screen instead of reading every page in between (dragging the scroll bar of a million
 * calls to the middle must not read 2,500 pages one after the other).
 */
export const JUMP_ROWS = CALL_PAGE_SIZE * 5;

/** Where the page holding this row starts. */
export const pageStart = (index: number): number => Math.floor(Math.max(index, 0) / CALL_PAGE_SIZE) * CALL_PAGE_SIZE;

export interface LoadedRows {
  /** Position of the first loaded row, and how many are loaded from there. */
  offset: number;
  count: number;
  hasNext: boolean;
  hasPrevious: boolean;
}

export type PagingStep = { kind: 'next' } | { kind: 'previous' } | { kind: 'jump'; pagesFrom: number } | null;

/** What the list reads next for the rows first…last on screen: the page after, the page before, a fresh start there, or nothing. */
export function nextPagingStep(first: number, last: number, loaded: LoadedRows): PagingStep {
  const end = loaded.offset + loaded.count;
  if (first < loaded.offset - JUMP_ROWS || last >= end + JUMP_ROWS) return { kind: 'jump', pagesFrom: pageStart(first) };
  if (last >= end && loaded.hasNext) return { kind: 'next' };
  if (first < loaded.offset && loaded.hasPrevious) return { kind: 'previous' };
  return null;
}

/** The offset of the page after the last one loaded, while main has more. */
export const nextOffset = (lastOffset: number, total: number): number | undefined => (lastOffset + CALL_PAGE_SIZE < total ? lastOffset + CALL_PAGE_SIZE : undefined);
export const previousOffset = (firstOffset: number): number | undefined => (firstOffset > 0 ? Math.max(0, firstOffset - CALL_PAGE_SIZE) : undefined);
