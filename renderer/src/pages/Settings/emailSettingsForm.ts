import type { ChannelInput } from '../../../../preload/contract';
import type { EmailSettingsView, SmtpSecurity } from '../../../../preload/schemas/email';
import type { SummaryItem } from '../../components/ErrorSummary';
import { choiceIdOf } from '../../components/ChoiceField';
import type { FieldErrors } from '../../lib/issues';

/** What the person typed in Settings → E-mail; main parses and checks it (the port as text too). */
export interface EmailSettingsValues {
  enabled: boolean;
  host: string;
  port: string;
  security: SmtpSecurity;
  user: string;
  /** A new password; empty keeps the saved one. */
  password: string;
  clearPassword: boolean;
  fromAddress: string;
  fromName: string;
}

export type EmailSettingsField = keyof EmailSettingsValues;

export const EMAIL_FIELD_IDS: Record<EmailSettingsField, string> = {
  enabled: 'email-enabled',
  host: 'email-host',
  port: 'email-port',
  security: 'email-security',
  user: 'email-user',
  password: 'email-password',
  clearPassword: 'email-clear-password',
  fromAddress: 'email-from-address',
  fromName: 'email-from-name',
};

export const EMAIL_FIELD_LABELS: Record<EmailSettingsField, string> = {
  enabled: 'Send e-mail from this console',
  host: 'SMTP server',
  port: 'Port',
  security: 'Security',
  user: 'User name',
  password: 'Password',
  clearPassword: 'Forget the saved password',
  fromAddress: 'From address',
  fromName: 'From name',
};

export function emailValuesOf(view: EmailSettingsView): EmailSettingsValues {
  return {
    enabled: view.enabled,
    host: view.host,
    port: String(view.port),
    security: view.security,
    user: view.user,
    password: '',
    clearPassword: false,
    fromAddress: view.fromAddress,
    fromName: view.fromName,
  };
}

/** A typed password or a "forget" is an edit too, though neither shows in the saved view. */
export const sameEmailValues = (a: EmailSettingsValues, b: EmailSettingsValues): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The values as main's input: text trimmed, the password only when one was typed. */
export function toEmailSettingsInput(values: EmailSettingsValues): ChannelInput<'email.saveSettings'> {
  return {
    enabled: values.enabled,
    host: values.host.trim(),
    port: values.port.trim(),
    security: values.security,
    user: values.user.trim(),
    ...(values.password !== '' && !values.clearPassword ? { password: values.password } : {}),
    clearPassword: values.clearPassword,
    fromAddress: values.fromAddress.trim(),
    fromName: values.fromName.trim(),
  };
}

/** The field a radio group's error focuses: its checked radio. */
const focusIdOf = (field: EmailSettingsField, values: EmailSettingsValues): string =>
  field === 'security' ? choiceIdOf(EMAIL_FIELD_IDS.security, values.security) : EMAIL_FIELD_IDS[field];

/** main's messages by field, in the form's order, each leading to its field; the rest without a link. */
export function emailSummaryItems(fieldErrors: FieldErrors, values: EmailSettingsValues): SummaryItem[] {
  const fields = Object.keys(EMAIL_FIELD_IDS) as EmailSettingsField[];
  const placed: SummaryItem[] = fields.filter((field) => fieldErrors[field]).map((field) => ({ fieldId: focusIdOf(field, values), text: fieldErrors[field]! }));
  const unplaced = Object.entries(fieldErrors)
    .filter(([field]) => field !== '_form' && !(fields as string[]).includes(field))
    .map(([, text]) => ({ text }));
  return [...placed, ...unplaced];
}

/** The hint under the password: whether one is saved, and that blank keeps it. */
export function passwordHint(view: EmailSettingsView, clearing: boolean): string {
  if (clearing) return 'The saved password is forgotten when you save: the server is used without one.';
  return view.passwordSaved
    ? 'Saved, encrypted like the provider’s API password. Leave blank to keep it.'
    : 'Only if your server asks for a login. Kept encrypted, like the provider’s API password; never shown again.';
}
