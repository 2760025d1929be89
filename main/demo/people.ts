/**
 * Built-in lists for believable clients: names, companies, cities with their real area
 * codes and postal-code shapes. Small on purpose: combinations give thousands of clients.
 */

export const FIRST_NAMES = [
  'Alice', 'Antoine', 'Benoît', 'Camille', 'Chloé', 'David', 'Émilie', 'Félix', 'Gabriel', 'Geneviève',
  'Hugo', 'Isabelle', 'Jacob', 'Julie', 'Karim', 'Laura', 'Liam', 'Louis', 'Mathieu', 'Maya',
  'Nathalie', 'Noah', 'Olivia', 'Patrick', 'Priya', 'Raphaël', 'Sarah', 'Simon', 'Sophie', 'Thomas',
  'Valérie', 'William', 'Zoé', 'Daniel', 'Emma', 'Ethan', 'Hannah', 'James', 'Jessica', 'Kevin',
  'Linda', 'Marcus', 'Michael', 'Nicole', 'Robert', 'Samantha', 'Tyler', 'Victoria', 'Wei', 'Yasmin',
  'Carlos', 'Lucía', 'Diego', 'Ana', 'Mohamed', 'Fatima', 'Arjun', 'Mei', 'Oliver', 'Grace',
] as const;

export const LAST_NAMES = [
  'Tremblay', 'Gagnon', 'Roy', 'Côté', 'Bouchard', 'Gauthier', 'Morin', 'Lavoie', 'Fortin', 'Gagné',
  'Ouellet', 'Pelletier', 'Bélanger', 'Lévesque', 'Bergeron', 'Leblanc', 'Paquette', 'Girard', 'Simard', 'Boucher',
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White',
  'Harris', 'Clark', 'Lewis', 'Walker', 'Hall', 'Young', 'King', 'Wright', 'Scott', 'Green',
  'Nguyen', 'Patel', 'Singh', 'Chen', 'Wong', 'Kim', 'Haddad', 'Rossi', 'Murphy', "O'Brien",
] as const;

const COMPANY_WORDS = [
  'Maple', 'Northern', 'Summit', 'Harbour', 'Lakeside', 'Riverside', 'Pioneer', 'Granite', 'Cedar', 'Aurora',
  'Beacon', 'Atlas', 'Evergreen', 'Pinnacle', 'Keystone', 'Frontier', 'Horizon', 'Silverline', 'Bluewater', 'Redwood',
] as const;

const COMPANY_TRADES = [
  'Dental Clinic', 'Law Office', 'Plumbing', 'Realty', 'Accounting', 'Logistics', 'Auto Repair', 'Physiotherapy',
  'Consulting', 'Construction', 'Insurance Brokers', 'Veterinary Hospital', 'Travel', 'Print Shop', 'IT Services',
  'Bakery', 'Architects', 'Moving Co.', 'Pharmacy', 'Language School',
] as const;

const COMPANY_SUFFIXES = ['Inc.', 'Ltd.', 'LLC', 'Corp.', '& Associates', ''] as const;

export const companyParts = { words: COMPANY_WORDS, trades: COMPANY_TRADES, suffixes: COMPANY_SUFFIXES };

export const CALL_CENTER_TRADES = ['Contact Centre', 'Call Center', 'Telemarketing', 'Answering Service'] as const;

export const STREET_NAMES = [
  'Main Street', 'King Street West', 'Queen Street East', 'rue Sainte-Catherine', 'boulevard Saint-Laurent', 'rue Sherbrooke Ouest',
  'Oak Avenue', 'Maple Drive', 'Elm Street', 'Park Avenue', 'Broadway', 'Sunset Boulevard', 'Lakeshore Road', 'Bank Street',
  'Granville Street', 'Jasper Avenue', 'Portage Avenue', 'Barrington Street', 'Market Street', 'Michigan Avenue',
] as const;

export const PERSONAL_MAIL_DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'videotron.ca', 'rogers.com', 'bell.net', 'comcast.net'] as const;

export interface City {
  name: string;
  state: string;
  country: 'Canada' | 'United States';
  countryCode: 'CA' | 'US';
  areaCodes: readonly string[];
  /** Canada: the postal code's first letter; USA: the ZIP's first three digits. */
  postalPrefix: string;
  /** Share of the reseller's clients in this city. */
  weight: number;
}

export const CITIES: readonly City[] = [
  { name: 'Montréal', state: 'QC', country: 'Canada', countryCode: 'CA', areaCodes: ['514', '438'], postalPrefix: 'H', weight: 14 },
  { name: 'Laval', state: 'QC', country: 'Canada', countryCode: 'CA', areaCodes: ['450', '579'], postalPrefix: 'H', weight: 4 },
  { name: 'Québec', state: 'QC', country: 'Canada', countryCode: 'CA', areaCodes: ['418', '581'], postalPrefix: 'G', weight: 5 },
  { name: 'Gatineau', state: 'QC', country: 'Canada', countryCode: 'CA', areaCodes: ['819', '873'], postalPrefix: 'J', weight: 2 },
  { name: 'Toronto', state: 'ON', country: 'Canada', countryCode: 'CA', areaCodes: ['416', '647', '437'], postalPrefix: 'M', weight: 12 },
  { name: 'Mississauga', state: 'ON', country: 'Canada', countryCode: 'CA', areaCodes: ['905', '289'], postalPrefix: 'L', weight: 4 },
  { name: 'Ottawa', state: 'ON', country: 'Canada', countryCode: 'CA', areaCodes: ['613', '343'], postalPrefix: 'K', weight: 4 },
  { name: 'Vancouver', state: 'BC', country: 'Canada', countryCode: 'CA', areaCodes: ['604', '778'], postalPrefix: 'V', weight: 6 },
  { name: 'Calgary', state: 'AB', country: 'Canada', countryCode: 'CA', areaCodes: ['403', '587'], postalPrefix: 'T', weight: 3 },
  { name: 'Edmonton', state: 'AB', country: 'Canada', countryCode: 'CA', areaCodes: ['780'], postalPrefix: 'T', weight: 2 },
  { name: 'Winnipeg', state: 'MB', country: 'Canada', countryCode: 'CA', areaCodes: ['204'], postalPrefix: 'R', weight: 1 },
  { name: 'Halifax', state: 'NS', country: 'Canada', countryCode: 'CA', areaCodes: ['902'], postalPrefix: 'B', weight: 1 },
  { name: 'New York', state: 'NY', country: 'United States', countryCode: 'US', areaCodes: ['212', '646', '917'], postalPrefix: '100', weight: 8 },
  { name: 'Brooklyn', state: 'NY', country: 'United States', countryCode: 'US', areaCodes: ['718', '347'], postalPrefix: '112', weight: 3 },
  { name: 'Miami', state: 'FL', country: 'United States', countryCode: 'US', areaCodes: ['305', '786'], postalPrefix: '331', weight: 5 },
  { name: 'Los Angeles', state: 'CA', country: 'United States', countryCode: 'US', areaCodes: ['213', '310', '323'], postalPrefix: '900', weight: 5 },
  { name: 'San Francisco', state: 'CA', country: 'United States', countryCode: 'US', areaCodes: ['415', '628'], postalPrefix: '941', weight: 2 },
  { name: 'Chicago', state: 'IL', country: 'United States', countryCode: 'US', areaCodes: ['312', '773'], postalPrefix: '606', weight: 3 },
  { name: 'Boston', state: 'MA', country: 'United States', countryCode: 'US', areaCodes: ['617', '857'], postalPrefix: '021', weight: 2 },
  { name: 'Seattle', state: 'WA', country: 'United States', countryCode: 'US', areaCodes: ['206'], postalPrefix: '981', weight: 2 },
  { name: 'Austin', state: 'TX', country: 'United States', countryCode: 'US', areaCodes: ['512', '737'], postalPrefix: '787', weight: 2 },
  { name: 'Atlanta', state: 'GA', country: 'United States', countryCode: 'US', areaCodes: ['404', '470'], postalPrefix: '303', weight: 2 },
  { name: 'Las Vegas', state: 'NV', country: 'United States', countryCode: 'US', areaCodes: ['702'], postalPrefix: '891', weight: 1 },
  { name: 'Denver', state: 'CO', country: 'United States', countryCode: 'US', areaCodes: ['303', '720'], postalPrefix: '802', weight: 1 },
];

/** How the demo's clients pay (the text of a payment entry). */
export const PAYMENT_METHODS = ['Visa ending 4242', 'Mastercard ending 5454', 'Interac e-Transfer', 'PayPal', 'Cheque', 'Wire transfer', 'Amex ending 1005'] as const;

/** Hardware a reseller sells with a new line (a manual charge). */
export const HARDWARE = [
  { description: 'Yealink T54W desk phone', amount: '189.00' },
  { description: 'Grandstream HT802 ATA', amount: '59.95' },
  { description: 'Polycom VVX 250 desk phone', amount: '139.00' },
  { description: 'On-site installation (2 h)', amount: '150.00' },
] as const;

/** ASCII for e-mail addresses: "Côté" → "cote", "O'Brien" → "obrien". */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}
