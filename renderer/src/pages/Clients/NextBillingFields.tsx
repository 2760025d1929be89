import { Field } from '../../components/Field';
import { formatMoney } from '../../../../preload/common/format';
import { todayIso } from '../../../../preload/common/dates';

interface NextBillingFieldsProps {
  idPrefix: string;
  nextBillingDate: string;
  chargeSetupNow: boolean;
  /** The chosen package's setup fee, when one is chosen. */
  setupFee: string | null;
  error: string | undefined;
  onDateChange(date: string): void;
  onChargeSetupNowChange(charge: boolean): void;
}

/**
 * Guide: "Next Billing date" and "charge the set up fees now" — shared by connecting a
 * package on the Manage page and by the reseller section of a new sub account.
 */
export function NextBillingFields({ idPrefix, nextBillingDate, chargeSetupNow, setupFee, error, onDateChange, onChargeSetupNowChange }: NextBillingFieldsProps) {
  const setupText = setupFee === null ? 'the package’s setup fee' : `the setup fee of ${formatMoney(setupFee)}`;
  return (
    <>
      <Field
        id={`${idPrefix}-next-billing-date`}
        label="Next billing date"
        hint="Today or later. Monthly fees are charged on this day each month. Fees are charged for whole months; no proration."
        error={error}
      >
        {(control) => (
          <input
            {...control}
            className="input input--date"
            type="date"
            min={todayIso()}
            value={nextBillingDate}
            onChange={(event) => onDateChange(event.target.value)}
          />
        )}
      </Field>
      <label className="checkbox">
        <input type="checkbox" checked={chargeSetupNow} onChange={(event) => onChargeSetupNowChange(event.target.checked)} />
        <span>
          Charge setup fee now
          <span className="checkbox__hint">Charges {setupText} today; otherwise it is charged on the first billing date.</span>
        </span>
      </label>
    </>
  );
}
