import { z } from 'zod';
import { parseMoney, parsePercent, parseRate, type ParseResult } from '../../main/money/decimal';

/**
 * Decimal text fields: the UI and the CLI send text ("0.0050"); the schema parses it
 * into integer units once, so handlers only ever see branded integers.
 */
function decimalField<T extends number>(parse: (text: string) => ParseResult<T>, label: string) {
  return z
    .union([z.string(), z.number()], { error: `${label}: enter a number` })
    .transform((raw, ctx): T => {
      // Numbers are accepted from JSON files for convenience and read through their text.
      const result = parse(typeof raw === 'number' ? String(raw) : raw);
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: result.message });
        return z.NEVER;
      }
      if (result.value < 0) {
        ctx.addIssue({ code: 'custom', message: `${label} cannot be negative` });
        return z.NEVER;
      }
      return result.value;
    });
}

export const nonNegativeMoney = (label: string) => decimalField(parseMoney, label);
export const nonNegativeRate = (label: string) => decimalField(parseRate, label);
export const nonNegativePercent = (label: string) => decimalField(parsePercent, label);

export const idField = z.number({ error: 'An id is required' }).int().positive();
export const byId = z.object({ id: idField }).strict();
