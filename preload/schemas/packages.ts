import { z } from 'zod';
import { CLIENT_SERVICES, ROUTES, SUBACCOUNT_FIELDS, type ClientService, type RouteChoice, type SubaccountField } from '../common/catalog';
import { idField, nonNegativeMoney, nonNegativePercent, nonNegativeRate, requiredText, TEXT_LIMITS, textField, wholeNumber } from './fields';

/**
 * Every field of the guide's package form. Optional fields take defaults on create;
 * on update only the fields sent change (a form that shows one tab cannot wipe another).
 */
const packageFields = {
  name: requiredText('Name', TEXT_LIMITS.name),
  // General
  markupFixed: nonNegativeRate('Fixed markup'),
  markupPercent: nonNegativePercent('Percent markup'),
  pulseSeconds: wholeNumber('Pulse', 1, 3600),
  canadaRoute: z.enum(ROUTES, { error: 'Canada route: choose Value or Premium' }),
  internationalRoute: z.enum(ROUTES, { error: 'International route: choose Value or Premium' }),
  freeOnNet: z.boolean(),
  // Fees
  monthlyFee: nonNegativeMoney('Monthly fee'),
  setupFee: nonNegativeMoney('Setup fee'),
  // Free minutes
  freeMinutes: wholeNumber('Free minutes', 0, 1_000_000),
  // Reseller system configuration
  userCanEditSubaccount: z.boolean(),
  subaccountEditableFields: z.array(z.enum(SUBACCOUNT_FIELDS)).max(SUBACCOUNT_FIELDS.length, 'Each field once').refine((list) => new Set(list).size === list.length, 'Each field once'),
  configurationType: z.enum(['default', 'package']),
  viewSetting: z.enum(['simple', 'standard']),
  services: z.array(z.enum(CLIENT_SERVICES)).max(CLIENT_SERVICES.length, 'Each service once').refine((list) => new Set(list).size === list.length, 'Each service once'),
};

export const packageInput = z
  .object({
    name: packageFields.name,
    markupFixed: packageFields.markupFixed,
    markupPercent: packageFields.markupPercent,
    pulseSeconds: packageFields.pulseSeconds,
    canadaRoute: packageFields.canadaRoute.optional(),
    internationalRoute: packageFields.internationalRoute.optional(),
    freeOnNet: packageFields.freeOnNet.optional(),
    monthlyFee: packageFields.monthlyFee.optional(),
    setupFee: packageFields.setupFee.optional(),
    freeMinutes: packageFields.freeMinutes.optional(),
    userCanEditSubaccount: packageFields.userCanEditSubaccount.optional(),
    subaccountEditableFields: packageFields.subaccountEditableFields.optional(),
    configurationType: packageFields.configurationType.optional(),
    viewSetting: packageFields.viewSetting.optional(),
    services: packageFields.services.optional(),
  })
  .strict();

export const packageUpdateInput = z
  .object(packageFields)
  .partial()
  .extend({ id: idField })
  .strict();

const CUSTOM_RATE_SCOPES = ['usa', 'canada', 'country', 'prefix'] as const;
export type CustomRateScopeChoice = (typeof CUSTOM_RATE_SCOPES)[number];

const customRateInput = z
  .object({
    scope: z.enum(CUSTOM_RATE_SCOPES, { error: 'Choose USA, Canada, a country or a calling code' }),
    value: textField('Value', TEXT_LIMITS.code).default(''),
    rate: nonNegativeRate('Rate'),
    freeZone: z.boolean().default(false),
    description: textField('Description', TEXT_LIMITS.description).default(''),
  })
  .strict();

export const saveRatesInput = z
  .object({ packageId: idField, rates: z.array(customRateInput).max(20_000, 'At most 20,000 custom rates') })
  .strict();

/** A package as the UI sees it: money as exact decimal strings, never floats. */
export interface PackageView {
  id: number;
  name: string;
  markupFixed: string;
  markupPercent: string;
  pulseSeconds: number;
  canadaRoute: RouteChoice;
  internationalRoute: RouteChoice;
  freeOnNet: boolean;
  monthlyFee: string;
  setupFee: string;
  freeMinutes: number;
  userCanEditSubaccount: boolean;
  subaccountEditableFields: SubaccountField[];
  configurationType: 'default' | 'package';
  viewSetting: 'simple' | 'standard';
  services: ClientService[];
  customRateCount: number;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A row of the packages list: the package, and what its markup makes of the guide's example cost (EXAMPLE_COST_RATE). */
export interface PackageListItem extends PackageView {
  exampleSellRate: string;
}

export interface CustomRateView {
  id: number;
  scope: CustomRateScopeChoice;
  value: string;
  /** For people: "United Kingdom (+44)", "USA", "+447". */
  label: string;
  rate: string;
  freeZone: boolean;
  description: string;
}

export type PackageInput = z.input<typeof packageInput>;
export type PackageData = z.output<typeof packageInput>;
export type PackageUpdateData = z.output<typeof packageUpdateInput>;
export type CustomRateInput = z.input<typeof customRateInput>;
export type SaveRatesData = z.output<typeof saveRatesInput>;
