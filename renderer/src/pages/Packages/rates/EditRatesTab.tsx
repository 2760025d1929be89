import { useEffect, useMemo, useRef } from 'react';
import { Card } from '../../../components/Card';
import { CountryOptionsList } from '../../../components/CountryPicker';
import { EmptyState } from '../../../components/EmptyState';
import { DataTable } from '../../../components/DataTable';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { ErrorSummary, type SummaryItem } from '../../../components/ErrorSummary';
import { Icon } from '../../../components/Icon';
import { Loading } from '../../../components/Loading';
import { toApiError } from '../../../queries/channel';
import { useCustomRates } from '../../../queries/packages';
import { useCountries } from '../../../queries/pricing';
import { rowsOf, toRateInput, useRateDrafts, type RateRow, type RowErrors } from '../../../stores/rateDrafts';
import { showToast } from '../../../stores/toasts';
import { rateColumns, rateControlId, type RateRowView } from './rateColumns';

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
  const countryList = useCountries();
  const { countries } = countryList;
  const saved = useCustomRates(packageId);
  const { rows, dirty, error, rowErrors, packageId: draftOf, begin, addRow, updateRow, removeRow, refused, clearErrors } = useRateDrafts();
  const summaryRef = useRef<HTMLDivElement>(null);
  const ready = countryList.status === 'ready' && saved.rates !== undefined;

  useEffect(() => {
    // Unsaved rows survive a tab switch; the editor forgets them when it opens a package.
    if (draftOf === packageId || !ready || !saved.rates) return;
    begin(packageId, rowsOf(saved.rates, countries));
  }, [packageId, draftOf, ready, saved.rates, countries, begin]);

  useEffect(() => {
    if (error) summaryRef.current?.focus();
  }, [error]);

  const columns = useMemo(() => rateColumns({ countryListId: COUNTRY_LIST_ID, onChange: updateRow, onRemove: removeRow }), [updateRow, removeRow]);

  const handleAdd = (): void => {
    const key = addRow();
    requestAnimationFrame(() => document.getElementById(rateControlId(key, 'value'))?.focus());
  };

  const handleSave = async (): Promise<void> => {
    clearErrors();
    try {
      // The package (its custom rate count) and every price shown read again by themselves.
      const result = await saved.saveRates(rows.map((row) => toRateInput(row, countries)));
      begin(packageId, rowsOf(result, countries));
      const count = result.length === 1 ? '1 custom rate' : `${result.length} custom rates`;
      showToast({ tone: 'success', title: 'Custom rates saved', description: `The package now has ${count}.` });
    } catch (failure) {
      refused(toApiError(failure));
    }
  };

  const loadError = saved.error ?? countryList.error;
  if (loadError && draftOf !== packageId) {
    const retry = (
      <button
        type="button"
        className="button button--secondary"
        onClick={() => {
          void saved.reload();
          void countryList.reload();
        }}
      >
        Try again
      </button>
    );
    return <ErrorBanner error={loadError} title="Could not load the custom rates" action={retry} />;
  }
  if (draftOf !== packageId) return <Loading label="Loading the custom rates…" />;

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
          <DataTable<RateRowView>
            columns={columns}
            rows={rows.map((row, index) => ({ row, position: index + 1, errors: rowErrors[row.key] }))}
            rowKey={({ row }) => String(row.key)}
            caption="Custom rates of this package"
            className="rates-table"
            rowNavigation={false}
            rowAttributes={({ errors }) => ({ className: errors ? 'rates-table__row rates-table__row--invalid' : 'rates-table__row' })}
          />
        )}
        <div className="card__actions">
          <button type="button" className="button button--secondary" onClick={handleAdd}>
            <Icon name="plus" size={16} />
            Add rate
          </button>
        </div>
      </Card>
      <div className="form__actions">
        <button type="button" className="button button--primary" disabled={saved.saving} onClick={() => void handleSave()}>
          {saved.saving ? 'Saving…' : 'Save rates'}
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
