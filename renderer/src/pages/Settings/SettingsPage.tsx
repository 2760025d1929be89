import * as Tabs from '@radix-ui/react-tabs';
import { AppInfoCard } from '../../components/AppInfoCard';
import { Card } from '../../components/Card';
import { PageHeader } from '../../components/PageHeader';
import { BackupSettings } from './BackupSettings';
import { BillingSettings } from './BillingSettings';
import { DatabaseSettings } from './DatabaseSettings';
import { DisplaySettings } from './DisplaySettings';
import { EmailSettings } from './EmailSettings';
import { InvoiceSettings } from './InvoiceSettings';
import { ProviderSettings } from './ProviderSettings';

const TABS = ['installation', 'display', 'billing', 'invoices', 'provider', 'email', 'backup', 'database', 'later'] as const;

/** The tab a link opens ("/settings/invoices"); the first for an unknown one. */
const tabOf = (tab: string | undefined): string => (TABS as readonly string[]).includes(tab ?? '') ? tab! : 'installation';

export function SettingsPage({ tab }: { tab?: string }) {
  return (
    <>
      <PageHeader title="Settings" description="This installation, how amounts are displayed, billing, invoices, your provider, e-mail, backups and where your data lives." />
      <Tabs.Root className="tabs" defaultValue={tabOf(tab)}>
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
          <Tabs.Trigger className="tabs__trigger" value="invoices">
            Invoices
          </Tabs.Trigger>
          <Tabs.Trigger className="tabs__trigger" value="provider">
            Provider
          </Tabs.Trigger>
          <Tabs.Trigger className="tabs__trigger" value="email">
            E-mail
          </Tabs.Trigger>
          <Tabs.Trigger className="tabs__trigger" value="backup">
            Backup
          </Tabs.Trigger>
          <Tabs.Trigger className="tabs__trigger" value="database">
            Database
          </Tabs.Trigger>
          <Tabs.Trigger className="tabs__trigger" value="later">
            Later
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
        {/* Kept mounted (hidden while another tab shows) so edits survive a look at another tab. */}
        <Tabs.Content className="tabs__content tabs__content--kept" value="invoices" forceMount>
          <InvoiceSettings />
        </Tabs.Content>
        <Tabs.Content className="tabs__content tabs__content--kept" value="provider" forceMount>
          <ProviderSettings />
        </Tabs.Content>
        <Tabs.Content className="tabs__content tabs__content--kept" value="email" forceMount>
          <EmailSettings />
        </Tabs.Content>
        <Tabs.Content className="tabs__content" value="backup">
          <BackupSettings />
        </Tabs.Content>
        {/* Kept mounted so a test's answer and a half-typed address survive a look at another tab. */}
        <Tabs.Content className="tabs__content tabs__content--kept" value="database" forceMount>
          <DatabaseSettings />
        </Tabs.Content>
        <Tabs.Content className="tabs__content" value="later">
          <Card title="Coming in a later release">
            <ul className="feature-list">
              <li>Your account currency.</li>
            </ul>
          </Card>
        </Tabs.Content>
      </Tabs.Root>
    </>
  );
}
