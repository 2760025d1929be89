/** Pulse choices offered first (guide: 60 bills by the minute; 6 and 1 are common finer steps). */
export const PULSE_PRESETS = [1, 6, 30, 60] as const;
export const OTHER_PULSE = 'other';

export function describePulse(seconds: number): string {
  if (seconds === 1) return 'Per second';
  if (seconds === 60) return 'Per minute';
  return `${seconds}-second steps`;
}

export const isPresetPulse = (seconds: number): boolean => (PULSE_PRESETS as readonly number[]).includes(seconds);

/** Whole numbers go as numbers; anything else goes as typed, for main to explain what is wrong. */
export function pulseToSend(choice: string, customText: string): number | string {
  const text = choice === OTHER_PULSE ? customText.trim() : choice;
  return /^\d+$/.test(text) ? Number(text) : text;
}
