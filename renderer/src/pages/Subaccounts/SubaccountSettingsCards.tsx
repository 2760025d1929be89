import type { ReactNode } from 'react';
import { Card } from '../../components/Card';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { Field, errorIdOf, type ControlProps } from '../../components/Field';
import type { FieldErrors } from '../../lib/issues';
import { AUTH_TYPES as AUTH_TYPE_CHOICES, DEVICE_TYPES as DEVICE_TYPE_CHOICES, DTMF_MODES as DTMF_MODE_CHOICES, MUSIC_ON_HOLD as MUSIC_ON_HOLD_CHOICES, NAT_MODES as NAT_MODE_CHOICES, asChoices } from '../../../../preload/common/catalog';
import { PasswordInput } from './PasswordInput';
import { SUBACCOUNT_FIELD_IDS as IDS, type SubaccountFormValues } from './subaccountForm';

interface CardsProps {
  mode: 'create' | 'edit';
  values: SubaccountFormValues;
  fieldErrors: FieldErrors;
  onChange(change: Partial<SubaccountFormValues>): void;
  /** Edit only: the control that reveals the current password. */
  passwordReveal?: ReactNode;
}

const textInput =
  (value: string, onChange: (value: string) => void, extra: { inputMode?: 'tel' | 'decimal'; maxLength?: number } = {}) =>
  (control: ControlProps) => (
    <input {...control} className="input" type="text" autoComplete="off" {...extra} value={value} onChange={(event) => onChange(event.target.value)} />
  );

export function IdentityCard({ mode, values, fieldErrors, onChange, passwordReveal }: CardsProps) {
  const askPassword = mode === 'edit' || !values.generatePassword;
  return (
    <Card title="Sub account">
      <Field id={IDS.username} label="Username" hint="Letters and digits, up to 32. Devices log in as your main account, an underscore and this name." error={fieldErrors.username}>
        {textInput(values.username, (username) => onChange({ username }), { maxLength: 32 })}
      </Field>
      {mode === 'create' ? (
        <label className="checkbox">
          <input type="checkbox" checked={values.generatePassword} onChange={(event) => onChange({ generatePassword: event.target.checked, password: '' })} />
          <span>
            Generate a strong password
            <span className="checkbox__hint">20 random letters and digits, shown once after the sub account is created.</span>
          </span>
        </label>
      ) : null}
      {askPassword ? (
        <Field
          id={IDS.password}
          label={mode === 'edit' ? 'New password' : 'Password'}
          hint={mode === 'edit' ? 'Leave empty to keep the current password. 8 to 64 characters, letters and digits.' : '8 to 64 characters, with letters and digits.'}
          error={fieldErrors.password}
        >
          {(control) => <PasswordInput {...control} value={values.password} onChange={(password) => onChange({ password })} />}
        </Field>
      ) : null}
      {passwordReveal}
      <Field id={IDS.description} label="Description" hint="Optional, e.g. “Front desk phone”." error={fieldErrors.description}>
        {textInput(values.description, (description) => onChange({ description }), { maxLength: 120 })}
      </Field>
    </Card>
  );
}

export function DeviceCard({ values, fieldErrors, onChange }: CardsProps) {
  return (
    <Card title="Device and authentication">
      <Field id={IDS.deviceType} label="Device type" error={fieldErrors.deviceType}>
        {(control) => (
          <ChoiceSelect {...control} value={String(values.deviceType)} choices={asChoices(DEVICE_TYPE_CHOICES)} onChange={(value) => onChange({ deviceType: value === '1' ? 1 : 2 })} />
        )}
      </Field>
      <fieldset className={fieldErrors.authType ? 'field choice-group field--invalid' : 'field choice-group'} aria-describedby={fieldErrors.authType ? errorIdOf('subaccount-auth-type') : undefined}>
        <legend className="field__label">Authentication type</legend>
        <div className="choice-row">
          {AUTH_TYPE_CHOICES.map((choice) => (
            <label key={choice.value} className="choice" htmlFor={`subaccount-auth-type-${choice.value}`}>
              <input
                id={`subaccount-auth-type-${choice.value}`}
                type="radio"
                name="authType"
                checked={values.authType === choice.value}
                onChange={() => onChange({ authType: choice.value })}
              />
              <span className="choice__label">{choice.label}</span>
            </label>
          ))}
        </div>
        {fieldErrors.authType ? (
          <p className="field__error" id={errorIdOf('subaccount-auth-type')}>
            {fieldErrors.authType}
          </p>
        ) : null}
      </fieldset>
      {values.authType === 2 ? (
        <Field id={IDS.ip} label="Static IP address" hint="The IPv4 address the device calls from, e.g. 203.0.113.10." error={fieldErrors.ip}>
          {textInput(values.ip, (ip) => onChange({ ip }), { inputMode: 'decimal' })}
        </Field>
      ) : null}
    </Card>
  );
}

/** Caller ID, music on hold, DTMF, NAT, international lock; the codec list comes in as children. */
export function CallsCard({ values, fieldErrors, onChange, children }: CardsProps & { children?: ReactNode }) {
  return (
    <Card title="Calls">
      <div className="form__row">
        <Field id={IDS.callerIdOverride} label="Caller ID override" hint="Optional. Digits only, e.g. 15145550100." error={fieldErrors.callerIdOverride}>
          {textInput(values.callerIdOverride, (callerIdOverride) => onChange({ callerIdOverride }), { inputMode: 'tel' })}
        </Field>
        <Field id={IDS.musicOnHold} label="Music on hold" hint="What callers hear while on hold." error={fieldErrors.musicOnHold}>
          {(control) => <ChoiceSelect {...control} value={values.musicOnHold} choices={asChoices(MUSIC_ON_HOLD_CHOICES)} onChange={(musicOnHold) => onChange({ musicOnHold })} />}
        </Field>
      </div>
      <div className="form__row">
        <Field id={IDS.dtmfMode} label="DTMF mode" hint="“Auto” suits most devices." error={fieldErrors.dtmfMode}>
          {(control) => <ChoiceSelect {...control} value={values.dtmfMode} choices={asChoices(DTMF_MODE_CHOICES)} onChange={(dtmfMode) => onChange({ dtmfMode })} />}
        </Field>
        <Field id={IDS.nat} label="NAT" hint="“Yes” for devices behind a home or office router." error={fieldErrors.nat}>
          {(control) => <ChoiceSelect {...control} value={values.nat} choices={asChoices(NAT_MODE_CHOICES)} onChange={(nat) => onChange({ nat })} />}
        </Field>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={values.internationalLock} onChange={(event) => onChange({ internationalLock: event.target.checked })} />
        <span>
          International lock
          <span className="checkbox__hint">Blocks calls outside the USA and Canada from this sub account.</span>
        </span>
      </label>
      {children}
    </Card>
  );
}
