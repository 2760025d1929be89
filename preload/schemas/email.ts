import { z } from 'zod';
import { SMTP_SECURITY, SMTP_SECURITY_LABELS, type SmtpSecurity } from '../common/email';
import { idField, oneLineText, TEXT_LIMITS, textField, wholeNumber } from './fields';

export { SMTP_SECURITY, SMTP_SECURITY_LABELS, type SmtpSecurity };

/**
 * Issue 15, e-mail: the console sends the low-balance notices and the invoices itself, over
 * the reseller's SMTP server, through an outbox with retries (like sync). The SMTP password
 * is stored sealed, like the API password, and never comes back to the window.
 */

const emailAddress = (label: string) =>
  textField(label, TEXT_LIMITS.email).refine((text) => z.email().safeParse(text).success, `${label}: enter an e-mail address`);

export const emailSettingsInput = z
  .object({
    /** Off: nothing is sent or queued (the low-balance notices stay notices). */
    enabled: z.boolean(),
    host: textField('SMTP server', TEXT_LIMITS.host).refine((text) => /^[a-z0-9.-]*$/i.test(text), 'SMTP server: a host name or IP address'),
    port: wholeNumber('Port', 1, 65_535, { text: true }),
    security: z.enum(SMTP_SECURITY),
    user: oneLineText('User name', TEXT_LIMITS.email),
    /** A new password; absent or empty keeps the one saved. */
    password: z.string().max(TEXT_LIMITS.password * 4, `Password: at most ${TEXT_LIMITS.password * 4} characters`).optional(),
    /** Forget the saved password (a server without login). */
    clearPassword: z.boolean().default(false),
    fromAddress: emailAddress('From address').or(z.literal('')),
    fromName: oneLineText('From name', TEXT_LIMITS.name),
  })
  .strict()
  .refine((settings) => !settings.enabled || settings.host !== '', { message: 'SMTP server is required to send e-mail', path: ['host'] })
  .refine((settings) => !settings.enabled || settings.fromAddress !== '', { message: 'From address is required to send e-mail', path: ['fromAddress'] });

export type EmailSettingsData = z.output<typeof emailSettingsInput>;

export interface EmailSettingsView {
  enabled: boolean;
  host: string;
  port: number;
  security: SmtpSecurity;
  user: string;
  /** Whether a password is saved (never the password). */
  passwordSaved: boolean;
  fromAddress: string;
  fromName: string;
}

export const testEmailInput = z.object({ to: emailAddress('Send to') }).strict();

export interface TestEmailResult {
  to: string;
  /** The server's answer ("250 OK…"). */
  response: string;
  messageId: string;
}

/** E-mail an invoice to its client (its PDF attached); `to` overrides the client's address. */
export const invoiceEmailInput = z.object({ id: idField, to: emailAddress('Send to').optional() }).strict();

export const EMAIL_KINDS = ['low_balance', 'invoice', 'test'] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];
export const EMAIL_STATUSES = ['pending', 'sent', 'failed'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

export const emailListInput = z
  .object({
    status: z.enum(['open', 'all', ...EMAIL_STATUSES]).default('all'),
    limit: z.number().int().min(1).max(500).default(100),
    /** One invoice's e-mails (the invoice page). */
    invoiceId: idField.optional(),
  })
  .strict()
  .optional();

export interface EmailItemView {
  id: number;
  kind: EmailKind;
  status: EmailStatus;
  clientId: number | null;
  clientName: string | null;
  invoiceId: number | null;
  to: string;
  subject: string;
  attempts: number;
  /** Why the last attempt failed (the server's words); null when none failed. */
  lastError: string | null;
  /** When it is tried again (pending), or null. */
  nextAttemptAt: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface EmailStatusView {
  configured: boolean;
  pending: number;
  failed: number;
  sentToday: number;
}
