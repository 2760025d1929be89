import { useEffect, useRef } from 'react';
import { Card } from '../../../components/Card';
import { CountryOptionsList } from '../../../components/CountryPicker';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { ErrorSummary, type SummaryItem } from '../../../components/ErrorSummary';
import { Icon } from '../../../components/Icon';
import { Loading } from '../../../components/Loading';
import { usePackages } from '../../../stores/packages';
import { usePricing } from '../../../stores/pricing';
import { useCustomRates, type RateRow, type RowErrors } from '../../../stores/pricingRates';
import { showToast } from '../../../stores/toasts';
import { CustomRateRow, rateControlId } from './CustomRateRow';

const COUNTRY_LIST_ID = 'rate-country-options';

function summaryItems(rows: readonly RateRow[], rowErrors: RowErrors): SummaryItem[] {
  return rows.flatMap((row, index) =>
    Object.entries(rowErrors[row.key] ?? {}).map(([field, message]) => ({
      fieldId: rateControlId(row.key, field as keyof NonNullable<RowErrors[number]>),
      // Messages from main name their rows already ("Row 2: …", "Rows 1 and 3: …").
      text: /^Rows? \d/.test(message) ? message : `Row ${index + 1}: ${message}`,
    })),
  );
}

/** Guide: "Edit Rates" — custom rates override the markup; free zones spend the free minutes. */
export function EditRatesTab({ packageId, freeMinutes }: { packageId: number; freeMinutes: number }) {
  const countries = usePricing((state) => state.countries);
  const loadCountries = usePricing((state) => state.loadCountries);
  const { rows, status, saving, dirty, error, rowErrors, packageId: loadedFor, load, addRow, updateRow, removeRow, save } = useCustomRates();
  const refreshPackage = usePackages((state) => state.refreshEditing);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Unsaved rows survive a tab switch; the editor resets the store when it opens.
    if (loadedFor === packageId) return;
    void (async () => {
      await loadCountries();
      await load(packageId, usePricing.getState().countries);
    })();
  }, [packageId, loadedFor, load, loadCountries]);

  useEffect(() => {
    if (error) summaryRef.current?.focus();
  }, [error]);

  const handleAdd = (): void => {
    const key = addRow();
    requestAnimationFrame(() => document.getElementById(rateControlId(key, 'value'))?.focus());
  };

  const handleSave = async (): Promise<void> => {
    const saved = await save(countries);
    if (!saved) return;
    await refreshPackage();
    const count = saved.length === 1 ? '1 custom rate' : `${saved.length} custom rates`;
    showToast({ tone: 'success', title: 'Custom rates saved', description: `The package now has ${count}.` });
  };

  if (status === 'loading' || status === 'idle') return <Loading label="Loading the custom rates…" />;
  if (status === 'error' && error) {
    const retry = (
      <button type="button" className="button button--secondary" onClick={() => void load(packageId, countries)}>
        Try again
      </button>
    );
    return <ErrorBanner error={error} title="Could not load the custom rates" action={retry} />;
  }

  const items = summaryItems(rows, rowErrors);
  return (
    <div className="tab-panel">
      {error ? (
        <ErrorSummary
          ref={summaryRef}
          title={items.length > 0 ? 'The custom rates were not saved. Please correct:' : 'The custom rates were not saved'}
          items={items}
          message={items.length > 0 ? undefined : error.message}
        />
      ) : null}
      <Card
        title="Custom rates"
        aside={<span className="muted">{rows.length === 1 ? '1 rate' : `${rows.length} rates`}</span>}
      >
        <p className="muted">
          A custom rate replaces the markup for every call to its destinations: all USA or Canada numbers, a country, or a
          calling code. When several match, the longest calling code wins (+447 before +44). Tick <strong>Free zone</strong> for
          destinations whose calls spend the package’s free minutes ({freeMinutes === 1 ? '1 minute' : `${freeMinutes} minutes`}{' '}
          per billing cycle).
        </p>
        <CountryOptionsList id={COUNTRY_LIST_ID} countries={countries} />
        {rows.length === 0 ? (
          <EmptyState icon="packages" title="No custom rates">
            <p>Every call is priced with the markup. Add a rate to set your own price for a destination.</p>
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table rates-table">
              <caption className="visually-hidden">Custom rates of this package</caption>
              <thead>
                <tr>
                  <th scope="col">Type</th>
                  <th scope="col">Destination</th>
                  <th scope="col">Rate /min</th>
                  <th scope="col">Free zone</th>
                  <th scope="col">Description</th>
                  <th scope="col">
                    <span className="visually-hidden">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => (
                  <CustomRateRow
                    key={row.key}
                    row={row}
                    position={index + 1}
                    errors={rowErrors[row.key]}
                    countryListId={COUNTRY_LIST_ID}
                    onChange={(patch) => updateRow(row.key, patch)}
                    onRemove={() => removeRow(row.key)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="card__actions">
          <button type="button" className="button button--secondary" onClick={handleAdd}>
            <Icon name="plus" size={16} />
            Add rate
          </button>
        </div>
      </Card>
      <div className="form__actions">
        <button type="button" className="button button--primary" disabled={saving} onClick={() => void handleSave()}>
          {saving ? 'Saving…' : 'Save rates'}
        </button>
        {dirty ? (
          <p className="unsaved-note" role="status">
            Unsaved changes to the rates
          </p>
        ) : null}
      </div>
    </div>
  );
}
