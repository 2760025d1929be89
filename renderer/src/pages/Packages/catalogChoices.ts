import type {
  CLIENT_SERVICE_LABELS,
  CLIENT_SERVICES,
  ROUTE_LABELS,
  ROUTES,
  SUBACCOUNT_FIELD_LABELS,
  SUBACCOUNT_FIELDS,
} from '../../../../preload/schemas/catalog';

/*
 * The guide's fixed choices for packages. The renderer may import only types from
 * preload/, so the lists are repeated here, typed as the catalog's own `typeof`: the
 * compiler refuses this file the moment a key is added, removed or reordered there.
 */
export const ROUTE_CHOICES: typeof ROUTES = ['value', 'premium'] as const;
export const ROUTE_NAMES: typeof ROUTE_LABELS = { value: 'Value', premium: 'Premium' };

export const EDITABLE_SUBACCOUNT_FIELDS: typeof SUBACCOUNT_FIELDS = [
  'password',
  'device_type',
  'auth_type',
  'callerid_override',
  'music_on_hold',
  'allowed_codecs',
  'dtmf_mode',
  'nat',
] as const;
export const EDITABLE_SUBACCOUNT_FIELD_NAMES: typeof SUBACCOUNT_FIELD_LABELS = {
  password: 'Password',
  device_type: 'Device type',
  auth_type: 'Authentication type',
  callerid_override: 'Caller ID override',
  music_on_hold: 'Music on hold',
  allowed_codecs: 'Allowed codecs',
  dtmf_mode: 'DTMF mode',
  nat: 'NAT',
};

export const PORTAL_SERVICES: typeof CLIENT_SERVICES = [
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
export const PORTAL_SERVICE_NAMES: typeof CLIENT_SERVICE_LABELS = {
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
