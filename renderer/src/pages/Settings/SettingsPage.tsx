import * as Tabs from '@radix-ui/react-tabs';
import { AppInfoCard } from '../../components/AppInfoCard';
import { Card } from '../../components/Card';
import { PageHeader } from '../../components/PageHeader';
import { BillingSettings } from './BillingSettings';
import { DisplaySettings } from './DisplaySettings';

export function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="This installation, how amounts are displayed, and billing." />
      <Tabs.Root className="tabs" defaultValue="installation">
        <Tabs.List className="tabs__list" aria-label="Settings sections">
          <Tabs.Trigger className="tabs__trigger" value="installation">
            Installation
          </Tabs.Trigger>
          <Tabs.Trigger className="tabs__trigger" value="display">
            Display
          </Tabs.Trigger>
          <Tabs.Trigger className="tabs__trigger" value="billing">
            Billing
          </Tabs.Trigger>
          <Tabs.Trigger className="tabs__trigger" value="later">
            Provider &amp; backup
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content className="tabs__content" value="installation">
          <AppInfoCard title="Installation" />
        </Tabs.Content>
        <Tabs.Content className="tabs__content" value="display">
          <DisplaySettings />
        </Tabs.Content>
        <Tabs.Content className="tabs__content" value="billing">
          <BillingSettings />
        </Tabs.Content>
        <Tabs.Content className="tabs__content" value="later">
          <Card title="Coming in a later release">
            <ul className="feature-list">
              <li>VoIP.ms API user and password, stored encrypted by the operating system.</li>
              <li>Your account currency and invoice taxes.</li>
              <li>Backup of the database to a file, and restore from one.</li>
            </ul>
          </Card>
        </Tabs.Content>
      </Tabs.Root>
    </>
  );
}
