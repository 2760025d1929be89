import { PORTAL_VIEW_LABELS, SYSTEM_VERSION_LABELS, type BrandColor, type BrandingImage } from '../../../../../preload/common/branding';
import type { BrandingSettingsValues } from '../brandingForm';
import { BalancePreview } from './BalancePreview';
import { LoginPreview } from './LoginPreview';
import { portalLookOf } from './previewLook';

interface PortalPreviewProps {
  settings: BrandingSettingsValues;
  images: Record<BrandingImage, string | null>;
  savedColors: Record<BrandColor, string>;
  /** The form differs from what is saved. */
  unsaved: boolean;
}

/**
 * The client portal as the form stands now, before saving: the login page and the Balance
 * page with the title, colours, images and welcome text, in Simple or Standard view.
 */
export function PortalPreview({ settings, images, savedColors, unsaved }: PortalPreviewProps) {
  const look = portalLookOf(settings, images, savedColors);
  return (
    <section className="portal-preview" aria-labelledby="portal-preview-title" data-testid="portal-preview" data-view={look.view}>
      <div className="portal-preview__top">
        <h2 id="portal-preview-title" className="card__title">
          Preview
        </h2>
        <p className="muted" data-testid="preview-mode">
          {SYSTEM_VERSION_LABELS[settings.configuringVersion]} · {PORTAL_VIEW_LABELS[look.view]}
          {unsaved ? ' · unsaved changes' : ''}
        </p>
      </div>
      <LoginPreview look={look} />
      <BalancePreview look={look} />
    </section>
  );
}
