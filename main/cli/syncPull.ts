import type { AccountImportCounts, PullResult } from '../../preload/schemas/sync';
import { parseCommandOptions, print } from './options';
import { UserError, type Command } from './run';

const counts = (label: string, value: AccountImportCounts): string =>
  `${label}: ${value.matched} already linked, ${value.linked} matched and linked, ${value.created} added`;

function pullText(result: PullResult): string {
  const lines: string[] = [];
  if (result.accounts) {
    lines.push(
      counts('Packages', result.accounts.packages),
      counts('Clients', result.accounts.clients),
      counts('Sub accounts', result.accounts.subaccounts),
      counts('DIDs', result.accounts.dids),
    );
  }
  if (result.calls) {
    const calls = result.calls;
    lines.push(
      `Calls ${calls.from ?? '—'} to ${calls.to} (time zone ${result.timezone}), ${calls.clients} clients in ${calls.windows} requests: ` +
        `${calls.read} read, ${calls.added} added (${calls.rated} rated, ${calls.unrated} unrated), ${calls.duplicates} already here, ${calls.rejected} rejected`,
    );
  }
  if (result.balances) lines.push(`Balances: ${result.balances.checked} compared, ${result.balances.differing} differ (see the Reconciliation page)`);
  for (const failure of result.failures) lines.push(`Failed: ${failure.what}: ${failure.message} (${failure.status})`);
  return lines.join('\n');
}

/** `sync pull`: what the provider has, brought here (issue 12). The provider's credentials come from the environment (RESELLER_API_URL/_USERNAME/_PASSWORD). */
export const syncPullCommands: Command[] = [
  {
    name: 'sync pull',
    usage: 'sync pull [--from D] [--to D] [--timezone H]   clients, packages, sub accounts, DIDs, calls and balances from the provider',
    async run(ctx) {
      const { values } = parseCommandOptions(ctx, { from: { type: 'string' }, to: { type: 'string' }, timezone: { type: 'string' } });
      const timezone = values.timezone === undefined ? undefined : Number(values.timezone);
      if (timezone !== undefined && !Number.isFinite(timezone)) throw new UserError(`--timezone ${values.timezone} is not a number of hours (e.g. -5)`);
      const result = await ctx.call('sync.pull', {
        ...(values.from === undefined ? {} : { from: values.from }),
        ...(values.to === undefined ? {} : { to: values.to }),
        ...(timezone === undefined ? {} : { timezone }),
      });
      print(ctx, result, pullText(result));
      // Exit 0 only when everything came: what failed is read again by the next pull.
      if (result.failures.length > 0) throw new UserError(`${result.failures.length} part(s) of the pull failed; run it again later`);
    },
  },
];
