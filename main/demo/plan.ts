import type { z } from 'zod';
import type { clientInput } from '../../preload/schemas/clients';
import { nanpNumber } from './destinations';
import { DEMO_PACKAGES, type DemoPackage } from './packages';
import { CALL_CENTER_TRADES, CITIES, FIRST_NAMES, HARDWARE, LAST_NAMES, PAYMENT_METHODS, PERSONAL_MAIL_DOMAINS, STREET_NAMES, companyParts, slug, type City } from './people';
import { Random, WeightedPicker } from './random';

/**
 * The demo reseller as plain data, decided by the seed alone: who the clients are, what
 * they bought, their sub accounts and DIDs, how much they call and how they pay.
 * Nothing here touches the database; `createReseller` applies it through the handler
 * table and `writeDemoCdrCsv` writes its calls, so both can be re-derived from the seed.
 */
interface PlannedSubaccount {
  username: string;
  password: string;
  description: string;
}

interface PlannedDid {
  number: string;
  minuteRate: string;
  monthlyFee: string;
}

export interface PlannedClient {
  input: z.input<typeof clientInput>;
  packageIndex: number;
  countryCode: City['countryCode'];
  /** The client's number shown as caller ID on outbound calls (its first DID). */
  callerNumber: string;
  callerName: string;
  /** The first billing date is this many days after the demo starts (1–28: billing days spread over the month). */
  billingOffsetDays: number;
  chargeSetupNow: boolean;
  subaccounts: PlannedSubaccount[];
  dids: PlannedDid[];
  /** Relative share of the reseller's calls. */
  callWeight: number;
  payEveryMonths: 1 | 2 | 3;
  /** Payments cover the expected spend times this (below 1: the client falls behind). */
  paymentFactor: number;
  /** Days after each monthly anniversary the client pays (negative: early). */
  payDelayDays: number;
  paymentMethod: string;
  hardware: { description: string; amount: string } | null;
}

export interface DemoPlan {
  seed: number;
  packages: DemoPackage[];
  clients: PlannedClient[];
  /** Sub accounts that appear in the provider's CDRs but not here (the Unrated page). */
  unknownAccounts: string[];
}

/** What an existing database already holds, so a forced second load never collides with it. */
export interface DemoExisting {
  packageNames: ReadonlySet<string>;
  usernames: ReadonlySet<string>;
  emails: ReadonlySet<string>;
  dids: ReadonlySet<string>;
}

export const NOTHING_EXISTING: DemoExisting = { packageNames: new Set(), usernames: new Set(), emails: new Set(), dids: new Set() };

const HARD_SHARE: Record<DemoPackage['key'], number> = { home: 0.35, payg: 0.6, business: 0.2, unlimited: 0.15, callcenter: 0.1 };
const BUSINESS_LINES = ['Front desk', 'Reception', 'Sales', 'Support', 'Back office', 'Fax'] as const;
const NOTES = ['Prefers e-mail invoices', 'Parle français', 'Pays by cheque', 'Referred by a client', 'Seasonal business: slower in winter'] as const;

function uniqueName(base: string, taken: Set<string>, join: (base: string, attempt: number) => string): string {
  let candidate = base;
  for (let attempt = 2; taken.has(candidate.toLowerCase()); attempt += 1) candidate = join(base, attempt);
  taken.add(candidate.toLowerCase());
  return candidate;
}

function password(random: Random): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  for (;;) {
    let text = '';
    for (let index = 0; index < 16; index += 1) text += alphabet[random.int(0, alphabet.length - 1)];
    if (/[A-Za-z]/.test(text) && /\d/.test(text)) return text;
  }
}

function postalCode(city: City, random: Random): string {
  if (city.countryCode === 'US') return `${city.postalPrefix}${random.digits(2)}`;
  const letter = (): string => random.pick('ABCEGHJKLMNPRSTVWXYZ'.split(''));
  return `${city.postalPrefix}${random.int(0, 9)}${letter()} ${random.int(0, 9)}${letter()}${random.int(0, 9)}`;
}

const formatPhone = (number: string): string => `(${number.slice(1, 4)}) ${number.slice(4, 7)}-${number.slice(7)}`;

function companyName(pkg: DemoPackage, random: Random): string {
  const trade = pkg.key === 'callcenter' ? random.pick(CALL_CENTER_TRADES) : random.pick(companyParts.trades);
  return `${random.pick(companyParts.words)} ${trade} ${random.pick(companyParts.suffixes)}`.trim();
}

export function planDemo(options: { clients: number; seed: number }, existing: DemoExisting = NOTHING_EXISTING): DemoPlan {
  const random = Random.stream(options.seed, 'reseller');
  const packageNames = new Set([...existing.packageNames].map((name) => name.toLowerCase()));
  const packages = DEMO_PACKAGES.map((pkg) => ({
    ...pkg,
    input: { ...pkg.input, name: uniqueName(pkg.input.name, packageNames, (base, attempt) => `${base} (demo ${attempt})`) },
  }));
  const packagePicker = new WeightedPicker(packages.map((_, index) => index), (index) => packages[index]!.share);
  const cityPicker = new WeightedPicker(CITIES, (city) => city.weight);
  const usernames = new Set([...existing.usernames].map((name) => name.toLowerCase()));
  const emails = new Set([...existing.emails].map((email) => email.toLowerCase()));
  const dids = new Set(existing.dids);

  const clients: PlannedClient[] = [];
  for (let index = 0; index < options.clients; index += 1) {
    const packageIndex = packagePicker.pick(random);
    const pkg = packages[packageIndex]!;
    const city = cityPicker.pick(random);
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    const company = pkg.business || random.chance(0.05) ? companyName(pkg, random) : '';
    const domain = company ? `${slug(company.split(' ').slice(0, 2).join(''))}.${city.countryCode === 'CA' ? 'ca' : 'com'}` : random.pick(PERSONAL_MAIL_DOMAINS);
    const mailbox = company && random.chance(0.5) ? `${slug(firstName).charAt(0)}${slug(lastName)}` : `${slug(firstName)}.${slug(lastName)}`;
    const email = uniqueName(`${mailbox}@${domain}`, emails, (base, attempt) => base.replace('@', `${attempt}@`));
    const areaCode = random.pick(city.areaCodes);
    const hard = random.chance(HARD_SHARE[pkg.key]);
    const threshold = random.chance(0.3) ? random.pick(pkg.business ? ['20.00', '50.00', '100.00'] : ['5.00', '10.00', '15.00']) : '';

    const didCount = random.int(pkg.didRange[0], pkg.didRange[1]);
    const clientDids: PlannedDid[] = [];
    for (let n = 0; n < didCount; n += 1) {
      let number = nanpNumber(random.pick(city.areaCodes), random);
      while (dids.has(number)) number = nanpNumber(random.pick(city.areaCodes), random);
      dids.add(number);
      clientDids.push({ number, minuteRate: pkg.didMinuteRate, monthlyFee: pkg.didMonthlyFee });
    }

    const base = `${slug(lastName).slice(0, 12)}${String(index + 1).padStart(4, '0')}`;
    const subaccountCount = random.chance(pkg.business ? 0.6 : 0.15) ? 2 : 1;
    const subaccounts: PlannedSubaccount[] = [];
    for (let n = 0; n < subaccountCount; n += 1) {
      const line = pkg.business ? random.pick(BUSINESS_LINES) : n === 0 ? 'Home' : 'Second line';
      const wanted = n === 0 ? base : `${base}${slug(line).slice(0, 8)}`;
      const username = uniqueName(wanted, usernames, (name, attempt) => `${name}${attempt}`);
      subaccounts.push({ username, password: password(random), description: `${line} - ${firstName} ${lastName}` });
    }

    const phone = nanpNumber(areaCode, random);
    clients.push({
      input: {
        firstName,
        lastName,
        company,
        email,
        phone: formatPhone(phone),
        street: `${random.int(10, 9999)} ${random.pick(STREET_NAMES)}${company && random.chance(0.4) ? `, Suite ${random.int(1, 9)}00` : ''}`,
        city: city.name,
        state: city.state,
        country: city.country,
        postalCode: postalCode(city, random),
        balanceMode: hard ? 'hard' : 'soft',
        lowBalanceThreshold: threshold,
        lowBalanceEmail: threshold && company && random.chance(0.5) ? `billing@${domain}` : '',
        notes: random.chance(0.1) ? random.pick(NOTES) : '',
      },
      packageIndex,
      countryCode: city.countryCode,
      callerNumber: clientDids[0]?.number ?? phone,
      callerName: company || `${firstName} ${lastName}`,
      billingOffsetDays: random.int(1, 28),
      chargeSetupNow: random.chance(0.5),
      subaccounts,
      dids: clientDids,
      callWeight: pkg.callVolume * random.logNormal(1, 0.6),
      payEveryMonths: random.pick([1, 1, 1, 1, 2, 2, 3] as const),
      paymentFactor: hard ? 1.3 + random.next() * 0.7 : random.logNormal(1.05, 0.25),
      payDelayDays: random.int(-5, 10),
      paymentMethod: random.pick(PAYMENT_METHODS),
      hardware: random.chance(pkg.business ? 0.25 : 0.1) ? random.pick(HARDWARE) : null,
    });
  }

  const unknownAccounts = ['oldpbx', 'test', 'trial7'].filter((name) => !usernames.has(name));
  return { seed: options.seed, packages, clients, unknownAccounts: unknownAccounts.length > 0 ? unknownAccounts : [`gone${options.seed}`] };
}
