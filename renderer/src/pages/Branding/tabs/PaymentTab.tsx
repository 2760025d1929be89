import { Card } from '../../../components/Card';
import { CheckboxField } from '../../../components/CheckboxField';
import { Field } from '../../../components/Field';
import { controlIdOf } from '../brandingForm';
import { CopyValue } from '../CopyButton';
import { DrivesNote } from '../Notes';
import type { BrandingTabProps } from './tabProps';
import type { BrandingSettingsValues } from '../brandingForm';

type Payment = BrandingSettingsValues['payment'];

/** Guide, "Payment": PayPal deposits credited to the client's account automatically. */
export function PaymentTab({ settings, errors, update, saved }: BrandingTabProps) {
  const set = <K extends keyof Payment>(key: K, value: Payment[K]): void => update((current) => ({ ...current, payment: { ...current.payment, [key]: value } }));
  const { payment } = settings;
  return (
    <Card title="PayPal">
      <DrivesNote
        app="nothing yet: payments PayPal credits in the portal reach this app with the next sync."
        portal="the PayPal button and the amounts your clients choose from."
      />
      <CheckboxField
        id={controlIdOf('settings.payment.paypalEnabled')}
        label="Clients pay with PayPal"
        hint="Payments go to your PayPal account and are credited in the client's interface automatically."
        checked={payment.paypalEnabled}
        error={errors['settings.payment.paypalEnabled']}
        onChange={(checked) => set('paypalEnabled', checked)}
      />
      <div className="form__row">
        <Field id={controlIdOf('settings.payment.paypalEmail')} label="PayPal e-mail account" error={errors['settings.payment.paypalEmail']}>
          {(control) => <input {...control} className="input" type="email" autoComplete="email" value={payment.paypalEmail} onChange={(event) => set('paypalEmail', event.target.value)} />}
        </Field>
        <Field id={controlIdOf('settings.payment.amounts')} label="Amounts" hint="Whole numbers, separated by commas, e.g. 10, 25, 50." error={errors['settings.payment.amounts']}>
          {(control) => <input {...control} className="input" type="text" inputMode="numeric" autoComplete="off" value={payment.amounts} onChange={(event) => set('amounts', event.target.value)} />}
        </Field>
      </div>
      <CopyValue label="IPN URL" value={saved.ipnUrl} what="the IPN URL" />
      <div>
        <p className="field__label">In your PayPal account</p>
        <ol className="branding-steps">
          <li>Enter your PayPal e-mail address above.</li>
          <li>Enter the amounts you want to offer: no decimals, separated by commas.</li>
          <li>In PayPal, go to Profile and, under Selling preferences, turn on Instant payment notification (IPN) with the IPN URL above.</li>
          <li>Save here, and enter the same settings in the provider&apos;s portal (see the last tab).</li>
        </ol>
        <p className="branding-advice">We strongly recommend a live test with an amount of $1 before telling your clients.</p>
      </div>
    </Card>
  );
}
