import { openStore } from '../../db/open';
import { addDays } from '../../main/engine/cdrWindows';
import { localDate } from '../../main/services/clock';
import { createContext } from '../../main/services/context';
import { pullFromProvider } from '../../main/sync/pull/pull';
import { cdrRecord, FakePullProvider, resellerAtProvider } from '../helpers/pullProvider';
import { expect, expectAccessible, test } from './fixtures';
import { ProviderPackagePanel, ReconciliationPage } from './pages/ReconciliationPage';

/**
 * Issue 12, pulls, against the headless host. The pull runs here, on the host's database
 * file, with the in-memory provider of the integration tests (the e2e against the emulator
 * comes with it); the window then shows what it brought.
 */
async function pullInto(databasePath: string): Promise<{ basicId: number; premiumId: number }> {
  const store = await openStore(databasePath);
  try {
    const ctx = createContext(store);
    const today = localDate(new Date());
    const provider = new FakePullProvider(resellerAtProvider());
    await pullFromProvider(ctx, provider, { from: '2026-06-01', to: today, timezone: 0, accounts: true, calls: true, balances: false });
    const alice = await store.db.selectFrom('clients').select('balance_micros').where('provider_id', '=', '561115').executeTakeFirstOrThrow();
    // Alice agrees with the provider; Bob made a call yesterday that was never imported here.
    provider.state.balances['561115'] = (alice.balance_micros / 1e6).toFixed(6);
    provider.state.balances['561116'] = '-3.00';
    provider.state.cdrs.push(cdrRecord('561116', { uniqueid: 'A900099', date: `${addDays(today, -1)} 09:00:00`, account: '100000_bob', destination: '15145559990', seconds: 120, total: '0.12000000' }));
    // The provider's Basic changed in its portal since.
    provider.state.packages[0] = { ...provider.state.packages[0]!, monthly_fee: '12.00', free_minutes: '50' };
    await pullFromProvider(ctx, provider, { accounts: true, calls: false, balances: true });
    const ids = await store.db.selectFrom('packages').select(['id', 'provider_id']).orderBy('id').execute();
    return { basicId: ids.find((row) => row.provider_id === '8378')!.id, premiumId: ids.find((row) => row.provider_id === '8379')!.id };
  } finally {
    await store.close();
  }
}

test('the Reconciliation page lists the client whose balance differs, with the calls that explain it; a package says how it differs from the provider\u2019s', async ({ page, shell, host }) => {
  const reconciliation = new ReconciliationPage(page);
  await shell.open('/reconciliation');
  await expect(page.getByRole('heading', { level: 2, name: 'Balances not compared yet' })).toBeVisible();

  const { basicId, premiumId } = await pullInto(host.databasePath);
  await page.reload();
  await expect(reconciliation.heading).toBeVisible();
  await expect(reconciliation.summary).toContainText('1 differ, 1 agree.');
  const bob = reconciliation.client('Bob Stone (Stone Inc)');
  await expect(bob).toBeVisible();
  await expect(reconciliation.client('Alice Martin')).toHaveCount(0);
  await expect(reconciliation.detail(bob, 'At the provider')).toHaveText('-$3.00');
  const yesterday = addDays(localDate(new Date()), -1);
  await expect(reconciliation.day(bob, yesterday)).toHaveText(['1', '$0.1200', '0', '$0.0000']);
  const lastPull = page.getByRole('region', { name: 'Last pull from the provider' });
  await expect(lastPull).toContainText('Clients: 2 matched (0 newly), 0 added');
  await expect(lastPull).toContainText('call times in UTC+0');
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/sync-reconciliation.png', fullPage: true });

  const panel = new ProviderPackagePanel(page);
  await shell.open(`/packages/${basicId}`);
  await expect(panel.differs).toBeVisible();
  await expect(panel.difference('monthly_fee').getByRole('cell')).toHaveText(['10.000000', '12.000000']);
  await expect(panel.difference('free_minutes').getByRole('cell')).toHaveText(['0', '50']);
  await expect(panel.differs.getByRole('row')).toHaveCount(3);
  await expect(panel.linkSelect).toHaveText(/Basic \(8378\)/);
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/sync-package-differs.png', fullPage: true });

  // Unlinked, nothing is compared; linked again, the warning is back.
  await panel.linkTo('Not linked');
  await expect(shell.toast('Package unlinked')).toBeVisible();
  await expect(panel.linkSelect).toHaveText(/Not linked/);
  await expect(panel.differs).toHaveCount(0);
  await panel.linkTo('Basic (8378)');
  await expect(shell.toast('Package linked')).toBeVisible();
  await expect(panel.difference('monthly_fee').getByRole('cell')).toHaveText(['10.000000', '12.000000']);

  await shell.open(`/packages/${premiumId}`);
  await expect(panel.same).toContainText("Same terms as the provider's “Premium Talk”");
  await expect(panel.differs).toHaveCount(0);
});
