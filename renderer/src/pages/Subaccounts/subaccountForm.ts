import type { SubaccountView } from '../../../../preload/schemas/telephony';
import type { FieldErrors } from '../../lib/issues';
import type { SubaccountCreateInput, SubaccountUpdateInput } from '../../queries/subaccounts';
import { todayIso } from '../../../../preload/common/dates';
import { CODECS as CODEC_CHOICES, type AuthTypeValue, type CodecValue, type DeviceTypeValue } from '../../../../preload/common/catalog';

export interface CodecRow {
  value: CodecValue;
  allowed: boolean;
}

/** "Connect a new package…" in the client package choice. */
export const NEW_CONNECTION = 'new';
/** "No client" in the client choice of the edit page: the sub account is bound to no client. */
export const NO_CLIENT = 'none';

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
  /** Reseller section, edit only (create is for one client): a client id, or NO_CLIENT. */
  client: string;
  /** Reseller section: an existing client package id, NEW_CONNECTION, or "" while none is chosen. */
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
    client: NO_CLIENT,
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
    client: subaccount.clientId === null ? NO_CLIENT : String(subaccount.clientId),
    connection: subaccount.clientPackageId === null ? '' : String(subaccount.clientPackageId),
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

type Settings = ReturnType<typeof settingsOf>;

/** The reseller section's package: an existing connection of the client, or a package connected now. */
function connectionInput(values: SubaccountFormValues) {
  if (values.connection === NEW_CONNECTION) {
    return {
      ...(values.packageId === '' ? {} : { packageId: Number(values.packageId) }),
      nextBillingDate: values.nextBillingDate,
      chargeSetupNow: values.chargeSetupNow,
    };
  }
  return values.connection === '' ? {} : { clientPackageId: Number(values.connection) };
}

export function toCreateInput(values: SubaccountFormValues, clientId: number): SubaccountCreateInput {
  return {
    ...settingsOf(values),
    password: values.generatePassword ? '' : values.password,
    clientId,
    ...connectionInput(values),
  };
}

function changedSettings(after: Settings, before: Settings): Partial<Settings> {
  const changed: Partial<Settings> = {};
  const keep = <K extends keyof Settings>(key: K): void => {
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) changed[key] = after[key];
  };
  (Object.keys(after) as (keyof Settings)[]).forEach(keep);
  // Main checks the IP against the authentication type only when both arrive together.
  if (changed.authType !== undefined || changed.ip !== undefined) {
    changed.authType = after.authType;
    changed.ip = after.ip;
  }
  return changed;
}

/** Guide: "Edit Sub Account >> Manage and add a package there"; `clientId: null` unbinds the sub account. */
function resellerChange(values: SubaccountFormValues, initial: SubaccountFormValues) {
  if (values.client === NO_CLIENT) return initial.client === NO_CLIENT ? {} : { clientId: null };
  if (values.client === initial.client && values.connection === initial.connection) return {};
  return { clientId: Number(values.client), ...connectionInput(values) };
}

/** Only what differs from the sub account as it was loaded, so an untouched reseller section is left alone. */
export function toUpdateInput(values: SubaccountFormValues, initial: SubaccountFormValues, id: number): SubaccountUpdateInput {
  return {
    ...changedSettings(settingsOf(values), settingsOf(initial)),
    id,
    ...(values.password === '' ? {} : { password: values.password }),
    ...resellerChange(values, initial),
  };
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
  clientId: 'subaccount-client',
  clientPackageId: 'subaccount-connection',
  packageId: 'subaccount-package',
  nextBillingDate: 'subaccount-next-billing-date',
} as const;

/** Where a field error is shown: a package or client problem sits by the control that is on screen. */
export function fieldIdOf(path: string, { mode, connection }: { mode: 'create' | 'edit'; connection: string }): string | undefined {
  if (path === 'clientId' && mode === 'create') return SUBACCOUNT_FIELD_IDS.clientPackageId;
  if (path === 'packageId' && connection !== NEW_CONNECTION) return SUBACCOUNT_FIELD_IDS.clientPackageId;
  return path in SUBACCOUNT_FIELD_IDS ? SUBACCOUNT_FIELD_IDS[path as keyof typeof SUBACCOUNT_FIELD_IDS] : undefined;
}

/** The message under the client package choice: its own, or "choose a package" while no new one is being connected. */
export const connectionErrorOf = (fieldErrors: FieldErrors, connection: string): string | undefined =>
  fieldErrors.clientPackageId ?? (connection === NEW_CONNECTION ? undefined : fieldErrors.packageId);
