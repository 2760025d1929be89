import { Card } from '../../../components/Card';
import { Field } from '../../../components/Field';
import { DISPLAY_CURRENCY } from '../../../../../preload/common/format';
import { DecimalInput } from '../DecimalInput';
import { FIELD_IDS } from '../packageFields';
import type { PackageTabProps } from './tabProps';

/** Guide: "a value that you would charge as monthly base rate and a setup rate when connecting the package to a client". */
export function FeesTab({ values, errors, onChange }: PackageTabProps) {
  return (
    <div className="tab-panel">
      <Card title="Fees">
        <div className="form__row">
          <Field
            id={FIELD_IDS.monthlyFee}
            label="Monthly fee"
            hint="The base rate charged on each billing date of the client’s package."
            error={errors.monthlyFee}
            suffix={`${DISPLAY_CURRENCY} per month`}
          >
            {(control) => <DecimalInput {...control} value={values.monthlyFee} onChange={(text) => onChange('monthlyFee', text)} />}
          </Field>
          <Field
            id={FIELD_IDS.setupFee}
            label="Setup fee"
            hint="Charged once, when the package is connected to a client."
            error={errors.setupFee}
            suffix={`${DISPLAY_CURRENCY} once`}
          >
            {(control) => <DecimalInput {...control} value={values.setupFee} onChange={(text) => onChange('setupFee', text)} />}
          </Field>
        </div>
        <ul className="note-list">
          <li>
            <strong>Fees are charged for whole months; no proration.</strong> A client connected in the middle of a cycle pays
            the full monthly fee on the billing date.
          </li>
          <li>
            The setup fee is charged at once when “charge setup fee now” is ticked while connecting the package to a client
            or sub account; otherwise on the first billing date.
          </li>
          <li>Enter 0 for a package without a fee.</li>
        </ul>
      </Card>
    </div>
  );
}
