/**
 * A clock the end-to-end tests can move, so they can watch the billing scheduler (issue 10)
 * bill at midnight without waiting for one. Off by default: honoured only when the host is
 * started with NODE_ENV=test *and* RESELLER_CONSOLE_TEST_CLOCK=1 (tests/e2e/host.ts sets
 * both; `npm start`, `npm run serve` and Electron set neither, and Electron never reads it).
 * When on, the host's whole clock (handlers and scheduler) is the machine's plus an offset,
 * and POST /test/clock (behind the session token, like the API) moves it and lets the
 * scheduler look at the calendar, as its midnight timer would.
 */
export const TEST_CLOCK_ENV = 'RESELLER_CONSOLE_TEST_CLOCK';
export const TEST_CLOCK_PATH = '/test/clock';

export interface TestClock {
  now(): Date;
  /** From now on the clock reads `instant`, then goes on ticking from there. */
  set(instant: Date): void;
}

export function testClockFromEnv(env: Readonly<Record<string, string | undefined>>, machineNow: () => number = Date.now): TestClock | null {
  if (env.NODE_ENV !== 'test' || env[TEST_CLOCK_ENV] !== '1') return null;
  let offsetMs = 0;
  return {
    now: () => new Date(machineNow() + offsetMs),
    set: (instant) => {
      offsetMs = instant.getTime() - machineNow();
    },
  };
}
