import { Decimal } from 'decimal.js';
import type { Dashboard, MonthFigures, TopEntry } from '../../../../preload/schemas/reports';
import { formatMoney } from '../../../../preload/common/format';
import { Card } from '../../components/Card';
import { ChartCard } from '../../components/charts/ChartCard';
import { MoneyByMonthChart } from '../../components/charts/MoneyByMonthChart';
import { TopProfitChart } from '../../components/charts/TopProfitChart';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { formatMonth } from '../../lib/months';
import { hrefTo } from '../../lib/router';
import { useDashboardReport } from '../../queries/reports';

/** "+12.5 % on last month", or null when last month had nothing to compare with. */
function change(now: string, before: string): string | null {
  const previous = new Decimal(before);
  if (previous.isZero()) return null;
  const percent = new Decimal(now).minus(previous).div(previous.abs()).times(100);
  const text = percent.toFixed(1, Decimal.ROUND_HALF_UP);
  return `${percent.isNegative() ? '' : '+'}${text} % on last month`;
}

const minutes = (seconds: number): string => Math.round(seconds / 60).toLocaleString('en-US');

function Figure({ label, value, now, before, testId }: { label: string; value: string; now: string; before: string; testId: string }) {
  const moved = change(now, before);
  return (
    <div className="stat-grid__item">
      <dt>{label}</dt>
      <dd className="stat-grid__value" data-testid={testId}>
        {value}
      </dd>
      <dd className="muted">{moved ?? 'Nothing last month to compare with'}</dd>
    </div>
  );
}

function MonthCard({ thisMonth, lastMonth }: { thisMonth: MonthFigures; lastMonth: MonthFigures }) {
  return (
    <Card title={`This month — ${formatMonth(thisMonth.month)}`} className="dashboard-month">
      <dl className="stat-grid">
        <Figure label="Revenue" testId="month-revenue" value={formatMoney(thisMonth.revenue)} now={thisMonth.revenue} before={lastMonth.revenue} />
        <Figure label="Profit" testId="month-profit" value={formatMoney(thisMonth.profit)} now={thisMonth.profit} before={lastMonth.profit} />
        <Figure label="Minutes" testId="month-minutes" value={minutes(thisMonth.seconds)} now={String(thisMonth.seconds)} before={String(lastMonth.seconds)} />
        <Figure
          label="Active clients"
          testId="month-active-clients"
          value={thisMonth.activeClients.toLocaleString('en-US')}
          now={String(thisMonth.activeClients)}
          before={String(lastMonth.activeClients)}
        />
        <div className="stat-grid__item">
          <dt>Answer-seizure ratio</dt>
          <dd className="stat-grid__value" data-testid="month-asr">
            {thisMonth.asrPercent === null ? '—' : `${thisMonth.asrPercent} %`}
          </dd>
          <dd className="muted">{`${thisMonth.answered.toLocaleString('en-US')} of ${thisMonth.calls.toLocaleString('en-US')} calls answered`}</dd>
        </div>
        <div className="stat-grid__item">
          <dt>Average call duration</dt>
          <dd className="stat-grid__value" data-testid="month-acd">
            {thisMonth.acdSeconds === null ? '—' : `${Math.floor(thisMonth.acdSeconds / 60)} min ${thisMonth.acdSeconds % 60} s`}
          </dd>
          <dd className="muted">Of an answered call</dd>
        </div>
      </dl>
      <p className="muted dashboard-month__note">
        Last month ({formatMonth(lastMonth.month)}): revenue {formatMoney(lastMonth.revenue)}, profit {formatMoney(lastMonth.profit)}, {minutes(lastMonth.seconds)} minutes,{' '}
        {lastMonth.activeClients} active clients. <a href={hrefTo('/reports')}>Financial report</a>
      </p>
    </Card>
  );
}

function topRows(entries: readonly TopEntry[]) {
  return entries.map((entry) => [entry.label, entry.calls, (entry.seconds / 60).toFixed(1), entry.revenue, entry.cost, entry.profit]);
}

const TOP_HEADER = ['Name', 'Calls', 'Minutes', 'Revenue', 'Provider cost', 'Profit'];

function BelowThresholdCard({ clients }: { clients: Dashboard['belowThreshold'] }) {
  return (
    <Card title="Clients below their threshold">
      {clients.length === 0 ? (
        <p className="muted">Every client is above their low-balance threshold.</p>
      ) : (
        <ul className="below-threshold">
          {clients.map((client) => (
            <li key={client.clientId}>
              <a href={hrefTo(`/clients/${client.clientId}`)}>{client.clientName}</a>
              <span className="num">
                {formatMoney(client.balance)} <span className="muted">(threshold {formatMoney(client.threshold)})</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** The business at a glance (issue 11): this month against the last, profit over a year, top destinations and clients, low balances. */
export function BusinessCards() {
  const report = useDashboardReport();
  if (report.status === 'error' && report.error) return <ErrorBanner error={report.error} title="Could not read this month’s figures" />;
  if (!report.data) return <Loading label="Reading this month’s figures…" />;
  const { thisMonth, lastMonth, profitByMonth, topDestinations, topClients, belowThreshold } = report.data;
  const year = `${formatMonth(profitByMonth[0]!.month)} – ${formatMonth(thisMonth.month)}`;
  const anyFigures = profitByMonth.some((row) => !new Decimal(row.revenue).isZero() || !new Decimal(row.cost).isZero());
  return (
    <div className="dashboard-business">
      <MonthCard thisMonth={thisMonth} lastMonth={lastMonth} />
      <ChartCard
        title="Profit by month"
        description={`Revenue, provider cost and profit of the last 12 months, ${year}`}
        empty={anyFigures ? null : 'No revenue or calls in the last 12 months yet: import calls or bill your clients to see them here.'}
        data={{ fileName: `profit-by-month-${thisMonth.month}.csv`, header: ['Month', 'Revenue', 'Provider cost', 'Profit'], rows: profitByMonth.map((row) => [row.month, row.revenue, row.cost, row.profit]) }}
      >
        <MoneyByMonthChart
          title="Profit by month"
          months={profitByMonth}
          height={260}
          series={[
            { key: 'revenue', label: 'Revenue', as: 'bar' },
            { key: 'cost', label: 'Provider cost', as: 'bar' },
            { key: 'profit', label: 'Profit', as: 'line' },
          ]}
        />
      </ChartCard>
      <div className="grid grid--2">
        <ChartCard
          title="Top destinations by profit"
          description={`The ten destination countries that earned the most on calls in ${formatMonth(thisMonth.month)}`}
          empty={topDestinations.length === 0 ? 'No outgoing calls this month yet.' : null}
          data={{ fileName: `top-destinations-${thisMonth.month}.csv`, header: TOP_HEADER, rows: topRows(topDestinations) }}
        >
          <TopProfitChart title="Top destinations by profit" entries={topDestinations} />
        </ChartCard>
        <ChartCard
          title="Top clients by profit"
          description={`The ten clients that earned the most in ${formatMonth(thisMonth.month)}: revenue less provider cost`}
          empty={topClients.length === 0 ? 'No client was billed or made calls this month yet.' : null}
          data={{ fileName: `top-clients-${thisMonth.month}.csv`, header: TOP_HEADER, rows: topRows(topClients) }}
        >
          <TopProfitChart title="Top clients by profit" entries={topClients} />
        </ChartCard>
      </div>
      <BelowThresholdCard clients={belowThreshold} />
    </div>
  );
}
