import { AUTH_TYPES, CODECS, DEVICE_TYPES } from '../../../../preload/schemas/catalog';

export type CodecValue = (typeof CODECS)[number]['value'];
export type DeviceTypeValue = (typeof DEVICE_TYPES)[number]['value'];
export type AuthTypeValue = (typeof AUTH_TYPES)[number]['value'];

/*
 * The provider's sub account choices, from the one catalog main validates against
 * (plain constants: the only runtime import the renderer takes from preload/).
 */
export {
  AUTH_TYPES as AUTH_TYPE_CHOICES,
  CODECS as CODEC_CHOICES,
  DEVICE_TYPES as DEVICE_TYPE_CHOICES,
  DTMF_MODES as DTMF_MODE_CHOICES,
  MUSIC_ON_HOLD as MUSIC_ON_HOLD_CHOICES,
  NAT_MODES as NAT_MODE_CHOICES,
} from '../../../../preload/schemas/catalog';

export const asChoices = (list: readonly { value: string | number; label: string }[]) =>
  list.map((item) => ({ value: String(item.value), label: item.label }));

export const codecLabel = (value: string): string => CODECS.find((codec) => codec.value === value)?.label ?? value;
