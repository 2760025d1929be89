import type { ClientService, RouteChoice, SubaccountField } from '../../../../preload/common/catalog';
import type { PackageView } from '../../../../preload/schemas/packages';
import { trimDecimal } from '../../../../preload/common/format';
import type { PackageCreateInput } from '../../queries/packages';
import { OTHER_PULSE, isPresetPulse, pulseToSend } from './pulse';

/** The form keeps what the person typed, as text; main parses and validates it. */
export interface PackageFormValues {
  // General
  name: string;
  markupFixed: string;
  markupPercent: string;
  /** "1" | "6" | "30" | "60" | "other" */
  pulseChoice: string;
  pulseCustom: string;
  canadaRoute: RouteChoice;
  internationalRoute: RouteChoice;
  freeOnNet: boolean;
  // Fees
  monthlyFee: string;
  setupFee: string;
  // Free minutes
  freeMinutes: string;
  // System configuration
  userCanEditSubaccount: boolean;
  subaccountEditableFields: SubaccountField[];
  configurationType: 'default' | 'package';
  viewSetting: 'simple' | 'standard';
  services: ClientService[];
}

export const EMPTY_PACKAGE_FORM: PackageFormValues = {
  name: '',
  markupFixed: '0.0000',
  markupPercent: '0',
  pulseChoice: '60',
  pulseCustom: '',
  canadaRoute: 'value',
  internationalRoute: 'value',
  freeOnNet: false,
  monthlyFee: '0.00',
  setupFee: '0.00',
  freeMinutes: '0',
  userCanEditSubaccount: false,
  subaccountEditableFields: [],
  configurationType: 'default',
  viewSetting: 'standard',
  services: [],
};

export function formValuesOf(pkg: PackageView): PackageFormValues {
  const preset = isPresetPulse(pkg.pulseSeconds);
  return {
    name: pkg.name,
    markupFixed: trimDecimal(pkg.markupFixed, 4),
    markupPercent: trimDecimal(pkg.markupPercent, 0),
    pulseChoice: preset ? String(pkg.pulseSeconds) : OTHER_PULSE,
    pulseCustom: preset ? '' : String(pkg.pulseSeconds),
    canadaRoute: pkg.canadaRoute,
    internationalRoute: pkg.internationalRoute,
    freeOnNet: pkg.freeOnNet,
    monthlyFee: trimDecimal(pkg.monthlyFee, 2),
    setupFee: trimDecimal(pkg.setupFee, 2),
    freeMinutes: String(pkg.freeMinutes),
    userCanEditSubaccount: pkg.userCanEditSubaccount,
    subaccountEditableFields: [...pkg.subaccountEditableFields],
    configurationType: pkg.configurationType,
    viewSetting: pkg.viewSetting,
    services: [...pkg.services],
  };
}

/** Whole numbers go as numbers; anything else goes as typed, for main to explain what is wrong. */
const wholeNumberToSend = (text: string): number | string => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : text.trim());

/** Every field of every tab: main's update is patch-style, so sending all of them is safe. */
export function toPackageInput(values: PackageFormValues): PackageCreateInput {
  return {
    name: values.name,
    markupFixed: values.markupFixed.trim(),
    markupPercent: values.markupPercent.trim(),
    pulseSeconds: pulseToSend(values.pulseChoice, values.pulseCustom),
    canadaRoute: values.canadaRoute,
    internationalRoute: values.internationalRoute,
    freeOnNet: values.freeOnNet,
    monthlyFee: values.monthlyFee.trim(),
    setupFee: values.setupFee.trim(),
    freeMinutes: wholeNumberToSend(values.freeMinutes),
    userCanEditSubaccount: values.userCanEditSubaccount,
    subaccountEditableFields: values.subaccountEditableFields,
    configurationType: values.configurationType,
    viewSetting: values.viewSetting,
    services: values.services,
  };
}
