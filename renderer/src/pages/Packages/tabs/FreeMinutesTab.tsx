import { Card } from '../../../components/Card';
import { Field } from '../../../components/Field';
import { DecimalInput } from '../DecimalInput';
import { FIELD_IDS } from '../packageFields';
import type { PackageTabProps } from './tabProps';

interface FreeMinutesTabProps extends PackageTabProps {
  /** Opens the Edit rates tab, where free zones are ticked. */
  onOpenRates(): void;
  /** False for a package not saved yet: its rates come after the first save. */
  ratesAvailable: boolean;
}

/** Guide: "Free Minutes" — counted from the package's invoice date, in whole minutes rounded up per call. */
export function FreeMinutesTab({ values, errors, onChange, onOpenRates, ratesAvailable }: FreeMinutesTabProps) {
  return (
    <div className="tab-panel">
      <Card title="Free minutes">
        <Field
          id={FIELD_IDS.freeMinutes}
          label="Free minutes per billing cycle"
          hint="Enter 0 for none."
          error={errors.freeMinutes}
          suffix="minutes"
        >
          {(control) => <DecimalInput {...control} whole value={values.freeMinutes} onChange={(text) => onChange('freeMinutes', text)} />}
        </Field>
        <ul className="note-list">
          <li>The minutes start again on each billing cycle, counted from the invoice date of the client’s package.</li>
          <li>
            Each call counts in <strong>whole minutes, rounded up</strong>: a call of 3 min 11 s spends 4 free minutes.
          </li>
          <li>
            <strong>Inbound calls</strong> and outbound calls to <strong>free zones</strong> spend them. Other outbound calls
            are always charged.
          </li>
          <li>
            A call longer than the minutes left spends what remains; its other seconds are charged with the pulse.
          </li>
        </ul>
        <p>
          Free zones are the custom rates marked “Free zone” on the{' '}
          <button type="button" className="link-button link-button--primary" onClick={onOpenRates}>
            Edit rates tab
          </button>
          {ratesAvailable ? '.' : ' (available once the package is saved).'}
        </p>
      </Card>
    </div>
  );
}
