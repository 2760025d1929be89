/**
 * Fixed choices the guide names, shared by packages, sub accounts and branding.
 * Keys are stable (stored); labels are for people.
 */
export const ROUTES = ['value', 'premium'] as const;
export type RouteChoice = (typeof ROUTES)[number];
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
