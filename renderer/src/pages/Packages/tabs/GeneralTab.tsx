import type { RouteChoice } from '../../../../../preload/common/catalog';
import { Card } from '../../../components/Card';
import { CheckboxField } from '../../../components/CheckboxField';
import { ChoiceField, type Choice } from '../../../components/ChoiceField';
import { Field } from '../../../components/Field';
import { ROUTES, ROUTE_LABELS as ROUTE_NAMES } from '../../../../../preload/common/catalog';
import { DecimalInput } from '../DecimalInput';
import { FIELD_IDS } from '../packageFields';
import { PulseField } from '../PulseField';
import type { PackageTabProps } from './tabProps';

const ROUTE_CHOICES: readonly Choice<RouteChoice>[] = ROUTES.map((route) => ({ value: route, label: ROUTE_NAMES[route] }));

/** Guide: package name, outbound markup, pulse, Canada and international routes, VoIP.ms to VoIP.ms calls. */
export function GeneralTab({ values, errors, onChange }: PackageTabProps) {
  return (
    <div className="tab-panel">
      <Card title="Package">
        <Field id={FIELD_IDS.name} label="Name" hint="Shown to you and on client invoices." error={errors.name}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="text"
              autoComplete="off"
              required
              maxLength={120}
              value={values.name}
              onChange={(event) => onChange('name', event.target.value)}
            />
          )}
        </Field>
      </Card>
      <Card title="Outbound markup">
        <div className="form__row">
          <Field
            id={FIELD_IDS.markupFixed}
            label="Fixed markup"
            hint="Added to the cost of every minute, e.g. 0.0050."
            error={errors.markupFixed}
            suffix="per minute"
          >
            {(control) => <DecimalInput {...control} value={values.markupFixed} onChange={(text) => onChange('markupFixed', text)} />}
          </Field>
          <Field
            id={FIELD_IDS.markupPercent}
            label="Percent markup"
            hint="Applied after the fixed markup, e.g. 20."
            error={errors.markupPercent}
            suffix="%"
          >
            {(control) => <DecimalInput {...control} value={values.markupPercent} onChange={(text) => onChange('markupPercent', text)} />}
          </Field>
        </div>
      </Card>
      <Card title="Billing">
        <PulseField
          choice={values.pulseChoice}
          custom={values.pulseCustom}
          error={errors.pulseSeconds}
          onChoiceChange={(choice) => onChange('pulseChoice', choice)}
          onCustomChange={(text) => onChange('pulseCustom', text)}
        />
      </Card>
      <Card title="Outgoing calls">
        <p className="muted">
          The provider routes that carry this package’s outgoing calls. Value routes cost you less; Premium routes cost more
          for higher call quality. The cost deck of the route prices the calls when no cost is known.
        </p>
        <div className="form__row">
          <ChoiceField
            id={FIELD_IDS.canadaRoute}
            legend="Canada route"
            hint="Calls to Canadian numbers."
            error={errors.canadaRoute}
            value={values.canadaRoute}
            choices={ROUTE_CHOICES}
            onChange={(route) => onChange('canadaRoute', route)}
            inline
          />
          <ChoiceField
            id={FIELD_IDS.internationalRoute}
            legend="International route"
            hint="Calls to the USA and every other country."
            error={errors.internationalRoute}
            value={values.internationalRoute}
            choices={ROUTE_CHOICES}
            onChange={(route) => onChange('internationalRoute', route)}
            inline
          />
        </div>
        <CheckboxField
          id={FIELD_IDS.freeOnNet}
          label="VoIP.ms to VoIP.ms calls are free"
          hint="Calls to USA and Canada numbers of VoIP.ms (such as your own DIDs) cost your clients nothing."
          error={errors.freeOnNet}
          checked={values.freeOnNet}
          onChange={(checked) => onChange('freeOnNet', checked)}
        />
      </Card>
    </div>
  );
}
