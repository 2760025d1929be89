import { AppInfoCard } from '../../components/AppInfoCard';
import { PageHeader } from '../../components/PageHeader';
import { RecentNoticesCard } from '../../components/RecentNoticesCard';
import { BusinessCards } from './BusinessCards';
import { CallsSummaryCard } from './CallsSummaryCard';
import { DemoDataCard } from './DemoDataCard';
import { GettingStartedCard } from './GettingStartedCard';
import { PackagesSummaryCard } from './PackagesSummaryCard';

export function DashboardPage() {
  return (
    <>
      <PageHeader title="Dashboard" description="Your reseller business at a glance." />
      <DemoDataCard />
      <BusinessCards />
      <div className="grid grid--2">
        <PackagesSummaryCard />
        <GettingStartedCard />
      </div>
      <div className="grid grid--2 dashboard-calls-row">
        <CallsSummaryCard />
        <RecentNoticesCard />
      </div>
      <AppInfoCard />
    </>
  );
}
