import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** Where the window was, kept in the data folder between runs (issue 14). */
export const WINDOW_STATE_FILE = 'window-state.json';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where and how big the window opens; no x/y: centred by the OS. */
export interface WindowPlacement {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_PLACEMENT: WindowPlacement = { width: 1280, height: 820, maximized: false };
export const MIN_SIZE = { width: 960, height: 600 } as const;

/** How much of the window's top edge must be on a screen for it to be reachable (its title bar). */
const VISIBLE_WIDTH = 120;
const VISIBLE_HEIGHT = 40;

const savedPlacement = z
  .object({
    x: z.number().int().min(-100_000).max(100_000).optional(),
    y: z.number().int().min(-100_000).max(100_000).optional(),
    width: z.number().int().min(1).max(100_000),
    height: z.number().int().min(1).max(100_000),
    maximized: z.boolean(),
  })
  .strict();

/** The saved placement, or the default for a file that is missing, unreadable or not what we wrote. */
export function parsePlacement(text: string | null): WindowPlacement {
  if (text === null) return { ...DEFAULT_PLACEMENT };
  try {
    const parsed = savedPlacement.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : { ...DEFAULT_PLACEMENT };
  } catch {
    return { ...DEFAULT_PLACEMENT };
  }
}

/**
 * Fits a saved placement to the screens there are now: the size within the minimum and the
 * largest screen's work area; the position kept only when the window's top edge is on a
 * screen by at least a title bar's worth (a monitor unplugged since, a resolution changed),
 * otherwise dropped, so the OS centres the window.
 */
export function placeWindow(saved: WindowPlacement, workAreas: readonly Rectangle[]): WindowPlacement {
  const largest = workAreas.reduce<Rectangle | null>((best, area) => (best === null || area.width * area.height > best.width * best.height ? area : best), null);
  const width = Math.max(MIN_SIZE.width, Math.min(saved.width, largest?.width ?? saved.width));
  const height = Math.max(MIN_SIZE.height, Math.min(saved.height, largest?.height ?? saved.height));
  const placement: WindowPlacement = { width, height, maximized: saved.maximized };
  if (saved.x === undefined || saved.y === undefined) return placement;
  const top: Rectangle = { x: saved.x, y: saved.y, width, height: VISIBLE_HEIGHT };
  const reachable = workAreas.some((area) => overlap(top, area).width >= Math.min(VISIBLE_WIDTH, width) && overlap(top, area).height >= VISIBLE_HEIGHT && saved.y! >= area.y);
  return reachable ? { ...placement, x: saved.x, y: saved.y } : placement;
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/** Reads and writes the placement file in `folder`; a write goes through a temporary file, so a crash never leaves half a file. */
export function windowStateFile(folder: string) {
  const path = join(folder, WINDOW_STATE_FILE);
  return {
    path,
    load(): WindowPlacement {
      let text: string | null = null;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        text = null;
      }
      return parsePlacement(text);
    },
    save(placement: WindowPlacement): void {
      const temporary = `${path}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(placement)}\n`);
      renameSync(temporary, path);
    },
  };
}
