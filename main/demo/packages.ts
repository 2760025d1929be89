import type { CustomRateInput, PackageInput } from '../../preload/schemas/packages';

/**
 * The demo reseller's price book: five packages a real reseller might sell, each with
 * its markup, pulse, fees, free minutes and custom rates (some of them free zones).
 */
export interface DemoPackage {
  key: 'home' | 'payg' | 'business' | 'unlimited' | 'callcenter';
  input: PackageInput;
  rates: CustomRateInput[];
  /** Share of the clients on this package. */
  share: number;
  /** How many DIDs a client of this package has, [min, max]. */
  didRange: readonly [number, number];
  /** How much a client of this package calls, relative to a home line. */
  callVolume: number;
  /** A business package gets a company name and a second sub account more often. */
  business: boolean;
  /** DID rates: per-minute and monthly, as the reseller charges them. */
  didMinuteRate: string;
  didMonthlyFee: string;
}

const NORTH_AMERICA_SERVICES = ['sub_accounts', 'voicemail', 'call_forwarding', 'callerid_filtering', 'e911'] as const;
const BUSINESS_SERVICES = [...NORTH_AMERICA_SERVICES, 'ivr', 'ring_groups', 'time_conditions', 'call_recording', 'conferences', 'fax', 'sms'] as const;

export const DEMO_PACKAGES: readonly DemoPackage[] = [
  {
    key: 'home',
    input: {
      name: 'Home Phone Canada & USA',
      markupFixed: '0.002',
      markupPercent: '35',
      pulseSeconds: 60,
      canadaRoute: 'value',
      internationalRoute: 'value',
      freeOnNet: true,
      monthlyFee: '12.95',
      setupFee: '24.95',
      freeMinutes: 300,
      userCanEditSubaccount: true,
      subaccountEditableFields: ['password', 'callerid_override', 'music_on_hold'],
      configurationType: 'package',
      viewSetting: 'simple',
      services: [...NORTH_AMERICA_SERVICES],
    },
    rates: [
      { scope: 'canada', rate: '0.0150', freeZone: true, description: 'Canada, spends free minutes' },
      { scope: 'usa', rate: '0.0180', freeZone: true, description: 'USA, spends free minutes' },
      { scope: 'country', value: 'GB', rate: '0.0290' },
      { scope: 'prefix', value: '447', rate: '0.0790', description: 'UK mobiles' },
      { scope: 'country', value: 'FR', rate: '0.0320' },
      { scope: 'country', value: 'MX', rate: '0.0450' },
      { scope: 'country', value: 'IN', rate: '0.0350' },
    ],
    share: 30,
    didRange: [1, 2],
    callVolume: 1,
    business: false,
    didMinuteRate: '0.0100',
    didMonthlyFee: '1.50',
  },
  {
    key: 'payg',
    input: {
      name: 'Pay As You Go',
      markupFixed: '0.005',
      markupPercent: '50',
      pulseSeconds: 60,
      freeOnNet: false,
      monthlyFee: '0',
      setupFee: '0',
      viewSetting: 'simple',
    },
    rates: [],
    share: 15,
    didRange: [1, 1],
    callVolume: 0.5,
    business: false,
    didMinuteRate: '0.0150',
    didMonthlyFee: '2.95',
  },
  {
    key: 'business',
    input: {
      name: 'Business Standard',
      markupFixed: '0',
      markupPercent: '30',
      pulseSeconds: 6,
      canadaRoute: 'premium',
      internationalRoute: 'premium',
      freeOnNet: true,
      monthlyFee: '29.95',
      setupFee: '49.00',
      configurationType: 'default',
      viewSetting: 'standard',
      services: [...BUSINESS_SERVICES],
    },
    rates: [
      { scope: 'canada', rate: '0.0135' },
      { scope: 'usa', rate: '0.0145' },
      { scope: 'country', value: 'GB', rate: '0.0210' },
      { scope: 'prefix', value: '447', rate: '0.0590', description: 'UK mobiles' },
      { scope: 'country', value: 'FR', rate: '0.0240' },
      { scope: 'country', value: 'DE', rate: '0.0230' },
    ],
    share: 30,
    didRange: [2, 4],
    callVolume: 3,
    business: true,
    didMinuteRate: '0.0120',
    didMonthlyFee: '2.50',
  },
  {
    key: 'unlimited',
    input: {
      name: 'Business Unlimited North America',
      markupFixed: '0',
      markupPercent: '25',
      pulseSeconds: 6,
      canadaRoute: 'premium',
      internationalRoute: 'value',
      freeOnNet: true,
      monthlyFee: '49.95',
      setupFee: '0',
      freeMinutes: 2500,
      userCanEditSubaccount: true,
      subaccountEditableFields: ['password', 'device_type', 'callerid_override', 'music_on_hold', 'allowed_codecs', 'dtmf_mode', 'nat'],
      services: [...BUSINESS_SERVICES],
    },
    rates: [
      { scope: 'canada', rate: '0.0120', freeZone: true, description: 'Included minutes' },
      { scope: 'usa', rate: '0.0130', freeZone: true, description: 'Included minutes' },
      { scope: 'country', value: 'GB', rate: '0.0250' },
      { scope: 'country', value: 'FR', rate: '0.0280' },
      { scope: 'country', value: 'MX', rate: '0.0400' },
    ],
    share: 18,
    didRange: [2, 5],
    callVolume: 5,
    business: true,
    didMinuteRate: '0.0000',
    didMonthlyFee: '3.95',
  },
  {
    key: 'callcenter',
    input: {
      name: 'Call Center Volume',
      markupFixed: '0.001',
      markupPercent: '15',
      pulseSeconds: 1,
      canadaRoute: 'value',
      internationalRoute: 'value',
      freeOnNet: false,
      monthlyFee: '99.00',
      setupFee: '150.00',
      configurationType: 'default',
      viewSetting: 'standard',
    },
    rates: [
      { scope: 'canada', rate: '0.0110' },
      { scope: 'usa', rate: '0.0115' },
      { scope: 'country', value: 'IN', rate: '0.0290' },
      { scope: 'country', value: 'PH', rate: '0.1350' },
      { scope: 'country', value: 'MX', rate: '0.0360' },
      { scope: 'prefix', value: '1809', rate: '0.0990', description: 'Dominican Republic' },
    ],
    share: 7,
    didRange: [4, 8],
    callVolume: 12,
    business: true,
    didMinuteRate: '0.0110',
    didMonthlyFee: '1.95',
  },
];
