import type { PackageView } from '../../../../preload/schemas/packages';
import { trimDecimal } from '../../lib/format';
import type { PackageCreateInput } from '../../stores/packages';
import { OTHER_PULSE, isPresetPulse, pulseToSend } from './pulse';

/** The form keeps what the person typed, as text; main parses and validates it. */
export interface PackageFormValues {
  name: string;
  markupFixed: string;
  markupPercent: string;
  /** "1" | "6" | "30" | "60" | "other" */
  pulseChoice: string;
  pulseCustom: string;
}

export const EMPTY_PACKAGE_FORM: PackageFormValues = {
  name: '',
  markupFixed: '0.0000',
  markupPercent: '0',
  pulseChoice: '60',
  pulseCustom: '',
};

export function formValuesOf(pkg: PackageView): PackageFormValues {
  const preset = isPresetPulse(pkg.pulseSeconds);
  return {
    name: pkg.name,
    markupFixed: trimDecimal(pkg.markupFixed, 4),
    markupPercent: trimDecimal(pkg.markupPercent, 0),
    pulseChoice: preset ? String(pkg.pulseSeconds) : OTHER_PULSE,
    pulseCustom: preset ? '' : String(pkg.pulseSeconds),
  };
}

export function toPackageInput(values: PackageFormValues): PackageCreateInput {
  return {
    name: values.name,
    markupFixed: values.markupFixed.trim(),
    markupPercent: values.markupPercent.trim(),
    pulseSeconds: pulseToSend(values.pulseChoice, values.pulseCustom),
  };
}

/** Control ids, shared by the fields and the error summary that focuses them. */
export const FIELD_IDS = {
  name: 'package-name',
  markupFixed: 'package-markup-fixed',
  markupPercent: 'package-markup-percent',
  pulseChoice: 'package-pulse',
  pulseCustom: 'package-pulse-custom',
} as const;

export const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  markupFixed: 'Fixed markup',
  markupPercent: 'Percent markup',
  pulseSeconds: 'Pulse',
};
