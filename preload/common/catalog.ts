/**
 * Fixed choices the guide names, shared by packages, sub accounts and branding.
 * Keys are stable (stored); labels are for people.
 */
export const ROUTES = ['value', 'premium'] as const;
export type RouteChoice = (typeof ROUTES)[number];
/** Guide: the markup example prices a provider cost of 1 cent per minute (0.01 at 20 % sells at 0.012). */
export const EXAMPLE_COST_RATE = '0.01';

export const ROUTE_LABELS: Record<RouteChoice, string> = { value: 'Value', premium: 'Premium' };

/** Guide: "User can edit Sub Account … such as Password, Device Type, Authentication Type, CallerID Override, Music On Hold, Allowed Codecs, DTMF Mode and NAT." */
export const SUBACCOUNT_FIELDS = [
  'password',
  'device_type',
  'auth_type',
  'callerid_override',
  'music_on_hold',
  'allowed_codecs',
  'dtmf_mode',
  'nat',
] as const;
export type SubaccountField = (typeof SUBACCOUNT_FIELDS)[number];
export const SUBACCOUNT_FIELD_LABELS: Record<SubaccountField, string> = {
  password: 'Password',
  device_type: 'Device type',
  auth_type: 'Authentication type',
  callerid_override: 'Caller ID override',
  music_on_hold: 'Music on hold',
  allowed_codecs: 'Allowed codecs',
  dtmf_mode: 'DTMF mode',
  nat: 'NAT',
};

/** Services a reseller can offer in the client portal (package "Services" or branding "Services" tab). */
export const CLIENT_SERVICES = [
  'sub_accounts',
  'order_dids',
  'call_forwarding',
  'voicemail',
  'ivr',
  'ring_groups',
  'call_hunting',
  'time_conditions',
  'call_recording',
  'callerid_filtering',
  'conferences',
  'queues',
  'sms',
  'fax',
  'e911',
  'phonebook',
  'callback',
  'disa',
] as const;
export type ClientService = (typeof CLIENT_SERVICES)[number];
export const CLIENT_SERVICE_LABELS: Record<ClientService, string> = {
  sub_accounts: 'Sub accounts',
  order_dids: 'Order DIDs',
  call_forwarding: 'Call forwarding',
  voicemail: 'Voicemail',
  ivr: 'IVR',
  ring_groups: 'Ring groups',
  call_hunting: 'Call hunting',
  time_conditions: 'Time conditions',
  call_recording: 'Call recording',
  callerid_filtering: 'Caller ID filtering',
  conferences: 'Conferences',
  queues: 'Call queues',
  sms: 'SMS/MMS',
  fax: 'Fax',
  e911: 'E911',
  phonebook: 'Phonebook',
  callback: 'Callback',
  disa: 'DISA',
};

/** Provider values for sub accounts (voipms-api.md: createSubAccount, getDeviceTypes, getAuthTypes…). */
export const DEVICE_TYPES = [
  { value: 1, label: 'Asterisk, IP PBX, gateway or VoIP switch' },
  { value: 2, label: 'IP phone, ATA or softphone' },
] as const;
export const AUTH_TYPES = [
  { value: 1, label: 'User / password' },
  { value: 2, label: 'Static IP' },
] as const;
export const CODECS = [
  { value: 'ulaw', label: 'G.711U' },
  { value: 'alaw', label: 'G.711A' },
  { value: 'g729', label: 'G.729A' },
  { value: 'g722', label: 'G.722' },
  { value: 'gsm', label: 'GSM' },
] as const;
export const DTMF_MODES = [
  { value: 'auto', label: 'Auto' },
  { value: 'rfc2833', label: 'RFC 2833' },
  { value: 'inband', label: 'Inband' },
  { value: 'info', label: 'SIP INFO' },
] as const;
export const NAT_MODES = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'route', label: 'Route' },
] as const;
export const MUSIC_ON_HOLD = [
  { value: 'default', label: 'Default' },
  { value: 'jazz', label: 'Easy listening' },
  { value: 'none', label: 'None' },
] as const;

export type CodecValue = (typeof CODECS)[number]['value'];
export type DeviceTypeValue = (typeof DEVICE_TYPES)[number]['value'];
export type AuthTypeValue = (typeof AUTH_TYPES)[number]['value'];

/** A catalog list as a select's options (values as strings). */
export const asChoices = (list: readonly { value: string | number; label: string }[]) =>
  list.map((item) => ({ value: String(item.value), label: item.label }));

export const codecLabel = (value: string): string => CODECS.find((codec) => codec.value === value)?.label ?? value;
