import { describe, expect, it } from 'vitest';
import { CALL_PAGE_SIZE, JUMP_ROWS, MAX_PAGES_KEPT, nextOffset, nextPagingStep, pageStart, previousOffset, type LoadedRows } from '../../../renderer/src/queries/callPaging';

const loaded = (offset: number, pages: number, total: number): LoadedRows => ({
  offset,
  count: Math.min(pages * CALL_PAGE_SIZE, total - offset),
  hasNext: offset + pages * CALL_PAGE_SIZE < total,
  hasPrevious: offset > 0,
});

describe('what the call list reads next for the rows on screen', () => {
  it.each([
    { case: 'rows on screen all loaded', first: 10, last: 40, rows: loaded(0, 1, 5000), step: null },
    { case: 'the view reaches past the last loaded row', first: 190, last: 210, rows: loaded(0, 1, 5000), step: { kind: 'next' } },
    { case: 'the end of the list is loaded', first: 4990, last: 4999, rows: loaded(4800, 1, 5000), step: null },
    { case: 'the view reaches above the first loaded row', first: 1390, last: 1410, rows: loaded(1400, 1, 5000), step: { kind: 'previous' } },
    { case: 'a drag far past the loaded pages', first: 4990, last: 4999, rows: loaded(0, 1, 5000), step: { kind: 'jump', pagesFrom: 4800 } },
    { case: 'a drag far above the loaded pages', first: 10, last: 30, rows: loaded(3000, 2, 5000), step: { kind: 'jump', pagesFrom: 0 } },
  ])('$case', ({ first, last, rows, step }) => {
    expect(nextPagingStep(first, last, rows)).toEqual(step);
  });

  it('a jump starts at the page holding the first row on screen', () => {
    expect(pageStart(0)).toBe(0);
    expect(pageStart(CALL_PAGE_SIZE - 1)).toBe(0);
    expect(pageStart(CALL_PAGE_SIZE)).toBe(CALL_PAGE_SIZE);
    expect(pageStart(123_456)).toBe(123_400);
  });

  it('pages follow one another to the end of the list and back to its start', () => {
    expect(nextOffset(0, 5000)).toBe(200);
    expect(nextOffset(4800, 5000)).toBeUndefined();
    expect(nextOffset(0, 200)).toBeUndefined();
    expect(previousOffset(200)).toBe(0);
    expect(previousOffset(0)).toBeUndefined();
  });

  it('scrolling a screenful at a time reads each page once, in order, keeping at most MAX_PAGES_KEPT', () => {
    const total = 30_000;
    let rows = { offset: 0, pages: 1 };
    const read: number[] = [0];
    for (let first = 0; first + 20 < total; first += 15) {
      for (;;) {
        const step = nextPagingStep(first, first + 20, loaded(rows.offset, rows.pages, total));
        if (step === null) break;
        expect(step.kind).toBe('next');
        read.push(rows.offset + rows.pages * CALL_PAGE_SIZE);
        // TanStack's maxPages drops the first page once too many are kept.
        rows = rows.pages === MAX_PAGES_KEPT ? { offset: rows.offset + CALL_PAGE_SIZE, pages: rows.pages } : { offset: rows.offset, pages: rows.pages + 1 };
      }
    }
    expect(read).toEqual(Array.from({ length: total / CALL_PAGE_SIZE }, (_, page) => page * CALL_PAGE_SIZE));
    expect(JUMP_ROWS).toBeGreaterThan(CALL_PAGE_SIZE);
  });
});
