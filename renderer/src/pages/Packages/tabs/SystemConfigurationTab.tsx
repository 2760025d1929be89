import { Card } from '../../../components/Card';
import { CheckboxField } from '../../../components/CheckboxField';
import { CheckboxGroup } from '../../../components/CheckboxGroup';
import { ChoiceField } from '../../../components/ChoiceField';
import { hrefTo } from '../../../lib/router';
import { SUBACCOUNT_FIELD_LABELS as EDITABLE_SUBACCOUNT_FIELD_NAMES, SUBACCOUNT_FIELDS as EDITABLE_SUBACCOUNT_FIELDS, CLIENT_SERVICE_LABELS as PORTAL_SERVICE_NAMES, CLIENT_SERVICES as PORTAL_SERVICES } from '../../../../../preload/common/catalog';
import { FIELD_IDS } from '../packageFields';
import type { PackageTabProps } from './tabProps';

const EDITABLE_FIELD_OPTIONS = EDITABLE_SUBACCOUNT_FIELDS.map((field) => ({ value: field, label: EDITABLE_SUBACCOUNT_FIELD_NAMES[field] }));
const SERVICE_OPTIONS = PORTAL_SERVICES.map((service) => ({ value: service, label: PORTAL_SERVICE_NAMES[service] }));

/** Guide: "Simple View … hides some features like:" */
const SIMPLE_VIEW_HIDES = [
  'Call type filters (busy, answered, failed and no answer) in the CDR',
  'This month’s and today’s amount spent on the Balance page',
  'Service details (register type, allowed codecs…) on the Services page',
  'Other information a “Vonage-style” client does not need',
];

/** Guide: "The Reseller System Configuration tab offers several advanced options for the package". */
export function SystemConfigurationTab({ values, errors, onChange }: PackageTabProps) {
  const setUserCanEdit = (checked: boolean): void => {
    onChange('userCanEditSubaccount', checked);
    // Guide lists what the end user may then change; start from all of it.
    if (checked && values.subaccountEditableFields.length === 0) onChange('subaccountEditableFields', [...EDITABLE_SUBACCOUNT_FIELDS]);
  };
  return (
    <div className="tab-panel">
      <Card title="Sub account">
        <CheckboxField
          id={FIELD_IDS.userCanEditSubaccount}
          label="User can edit sub account"
          hint="Your client may change the details of their sub accounts in the client portal."
          error={errors.userCanEditSubaccount}
          checked={values.userCanEditSubaccount}
          onChange={setUserCanEdit}
        />
        {values.userCanEditSubaccount ? (
          <CheckboxGroup
            id={FIELD_IDS.subaccountEditableFields}
            legend="Fields the client can edit"
            error={errors.subaccountEditableFields}
            options={EDITABLE_FIELD_OPTIONS}
            selected={values.subaccountEditableFields}
            onChange={(fields) => onChange('subaccountEditableFields', fields)}
          />
        ) : null}
      </Card>
      <Card title="Client portal">
        <ChoiceField
          id={FIELD_IDS.configurationType}
          legend="Type of configuration"
          hint="Which services the Reseller Customer Portal shows to clients of this package."
          error={errors.configurationType}
          value={values.configurationType}
          onChange={(type) => onChange('configurationType', type)}
          choices={[
            {
              value: 'default',
              label: 'Default configuration',
              description: (
                <>
                  The services set under <a href={hrefTo('/branding')}>Branding &amp; Access → Services</a>.
                </>
              ),
            },
            { value: 'package', label: 'Package configuration', description: 'The services you choose below, for this package only.' },
          ]}
        />
        <ChoiceField
          id={FIELD_IDS.viewSetting}
          legend="View setting"
          error={errors.viewSetting}
          value={values.viewSetting}
          onChange={(view) => onChange('viewSetting', view)}
          choices={[
            { value: 'standard', label: 'Standard view', description: 'Everything the client interface offers.' },
            {
              value: 'simple',
              label: 'Simple view',
              description: (
                <>
                  A simpler client interface. It hides:
                  <ul className="option-card__list">
                    {SIMPLE_VIEW_HIDES.map((item) => (
                      <li key={item}>{item}</li>
                    ))}
                  </ul>
                </>
              ),
            },
          ]}
        />
      </Card>
      {values.configurationType === 'package' ? (
        <Card title="Services">
          <CheckboxGroup
            id={FIELD_IDS.services}
            legend="Services available to clients of this package"
            hint="Only with the package configuration, in the new version of the reseller system."
            error={errors.services}
            options={SERVICE_OPTIONS}
            selected={values.services}
            onChange={(services) => onChange('services', services)}
            bulkActions
          />
        </Card>
      ) : null}
    </div>
  );
}
