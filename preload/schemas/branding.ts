import { z } from 'zod';
import {
  BRANDING_IMAGES,
  HEX_COLOR,
  MAX_BRANDING_IMAGE_CHARS,
  PORTAL_VIEWS,
  SIGNUP_ALWAYS_REQUIRED,
  SIGNUP_FIELDS,
  SIGNUP_FIELD_LABELS,
  SIGNUP_FIELD_MODES,
  SYSTEM_VERSIONS,
  TEMPLATE_KINDS,
  TEMPLATE_PLACEHOLDERS,
  hostNameProblem,
  normalizeHexColor,
  parsePaymentAmounts,
  templateProblems,
  type BrandColor,
  type BrandingImage,
  type PortalView,
  type SignupField,
  type SignupFieldMode,
  type SystemVersion,
  type TemplateKind,
} from '../common/branding';
import { CLIENT_SERVICES, type ClientService } from '../common/catalog';
import { idField, nonNegativeMoney, nonNegativeRate, oneLineText, TEXT_LIMITS, textField } from './fields';

/**
 * Issue 15: every setting of the guide's "Use the client branding and access", one object
 * per tab as the guide groups them. Main validates with these before anything is stored;
 * the window shows the issues as field errors.
 */

const hexColor = (label: string) =>
  z
    .string({ error: `${label}: enter a colour` })
    .max(16, `${label}: a colour like #1a2b3c`)
    .transform((text, context) => {
      const color = normalizeHexColor(text);
      if (color === null) {
        context.addIssue({ code: 'custom', message: `${label}: a colour like #1a2b3c` });
        return z.NEVER;
      }
      return color;
    })
    .pipe(z.string().regex(HEX_COLOR));

const template = (kind: TemplateKind, label: string) => {
  const checked = (part: string, max: number) =>
    textField(`${label} ${part}`, max).superRefine((text, context) => {
      for (const problem of templateProblems(text, TEMPLATE_PLACEHOLDERS[kind])) context.addIssue({ code: 'custom', message: `${label} ${part}: ${problem.message}` });
    });
  return z.object({ subject: checked('subject', 200).pipe(z.string().min(1, `${label} subject is required`)), body: checked('body', 5000) }).strict();
};

export const brandingSettingsInput = z
  .object({
    /** Branded Interface. */
    systemVersion: z.enum(SYSTEM_VERSIONS),
    configuringVersion: z.enum(SYSTEM_VERSIONS),
    /** Interface and Access: DID access pricing, for DIDs clients order themselves in the portal. */
    didAccess: z
      .object({ monthly: nonNegativeMoney('DID monthly fee'), perMinute: nonNegativeRate('DID per-minute rate'), setup: nonNegativeMoney('DID setup fee') })
      .strict(),
    /** Branding Management. */
    title: oneLineText('Title', TEXT_LIMITS.name),
    colors: z.object({ panel: hexColor('Panels'), button: hexColor('Buttons'), background: hexColor('Background'), text: hexColor('Text') }).strict(),
    /** Display Elements. */
    display: z.object({ showSipPasswords: z.boolean(), showIaxPasswords: z.boolean(), allowPasswordReset: z.boolean() }).strict(),
    /** Signup form. */
    signup: z
      .object({
        enabled: z.boolean(),
        fields: z
          .object(Object.fromEntries(SIGNUP_FIELDS.map((field) => [field, z.enum(SIGNUP_FIELD_MODES)])) as Record<SignupField, z.ZodEnum<{ [M in SignupFieldMode]: M }>>)
          .strict()
          .superRefine((fields, context) => {
            // A signup without a name or an e-mail address cannot make a client.
            for (const field of SIGNUP_ALWAYS_REQUIRED) {
              if (fields[field] !== 'required') context.addIssue({ code: 'custom', path: [field], message: `${SIGNUP_FIELD_LABELS[field]} is always required on the signup form` });
            }
          }),
      })
      .strict(),
    /** Services: the View setting, and the services of packages on "Default Configuration" (New Version). */
    services: z
      .object({
        view: z.enum(PORTAL_VIEWS),
        enabled: z.array(z.enum(CLIENT_SERVICES)).max(CLIENT_SERVICES.length).refine((list) => new Set(list).size === list.length, 'Each service once'),
      })
      .strict(),
    /** Text and Messages. */
    welcomeText: textField('Welcome text', TEXT_LIMITS.notes),
    templates: z
      .object({
        lowBalance: template('lowBalance', 'Low balance e-mail'),
        passwordResetRequest: template('passwordResetRequest', 'Password reset request e-mail'),
        passwordResetComplete: template('passwordResetComplete', 'Password reset complete e-mail'),
      })
      .strict(),
    /** Payment (PayPal). */
    payment: z
      .object({
        paypalEnabled: z.boolean(),
        paypalEmail: textField('PayPal e-mail', TEXT_LIMITS.email).refine((text) => text === '' || z.email().safeParse(text).success, 'PayPal e-mail: enter an e-mail address'),
        /** "10, 25, 50": whole numbers, comma-separated. */
        amounts: textField('Amounts', 100).transform((text, context) => {
          const parsed = parsePaymentAmounts(text);
          if ('error' in parsed) {
            context.addIssue({ code: 'custom', message: parsed.error });
            return z.NEVER;
          }
          // Stored as the list the portal takes ("007,10" → "7, 10").
          return parsed.amounts.join(', ');
        }),
      })
      .strict()
      .refine((payment) => !payment.paypalEnabled || payment.paypalEmail !== '', { message: 'PayPal e-mail is required to turn PayPal on', path: ['paypalEmail'] })
      .refine((payment) => !payment.paypalEnabled || payment.amounts !== '', { message: 'Amounts: enter at least one to turn PayPal on', path: ['amounts'] }),
    /** Host Name: the fully qualified name, or empty for the provider's. */
    hostName: textField('Host name', TEXT_LIMITS.host)
      .transform((text) => text.toLowerCase())
      .superRefine((text, context) => {
        const problem = hostNameProblem(text);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      }),
    /** The invoices take the branding's logo and colours (Settings → Invoices keeps its own logo otherwise). */
    invoicesUseBranding: z.boolean(),
  })
  .strict();

export type BrandingSettingsData = z.output<typeof brandingSettingsInput>;
/** What the window sends: the settings as typed (amounts as text). */
export type BrandingSettingsForm = z.input<typeof brandingSettingsInput>;

/** An image as a data URL; main checks its bytes (PNG or JPEG signature, at most 2 MB). */
export const brandingImageDataUrl = z
  .string()
  .max(MAX_BRANDING_IMAGE_CHARS, 'Image: at most 2 MB')
  .regex(/^data:[a-z]+\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/]+=*$/, 'Image: choose a PNG or JPEG file');

/** Save: the settings, and each image replaced (a data URL), removed (null) or left as it is (absent). */
export const brandingSaveInput = z
  .object({
    settings: brandingSettingsInput,
    images: z.object(Object.fromEntries(BRANDING_IMAGES.map((kind) => [kind, brandingImageDataUrl.nullable().optional()])) as Record<BrandingImage, z.ZodOptional<z.ZodNullable<typeof brandingImageDataUrl>>>).strict().default({}),
  })
  .strict();

/** An e-mail template previewed with a real client's data. */
export const templatePreviewInput = z.object({ kind: z.enum(TEMPLATE_KINDS), template: z.object({ subject: z.string().max(800), body: z.string().max(20_000) }).strict(), clientId: idField.optional() }).strict();

/** The auto-connect form for one client (or a blank one). */
export const autoConnectInput = z.object({ clientId: idField.optional() }).strict();

export interface BrandingImageView {
  kind: BrandingImage;
  /** The image as stored, for the thumbnail and the preview. */
  dataUrl: string;
  type: 'image/png' | 'image/jpeg';
  bytes: number;
}

/** A setting the reseller must also enter in the provider's portal (the API has no branding methods). */
export interface PortalChecklistItem {
  /** Where in the provider's portal: "Client Branding and Access → Branding Management". */
  where: string;
  setting: string;
  /** The value to copy, as the portal takes it. */
  value: string;
}

export interface BrandingView {
  settings: {
    systemVersion: SystemVersion;
    configuringVersion: SystemVersion;
    didAccess: { monthly: string; perMinute: string; setup: string };
    title: string;
    colors: Record<BrandColor, string>;
    display: { showSipPasswords: boolean; showIaxPasswords: boolean; allowPasswordReset: boolean };
    signup: { enabled: boolean; fields: Record<SignupField, SignupFieldMode> };
    services: { view: PortalView; enabled: ClientService[] };
    welcomeText: string;
    templates: Record<TemplateKind, { subject: string; body: string }>;
    payment: { paypalEnabled: boolean; paypalEmail: string; amounts: string };
    hostName: string;
    invoicesUseBranding: boolean;
  };
  images: Partial<Record<BrandingImage, BrandingImageView>>;
  /** Derived, for copying: the clients' interface, the signup form, PayPal's IPN address. */
  interfaceUrl: string;
  signupUrl: string;
  ipnUrl: string;
  /** The reseller's main account, the auto-connect form's "reseller" value. */
  reseller: string;
  /** Everything to enter in the provider's portal too, with the values to copy. */
  checklist: PortalChecklistItem[];
  /** When the settings were last saved; null: never (the defaults). */
  savedAt: string | null;
}

export interface TemplatePreview {
  subject: string;
  /** The body as text, and as the HTML the e-mail carries (escaped). */
  text: string;
  html: string;
  /** The client whose data filled it; null: sample data. */
  client: { id: number; name: string } | null;
  problems: { part: 'subject' | 'body'; message: string }[];
}

export interface AutoConnectView {
  html: string;
  client: { id: number; name: string } | null;
}
