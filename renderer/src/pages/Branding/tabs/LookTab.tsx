import { BRAND_COLORS, BRANDING_IMAGES, contrastWarning, normalizeHexColor, type BrandingImage } from '../../../../../preload/common/branding';
import { Card } from '../../../components/Card';
import { CheckboxField } from '../../../components/CheckboxField';
import { Field } from '../../../components/Field';
import { Icon } from '../../../components/Icon';
import { controlIdOf } from '../brandingForm';
import { ColorField } from '../ColorField';
import { ImageField } from '../ImageField';
import { DrivesNote } from '../Notes';
import { setting, type BrandingTabProps } from './tabProps';

interface LookTabProps extends BrandingTabProps {
  images: Record<BrandingImage, string | null>;
  onImage(kind: BrandingImage, dataUrl: string | null): void;
  onImageProblem(kind: BrandingImage, problem: string | null): void;
}

/** WCAG AA for the portal's text on its background, said while the colours are chosen. */
function ContrastWarning({ text, background }: { text: string; background: string }) {
  const textColor = normalizeHexColor(text);
  const backgroundColor = normalizeHexColor(background);
  const warning = textColor && backgroundColor ? contrastWarning(textColor, backgroundColor) : null;
  if (!warning) return null;
  return (
    <div className="banner banner--warning branding-contrast" role="status">
      <Icon name="alert" />
      <p className="banner__message">{warning}.</p>
    </div>
  );
}

/** Guide, "Branding Management": the title, the colours, header, logo and login background. */
export function LookTab({ settings, errors, update, oldVersion, images, onImage, onImageProblem }: LookTabProps) {
  return (
    <>
      <Card title="Title and colours">
        <DrivesNote
          app="the title signs the e-mails sent to clients ({company}); with the switch below, invoices take the logo and colours."
          portal="the colours, header and login background of the client portal (the preview shows them)."
        />
        <Field id={controlIdOf('settings.title')} label="Title" hint="At the top of your client portal, e.g. your company's name." error={errors['settings.title']}>
          {(control) => (
            <input {...control} className="input" type="text" autoComplete="organization" value={settings.title} onChange={(event) => setting(update, 'title')(event.target.value)} />
          )}
        </Field>
        <div className="branding-colors">
          {BRAND_COLORS.map((color) => (
            <ColorField
              key={color}
              color={color}
              value={settings.colors[color]}
              error={errors[`settings.colors.${color}`]}
              oldVersion={oldVersion}
              onChange={(text) => update((current) => ({ ...current, colors: { ...current.colors, [color]: text } }))}
            />
          ))}
        </div>
        <ContrastWarning text={settings.colors.text} background={settings.colors.background} />
      </Card>
      <Card title="Images">
        <div className="branding-images">
          {BRANDING_IMAGES.map((kind) => (
            <ImageField
              key={kind}
              kind={kind}
              value={images[kind]}
              error={errors[`images.${kind}`]}
              oldVersion={oldVersion}
              onChange={(dataUrl) => onImage(kind, dataUrl)}
              onProblem={(problem) => onImageProblem(kind, problem)}
            />
          ))}
        </div>
      </Card>
      <Card title="Invoices">
        <CheckboxField
          id={controlIdOf('settings.invoicesUseBranding')}
          label="Invoices use this logo and colours"
          hint="On: new invoices print this logo and the panel colour. Off: they keep the logo of Settings → Invoices. Issued invoices never change."
          checked={settings.invoicesUseBranding}
          error={errors['settings.invoicesUseBranding']}
          onChange={setting(update, 'invoicesUseBranding')}
        />
      </Card>
    </>
  );
}
