import { z } from 'zod';
import { stripPhoneFormatting } from '../common/phone';
import { AUTH_TYPES, CODECS, DEVICE_TYPES, DTMF_MODES, MUSIC_ON_HOLD, NAT_MODES } from '../common/catalog';
import { isoDate } from './clients';
import { idField, nonNegativeMoney, nonNegativeRate, TEXT_LIMITS, textField } from './fields';

const values = <T extends readonly { value: string | number }[]>(list: T) => list.map((item) => item.value) as T[number]['value'][];

/** A DID as the provider writes it: 10 or 11 NANP digits, or E.164 with '+'. Normalised to E.164 digits without '+'. */
export const didNumber = z
  .string({ error: 'Enter a phone number' })
  .max(TEXT_LIMITS.phone, 'Enter a phone number in E.164 form, e.g. +1 514 555 0123')
  .trim()
  .transform(stripPhoneFormatting)
  .refine((value) => /^\+?\d{10,15}$/.test(value), 'Enter a phone number in E.164 form, e.g. +1 514 555 0123');

export const didCreateInput = z
  .object({ number: didNumber, description: textField('Description', TEXT_LIMITS.description).default('') })
  .strict();

/** Edits a number of the inventory; the rates apply to its active assignment (calls rated from now on, fees from the next cycle). */
export const didUpdateInput = z
  .object({
    id: idField,
    description: textField('Description', TEXT_LIMITS.description).optional(),
    minuteRate: nonNegativeRate('Per-minute rate').optional(),
    monthlyFee: nonNegativeMoney('Monthly fee').optional(),
  })
  .strict();

export const didImportInput = z
  .object({ text: z.string().min(1, 'Paste or choose a list of numbers').max(2_000_000, 'The list is too long') })
  .strict();

export const didAssignInput = z
  .object({
    number: didNumber,
    clientPackageId: idField,
    minuteRate: nonNegativeRate('Per-minute rate'),
    monthlyFee: nonNegativeMoney('Monthly fee'),
    setupFee: nonNegativeMoney('Setup fee').optional(),
  })
  .strict();

const USERNAME = /^[A-Za-z0-9]{1,32}$/;

const subaccountFields = {
  username: z.string({ error: 'Username is required' }).max(64, 'Username: letters and digits only, up to 32').trim().regex(USERNAME, 'Username: letters and digits only, up to 32'),
  /** Empty on create = generate a strong one. */
  password: z
    .string({ error: 'Password: enter text' })
    .max(TEXT_LIMITS.password * 2, 'Password: 8 to 64 characters')
    .trim()
    .refine((value) => value === '' || (value.length >= 8 && value.length <= 64), 'Password: 8 to 64 characters')
    .refine((value) => value === '' || (/[A-Za-z]/.test(value) && /\d/.test(value)), 'Password: use letters and digits'),
  description: textField('Description', TEXT_LIMITS.description),
  deviceType: z.union(values(DEVICE_TYPES).map((value) => z.literal(value)) as [z.ZodLiteral<1>, z.ZodLiteral<2>], { error: 'Choose a device type' }),
  authType: z.union(values(AUTH_TYPES).map((value) => z.literal(value)) as [z.ZodLiteral<1>, z.ZodLiteral<2>], { error: 'Choose an authentication type' }),
  ip: textField('IP address', TEXT_LIMITS.host),
  callerIdOverride: z
    .string({ error: 'Caller ID override: enter a phone number or leave it empty' })
    .max(TEXT_LIMITS.phone, 'Caller ID override: a phone number, digits only')
    .trim()
    .refine((value) => value === '' || /^\d{10,15}$/.test(value.replace(/^\+/, '')), 'Caller ID override: a phone number, digits only'),
  musicOnHold: z.enum(values(MUSIC_ON_HOLD) as [string, ...string[]]),
  allowedCodecs: z
    .array(z.enum(values(CODECS) as [string, ...string[]]))
    .min(1, 'Allow at least one codec')
    .max(values(CODECS).length, 'Each codec once')
    .refine((list) => new Set(list).size === list.length, 'Each codec once'),
  dtmfMode: z.enum(values(DTMF_MODES) as [string, ...string[]]),
  nat: z.enum(values(NAT_MODES) as [string, ...string[]]),
  internationalLock: z.boolean(),
};

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** The reseller section of the sub account form (guide: client, client package, next billing date, charge setup now). */
const resellerSection = {
  clientId: idField.optional(),
  /** Either an existing connection of the client… */
  clientPackageId: idField.optional(),
  /** …or a package to connect now, with its billing date. */
  packageId: idField.optional(),
  nextBillingDate: isoDate.optional(),
  chargeSetupNow: z.boolean().default(false),
};

/** Defaults of a new sub account (the provider's usual choices). */
const subaccountCreateFields = {
  ...subaccountFields,
  password: subaccountFields.password.default(''),
  description: subaccountFields.description.default(''),
  deviceType: subaccountFields.deviceType.default(2),
  authType: subaccountFields.authType.default(1),
  ip: subaccountFields.ip.default(''),
  callerIdOverride: subaccountFields.callerIdOverride.default(''),
  musicOnHold: subaccountFields.musicOnHold.default('default'),
  allowedCodecs: subaccountFields.allowedCodecs.default(['ulaw', 'g729']),
  dtmfMode: subaccountFields.dtmfMode.default('auto'),
  nat: subaccountFields.nat.default('yes'),
  internationalLock: subaccountFields.internationalLock.default(false),
};

export const subaccountInput = z
  .object({ ...subaccountCreateFields, ...resellerSection })
  .strict()
  .superRefine((value, ctx) => {
    if (value.authType === 2 && !IPV4.test(value.ip)) ctx.addIssue({ code: 'custom', path: ['ip'], message: 'Static IP authentication needs an IPv4 address' });
    if (value.clientId === undefined && (value.clientPackageId !== undefined || value.packageId !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['clientId'], message: 'Choose the client the package belongs to' });
    }
    if (value.clientId !== undefined && value.clientPackageId === undefined && value.packageId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['packageId'], message: 'Choose the client package for this sub account' });
    }
    if (value.packageId !== undefined && value.nextBillingDate === undefined) {
      ctx.addIssue({ code: 'custom', path: ['nextBillingDate'], message: 'Set the next billing date of the package' });
    }
  });

/**
 * Guide: "If you already have a sub account created, you can modify it at Sub Accounts >>
 * Edit Sub Account >> Manage and add a package there." `clientId: null` unbinds it.
 */
export const subaccountUpdateInput = z
  .object({
    ...subaccountFields,
    id: idField,
    clientId: idField.nullable(),
    clientPackageId: idField,
    packageId: idField,
    nextBillingDate: isoDate,
    chargeSetupNow: z.boolean(),
  })
  .partial()
  .required({ id: true })
  .strict()
  .superRefine((value, ctx) => {
    if (value.authType === 2 && value.ip !== undefined && !IPV4.test(value.ip)) {
      ctx.addIssue({ code: 'custom', path: ['ip'], message: 'Static IP authentication needs an IPv4 address' });
    }
    if (typeof value.clientId === 'number' && value.clientPackageId === undefined && value.packageId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['packageId'], message: 'Choose the client package for this sub account' });
    }
    if (value.packageId !== undefined && value.nextBillingDate === undefined) {
      ctx.addIssue({ code: 'custom', path: ['nextBillingDate'], message: 'Set the next billing date of the package' });
    }
  });

export const revealPasswordInput = z.object({ id: idField }).strict();

export interface DidInventoryView {
  id: number;
  number: string;
  description: string;
  source: string;
  /** The active assignment: who it rings for and what it costs them. */
  assignedTo: { clientId: number; clientName: string; packageName: string; minuteRate: string; monthlyFee: string } | null;
}

export interface DidImportResult {
  added: number;
  alreadyThere: number;
  rejected: { line: number; reason: string }[];
}

export interface SubaccountView {
  id: number;
  username: string;
  account: string;
  description: string;
  deviceType: number;
  authType: number;
  ip: string;
  callerIdOverride: string;
  musicOnHold: string;
  allowedCodecs: string[];
  dtmfMode: string;
  nat: string;
  internationalLock: boolean;
  clientId: number | null;
  clientName: string | null;
  clientPackageId: number | null;
  packageName: string | null;
  /** Only on create (the generated password is shown once) and on an explicit reveal. */
  password?: string;
}

export type DidAssignData = z.output<typeof didAssignInput>;
export type DidUpdateData = z.output<typeof didUpdateInput>;
export type SubaccountData = z.output<typeof subaccountInput>;
export type SubaccountUpdateData = z.output<typeof subaccountUpdateInput>;
