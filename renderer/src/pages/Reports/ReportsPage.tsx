import * as Tabs from '@radix-ui/react-tabs';
import { PageHeader } from '../../components/PageHeader';
import { hrefTo } from '../../lib/router';
import { DidsTab } from './DidsTab';
import { FinancialTab } from './FinancialTab';
import { SubaccountsTab } from './SubaccountsTab';

/** Reports (guide): financial month by month, sub accounts, DIDs; the Global CDR lives on the Calls page. */
export function ReportsPage() {
  return (
    <>
      <PageHeader
        title="Reports"
        description={
          <>
            Revenue, cost and profit month by month, and what is connected to whom. Every call of every client is in the{' '}
            <a href={hrefTo('/calls')}>Global CDR on the Calls page</a>.
          </>
        }
      />
      <Tabs.Root className="tabs" defaultValue="financial">
        <Tabs.List className="tabs__list" aria-label="Reports">
          <Tabs.Trigger className="tabs__trigger" value="financial">
            Financial
          </Tabs.Trigger>
          <Tabs.Trigger className="tabs__trigger" value="subaccounts">
            Sub accounts
          </Tabs.Trigger>
          <Tabs.Trigger className="tabs__trigger" value="dids">
            DIDs
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content className="tabs__content" value="financial">
          <FinancialTab />
        </Tabs.Content>
        <Tabs.Content className="tabs__content" value="subaccounts">
          <SubaccountsTab />
        </Tabs.Content>
        <Tabs.Content className="tabs__content" value="dids">
          <DidsTab />
        </Tabs.Content>
      </Tabs.Root>
    </>
  );
}
