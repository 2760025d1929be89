import type { Dashboard, FinancialMonth } from '../../preload/schemas/reports';
import { parseCommandOptions, print, requireOption } from './options';
import type { Command } from './run';

const money = (text: string): string => {
  const [whole = '0', fraction = ''] = text.split('.');
  return `${whole}.${fraction.padEnd(2, '0').slice(0, 2)}`;
};

function financialLine(row: FinancialMonth): string {
  const margin = row.marginPercent === null ? '—' : `${row.marginPercent}%`;
  return `${row.month.padEnd(8)} revenue ${money(row.revenue).padStart(14)}  cost ${money(row.cost).padStart(14)}  profit ${money(row.profit).padStart(14)}  margin ${margin.padStart(8)}  deposits ${money(row.deposits).padStart(14)}`;
}

function dashboardText(report: Dashboard): string {
  const month = (label: string, figures: Dashboard['thisMonth']) =>
    `${label} (${figures.month}): revenue ${money(figures.revenue)}, profit ${money(figures.profit)}, ${Math.round(figures.seconds / 60)} minutes, ${figures.activeClients} active clients, ASR ${figures.asrPercent ?? '—'}%, ACD ${figures.acdSeconds ?? '—'}s`;
  return [
    month('This month', report.thisMonth),
    month('Last month', report.lastMonth),
    'Top destinations by profit:',
    ...report.topDestinations.map((entry) => `  ${entry.label}: ${money(entry.profit)}`),
    'Top clients by profit:',
    ...report.topClients.map((entry) => `  ${entry.label}: ${money(entry.profit)}`),
    `Clients below their threshold: ${report.belowThreshold.length}`,
  ].join('\n');
}

/** `report …`: the Reports page's figures (money as exact decimal strings with --json). */
export const reportCommands: Command[] = [
  {
    name: 'report financial',
    usage: 'report financial --from YYYY-MM --to YYYY-MM   revenue, deposits, cost, profit month by month',
    async run(ctx) {
      const { values } = parseCommandOptions(ctx, { from: { type: 'string' }, to: { type: 'string' } });
      const report = await ctx.call('reports.financial', {
        from: requireOption(values.from, 'report financial', '--from YYYY-MM'),
        to: requireOption(values.to, 'report financial', '--to YYYY-MM'),
      });
      print(ctx, report, [...report.months, report.total].map(financialLine).join('\n'));
    },
  },
  {
    name: 'report subaccounts',
    usage: 'report subaccounts                       every sub account: client, package, DIDs',
    async run(ctx) {
      parseCommandOptions(ctx, {});
      const rows = await ctx.call('reports.subaccounts');
      print(ctx, rows, rows.map((row) => `${row.username.padEnd(20)} ${(row.clientName ?? '—').padEnd(32)} ${(row.packageName ?? '—').padEnd(20)} ${row.dids.join(' ')}`).join('\n'));
    },
  },
  {
    name: 'report dids',
    usage: 'report dids [--month YYYY-MM]           every DID: client, package, rate, fee, calls, minutes, revenue',
    async run(ctx) {
      const { values } = parseCommandOptions(ctx, { month: { type: 'string' } });
      const report = await ctx.call('reports.dids', values.month === undefined ? {} : { month: values.month });
      const lines = report.rows.map(
        (row) => `${row.number.padEnd(14)} ${(row.clientName ?? '—').padEnd(32)} ${String(row.calls).padStart(7)} calls ${(row.seconds / 60).toFixed(1).padStart(9)} min ${money(row.revenue).padStart(12)}`,
      );
      print(ctx, report, [...lines, `Total: ${report.total.calls} calls, ${(report.total.seconds / 60).toFixed(1)} min, ${money(report.total.revenue)}`].join('\n'));
    },
  },
  {
    name: 'report dashboard',
    usage: 'report dashboard                         this month against the last, top destinations and clients',
    async run(ctx) {
      parseCommandOptions(ctx, {});
      const report = await ctx.call('reports.dashboard');
      print(ctx, report, dashboardText(report));
    },
  },
];
