import type { AUTH_TYPES, CODECS, DEVICE_TYPES, DTMF_MODES, MUSIC_ON_HOLD, NAT_MODES } from '../../../../preload/schemas/catalog';

/*
 * The provider's sub account choices. The renderer may import only types from preload/,
 * so the lists are repeated here — and typed as the catalog's own `typeof`, so TypeScript
 * refuses this file the moment a value or label in preload/schemas/catalog.ts changes.
 */
export const DEVICE_TYPE_CHOICES: typeof DEVICE_TYPES = [
  { value: 1, label: 'Asterisk, IP PBX, gateway or VoIP switch' },
  { value: 2, label: 'IP phone, ATA or softphone' },
] as const;

export const AUTH_TYPE_CHOICES: typeof AUTH_TYPES = [
  { value: 1, label: 'User / password' },
  { value: 2, label: 'Static IP' },
] as const;

export const CODEC_CHOICES: typeof CODECS = [
  { value: 'ulaw', label: 'G.711U' },
  { value: 'alaw', label: 'G.711A' },
  { value: 'g729', label: 'G.729A' },
  { value: 'g722', label: 'G.722' },
  { value: 'gsm', label: 'GSM' },
] as const;

export const DTMF_MODE_CHOICES: typeof DTMF_MODES = [
  { value: 'auto', label: 'Auto' },
  { value: 'rfc2833', label: 'RFC 2833' },
  { value: 'inband', label: 'Inband' },
  { value: 'info', label: 'SIP INFO' },
] as const;

export const NAT_MODE_CHOICES: typeof NAT_MODES = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'route', label: 'Route' },
] as const;

export const MUSIC_ON_HOLD_CHOICES: typeof MUSIC_ON_HOLD = [
  { value: 'default', label: 'Default' },
  { value: 'jazz', label: 'Easy listening' },
  { value: 'none', label: 'None' },
] as const;

export type CodecValue = (typeof CODECS)[number]['value'];
export type DeviceTypeValue = (typeof DEVICE_TYPES)[number]['value'];
export type AuthTypeValue = (typeof AUTH_TYPES)[number]['value'];

/** For ChoiceSelect, whose values are text. */
export const asChoices = (list: readonly { value: string | number; label: string }[]) =>
  list.map((item) => ({ value: String(item.value), label: item.label }));

export const codecLabel = (value: string): string => CODEC_CHOICES.find((codec) => codec.value === value)?.label ?? value;
