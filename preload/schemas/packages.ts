import { z } from 'zod';
import { nonNegativePercent, nonNegativeRate } from './fields';

export const PULSE_CHOICES = [1, 6, 30, 60] as const;

export const packageInput = z
  .object({
    name: z
      .string({ error: 'Name is required' })
      .trim()
      .min(1, 'Name is required')
      .max(80, 'Name: at most 80 characters'),
    markupFixed: nonNegativeRate('Fixed markup'),
    markupPercent: nonNegativePercent('Percent markup'),
    pulseSeconds: z.coerce
      .number({ error: 'Pulse: enter a whole number of seconds' })
      .refine(Number.isInteger, 'Pulse must be a whole number of seconds')
      .refine((value) => value >= 1, 'Pulse must be at least 1 second')
      .refine((value) => value <= 3600, 'Pulse: at most 3600 seconds'),
  })
  .strict();

export const packageUpdateInput = packageInput.extend({ id: z.number().int().positive() }).strict();

/** A package as the UI sees it: money as exact decimal strings, never floats. */
export interface PackageView {
  id: number;
  name: string;
  markupFixed: string;
  markupPercent: string;
  pulseSeconds: number;
  createdAt: string;
  updatedAt: string;
}

export type PackageInput = z.input<typeof packageInput>;
export type PackageData = z.output<typeof packageInput>;
export type PackageUpdateData = z.output<typeof packageUpdateInput>;
