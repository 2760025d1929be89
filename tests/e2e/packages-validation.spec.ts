import { expect, expectAccessible, test } from './fixtures';
import { PackageRatesPanel } from './pages/PackageRatesPanel';

test.describe('bad package input is refused with a field error and nothing is written', () => {
  const cases = [
    { name: 'a negative markup', fields: { markupFixed: '-0.01' }, control: 'markupFixed', message: /negative/i },
    { name: 'a percent with signs', fields: { markupPercent: '20%%' }, control: 'markupPercent', message: /not a number/i },
    { name: 'a pulse of 0', fields: { pulse: '0' }, control: 'customPulse', message: /at least 1/i },
    { name: 'a fractional pulse', fields: { pulse: '1.5' }, control: 'customPulse', message: /whole number/i },
  ] as const;

  for (const { name, fields, control, message } of cases) {
    test(name, async ({ packagesPage, packageForm }) => {
      await packagesPage.open('/packages/new');
      await packageForm.fill({ name: 'Refused', markupFixed: '0', markupPercent: '10', ...fields });
      await packageForm.submit();

      await expect(packageForm.errorSummary).toBeFocused();
      await expect(packageForm[control]).toHaveAttribute('aria-invalid', 'true');
      await expect(packageForm.errorFor(packageForm[control])).toHaveText(message);
      await expect(packageForm[control]).toHaveAccessibleDescription(message);
      await expect(packageForm.tab('General')).toHaveAccessibleName('General (1 error)');

      await packagesPage.goto();
      // The refused form still holds what was typed: leaving asks first (issue 10).
      await packagesPage.leaveWithoutSaving();
      await packagesPage.page.reload();
      await expect(packagesPage.emptyState).toBeVisible();
    });
  }
});

test('a calling code with letters is refused on its row, and the saved rates stay', async ({ packagesPage, packageForm }) => {
  const page = packagesPage.page;
  const rates = new PackageRatesPanel(page);
  await packagesPage.open('/packages/new');
  await packageForm.fill({ name: 'UK only', markupFixed: '0', markupPercent: '10' });
  await packageForm.submit();
  // A new package opens at once: its custom rates need it saved.
  await expect(packagesPage.heading).toHaveText('Edit UK only');
  await packageForm.openTab('Edit rates');
  await rates.add({ scope: 'Calling code', value: '44', rate: '0.02' });
  await rates.save();
  await expect(packagesPage.toast('Custom rates saved')).toBeVisible();

  await rates.add({ scope: 'Calling code', value: '44a', rate: '0.03' });
  await rates.add({ scope: 'Country', value: 'France', rate: 'abc' });
  await rates.save();
  // Main checks the shape of every row first: the bad number of row 3.
  await expect(rates.errorSummary).toBeFocused();
  await expect(rates.rowErrors(3)).toHaveText([/not a number/]);
  await expect(rates.rateInput(3)).toHaveAttribute('aria-invalid', 'true');
  await expect(rates.rateInput(3)).toHaveAccessibleDescription(/not a number/);
  await expect(rates.row(1).locator('[aria-invalid="true"]')).toHaveCount(0);

  // Then what the rows mean: a calling code has digits only.
  await rates.rateInput(3).fill('0.03');
  await rates.save();
  await expect(rates.rowErrors(2)).toHaveText(['The calling code "44a" must contain digits only (no +, spaces or letters)']);
  await expect(rates.rowErrors(3)).toHaveCount(0);
  await expect(rates.valueInput(2, 'Calling code')).toHaveAttribute('aria-invalid', 'true');
  await expect(rates.valueInput(2, 'Calling code')).toHaveAccessibleDescription(/digits only/);
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/package-rates-errors.png', fullPage: true });

  // The summary takes the person to the row.
  await rates.errorSummary.getByRole('button', { name: /^Row 2:/ }).click();
  await expect(rates.valueInput(2, 'Calling code')).toBeFocused();

  // Nothing was written: the saved set is still the one rate.
  await page.reload();
  await packageForm.openTab('Edit rates');
  await expect(rates.rows).toHaveCount(1);
  await expect(rates.savedLabel(1)).toHaveText('+44 (United Kingdom)');
});

test('two rates for the same destinations are refused, naming the rows', async ({ packagesPage, packageForm }) => {
  const rates = new PackageRatesPanel(packagesPage.page);
  await packagesPage.open('/packages/new');
  await packageForm.fill({ name: 'Conflicts', markupFixed: '0', markupPercent: '10' });
  await packageForm.submit();
  // A new package opens at once: its custom rates need it saved.
  await expect(packagesPage.heading).toHaveText('Edit Conflicts');
  await packageForm.openTab('Edit rates');
  await rates.add({ scope: 'Country', value: 'United Kingdom (GB, +44)', rate: '0.02' });
  await rates.add({ scope: 'Calling code', value: '44', rate: '0.03' });
  await rates.save();
  await expect(rates.errorSummary).toContainText('Rows 1 and 2: the calling-code rate 44 and the country rate GB cover the same numbers');
  await expect(rates.rowErrors(2)).toContainText(/same numbers/);

  // Removing the competing row lets the set save; the country shows its label.
  await rates.remove(2);
  await rates.save();
  await expect(packagesPage.toast('Custom rates saved')).toBeVisible();
  await expect(rates.savedLabel(1)).toHaveText('United Kingdom (+44)');
  await expect(rates.valueInput(1, 'Country')).toHaveValue('United Kingdom (GB, +44)');
});
