import * as Tabs from '@radix-ui/react-tabs';
import type { BrandingImage } from '../../../../../preload/common/branding';
import { AccessTab } from './AccessTab';
import { DisplayTab } from './DisplayTab';
import { HostTab } from './HostTab';
import { LookTab } from './LookTab';
import { PaymentTab } from './PaymentTab';
import { PortalTab } from './PortalTab';
import { ServicesTab } from './ServicesTab';
import type { BrandingTabProps } from './tabProps';
import { TextsTab } from './TextsTab';
import { VersionTab } from './VersionTab';

interface PanelsProps extends BrandingTabProps {
  images: Record<BrandingImage, string | null>;
  onImage(kind: BrandingImage, dataUrl: string | null): void;
  onImageProblem(kind: BrandingImage, problem: string | null): void;
}

/** The tabs as the guide groups "Use the client branding and access". */
export function BrandingTabPanels({ images, onImage, onImageProblem, ...props }: PanelsProps) {
  return (
    <>
      <Tabs.Content className="tabs__content branding__tab" value="version">
        <VersionTab {...props} />
      </Tabs.Content>
      <Tabs.Content className="tabs__content branding__tab" value="access">
        <AccessTab {...props} />
      </Tabs.Content>
      <Tabs.Content className="tabs__content branding__tab" value="look">
        <LookTab {...props} images={images} onImage={onImage} onImageProblem={onImageProblem} />
      </Tabs.Content>
      <Tabs.Content className="tabs__content branding__tab" value="display">
        <DisplayTab {...props} />
      </Tabs.Content>
      <Tabs.Content className="tabs__content branding__tab" value="services">
        <ServicesTab {...props} />
      </Tabs.Content>
      <Tabs.Content className="tabs__content branding__tab" value="texts">
        <TextsTab {...props} />
      </Tabs.Content>
      <Tabs.Content className="tabs__content branding__tab" value="payment">
        <PaymentTab {...props} />
      </Tabs.Content>
      <Tabs.Content className="tabs__content branding__tab" value="host">
        <HostTab {...props} />
      </Tabs.Content>
      <Tabs.Content className="tabs__content branding__tab" value="portal">
        <PortalTab {...props} />
      </Tabs.Content>
    </>
  );
}
