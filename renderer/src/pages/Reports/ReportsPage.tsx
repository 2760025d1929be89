import { ComingSoon } from '../../components/ComingSoon';

export function ReportsPage() {
  return (
    <ComingSoon
      title="Reports"
      icon="reports"
      summary="Calls, revenue and profit across your clients, rated with your packages."
      features={[
        'Global CDR: every incoming and outgoing call of all your clients.',
        'Per-client CDR: the calls of one client.',
        'Financial report, month by month: revenue, deposits, provider cost and profit, with charts.',
        'Sub accounts report and DID report: what is connected to which client and package.',
        'CSV export of every report, and client invoices as PDF.',
      ]}
    />
  );
}
