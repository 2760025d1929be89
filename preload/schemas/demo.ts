import { z } from 'zod';

const wholeNumber = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}: enter a whole number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min.toLocaleString('en-US')}`)
    .max(max, `${label}: at most ${max.toLocaleString('en-US')}`);

export const DEMO_LIMITS = {
  clients: { min: 1, max: 5000, default: 25 },
  cdrs: { min: 0, max: 2_000_000, default: 5000 },
  months: { min: 1, max: 36, default: 12 },
  seed: { min: 0, max: 4_294_967_295, default: 1 },
} as const;

/** `demo.load`: a realistic reseller in an empty database (the command line's `demo`), the same for the same seed. */
export const demoLoadInput = z
  .object({
    clients: wholeNumber('Clients', DEMO_LIMITS.clients.min, DEMO_LIMITS.clients.max).default(DEMO_LIMITS.clients.default),
    cdrs: wholeNumber('Calls', DEMO_LIMITS.cdrs.min, DEMO_LIMITS.cdrs.max).default(DEMO_LIMITS.cdrs.default),
    seed: wholeNumber('Seed', DEMO_LIMITS.seed.min, DEMO_LIMITS.seed.max).default(DEMO_LIMITS.seed.default),
    months: wholeNumber('Months', DEMO_LIMITS.months.min, DEMO_LIMITS.months.max).default(DEMO_LIMITS.months.default),
    /** Load even though the database already has clients (the CLI's --force). */
    force: z.boolean().default(false),
  })
  .strict()
  .prefault({});

export interface DemoProgress {
  stage: 'packages' | 'clients' | 'history' | 'calls-file' | 'calls-import';
  done: number;
  total: number;
  message: string;
}

/** What the demo created through the handler table, as counts. */
export interface DemoCounts {
  packages: number;
  customRates: number;
  clients: number;
  subaccounts: number;
  dids: number;
  payments: number;
  charges: number;
  billingCycles: number;
}

/** What the demo created, as counts. */
export interface DemoResult extends DemoCounts {
  seed: number;
  /** The demo's window: first day of history and today (YYYY-MM-DD). */
  from: string;
  to: string;
  calls: {
    written: number;
    imported: number;
    rated: number;
    unrated: number;
    rejected: number;
  };
  durationMs: number;
}
