import { useSyncExternalStore } from 'react';
import { DISPLAY_CURRENCY, DISPLAY_LOCALE, formatMoney } from '../../../../preload/common/format';

/**
 * A chart plots numbers: money arrives as exact decimal text and is turned into a number
 * only to place a bar (never summed or stored); labels and tooltips format the text.
 */
export const plotted = (money: string): number => Number(money);

const compact = new Intl.NumberFormat(DISPLAY_LOCALE, { style: 'currency', currency: DISPLAY_CURRENCY, notation: 'compact', maximumFractionDigits: 1 });

/** An axis tick: "$1.2K"; small amounts as money ("$0.45"). */
export function moneyTick(value: number): string {
  return Math.abs(value) >= 1000 ? compact.format(value) : formatMoney(value.toFixed(2));
}

/** A tooltip's amount: money to 2 decimals, by the one display rule. */
export const moneyTooltip = (value: unknown): string => formatMoney(typeof value === 'number' ? value.toFixed(6) : String(value));

const query = '(prefers-reduced-motion: reduce)';
function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(query);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

/** True when the person asked for less motion: charts then draw without animation. */
export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches, () => false);
}

/** Series colours: distinct in hue and lightness, each ≥ 3:1 against the white card. */
export const SERIES_COLORS = {
  revenue: '#1f5fbf',
  cost: '#b45309',
  profit: '#157347',
  deposits: '#6d28d9',
} as const;
