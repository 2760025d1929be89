import type { SubaccountView } from '../../../../preload/schemas/telephony';
import type { SubaccountCreateInput, SubaccountUpdateInput } from '../../stores/subaccounts';
import { todayIso } from '../Clients/calendar';
import { CODEC_CHOICES, type AuthTypeValue, type CodecValue, type DeviceTypeValue } from './choices';

export interface CodecRow {
  value: CodecValue;
  allowed: boolean;
}

/** "Connect a new package…" in the client package choice. */
export const NEW_CONNECTION = 'new';

export interface SubaccountFormValues {
  username: string;
  /** On create: let main generate a strong password (the default). */
  generatePassword: boolean;
  /** Empty on edit = keep the current password. */
  password: string;
  description: string;
  deviceType: DeviceTypeValue;
  authType: AuthTypeValue;
  ip: string;
  callerIdOverride: string;
  musicOnHold: string;
  /** Every codec, allowed ones in the order the device should offer them. */
  codecs: CodecRow[];
  dtmfMode: string;
  nat: string;
  internationalLock: boolean;
  /** Reseller section (create only): an existing client package id, or NEW_CONNECTION. */
  connection: string;
  packageId: string;
  nextBillingDate: string;
  chargeSetupNow: boolean;
}

/** Allowed codecs first, in order, then the others in the catalog's order. */
export function codecRows(allowed: readonly string[]): CodecRow[] {
  const rows: CodecRow[] = [];
  for (const value of allowed) {
    const codec = CODEC_CHOICES.find((choice) => choice.value === value);
    if (codec) rows.push({ value: codec.value, allowed: true });
  }
  for (const codec of CODEC_CHOICES) {
    if (!allowed.includes(codec.value)) rows.push({ value: codec.value, allowed: false });
  }
  return rows;
}

/** The provider's usual choices for a new sub account (same as main's defaults). */
export function newSubaccountValues(firstConnectionId: number | undefined): SubaccountFormValues {
  return {
    username: '',
    generatePassword: true,
    password: '',
    description: '',
    deviceType: 2,
    authType: 1,
    ip: '',
    callerIdOverride: '',
    musicOnHold: 'default',
    codecs: codecRows(['ulaw', 'g729']),
    dtmfMode: 'auto',
    nat: 'yes',
    internationalLock: false,
    connection: firstConnectionId === undefined ? NEW_CONNECTION : String(firstConnectionId),
    packageId: '',
    nextBillingDate: todayIso(),
    chargeSetupNow: false,
  };
}

export function editValuesOf(subaccount: SubaccountView): SubaccountFormValues {
  return {
    ...newSubaccountValues(undefined),
    username: subaccount.username,
    generatePassword: false,
    description: subaccount.description,
    deviceType: subaccount.deviceType === 1 ? 1 : 2,
    authType: subaccount.authType === 2 ? 2 : 1,
    ip: subaccount.ip,
    callerIdOverride: subaccount.callerIdOverride,
    musicOnHold: subaccount.musicOnHold,
    codecs: codecRows(subaccount.allowedCodecs),
    dtmfMode: subaccount.dtmfMode,
    nat: subaccount.nat,
    internationalLock: subaccount.internationalLock,
    connection: '',
  };
}

function settingsOf(values: SubaccountFormValues) {
  return {
    username: values.username,
    description: values.description,
    deviceType: values.deviceType,
    authType: values.authType,
    // The IP only means something with static IP authentication.
    ip: values.authType === 2 ? values.ip : '',
    callerIdOverride: values.callerIdOverride,
    musicOnHold: values.musicOnHold,
    allowedCodecs: values.codecs.filter((codec) => codec.allowed).map((codec) => codec.value),
    dtmfMode: values.dtmfMode,
    nat: values.nat,
    internationalLock: values.internationalLock,
  };
}

export function toCreateInput(values: SubaccountFormValues, clientId: number): SubaccountCreateInput {
  const reseller =
    values.connection === NEW_CONNECTION
      ? {
          ...(values.packageId === '' ? {} : { packageId: Number(values.packageId) }),
          nextBillingDate: values.nextBillingDate,
          chargeSetupNow: values.chargeSetupNow,
        }
      : { clientPackageId: Number(values.connection) };
  return {
    ...settingsOf(values),
    password: values.generatePassword ? '' : values.password,
    clientId,
    ...reseller,
  };
}

export function toUpdateInput(values: SubaccountFormValues, id: number): SubaccountUpdateInput {
  return { ...settingsOf(values), id, ...(values.password === '' ? {} : { password: values.password }) };
}

/** Control ids by main's field path, for the error summary. */
export const SUBACCOUNT_FIELD_IDS = {
  username: 'subaccount-username',
  password: 'subaccount-password',
  description: 'subaccount-description',
  deviceType: 'subaccount-device-type',
  authType: 'subaccount-auth-type-1',
  ip: 'subaccount-ip',
  callerIdOverride: 'subaccount-callerid',
  musicOnHold: 'subaccount-music-on-hold',
  allowedCodecs: 'subaccount-codec-0',
  dtmfMode: 'subaccount-dtmf',
  nat: 'subaccount-nat',
  clientPackageId: 'subaccount-connection',
  packageId: 'subaccount-package',
  nextBillingDate: 'subaccount-next-billing-date',
} as const;

export const fieldIdOf = (path: string): string | undefined =>
  path in SUBACCOUNT_FIELD_IDS ? SUBACCOUNT_FIELD_IDS[path as keyof typeof SUBACCOUNT_FIELD_IDS] : undefined;
