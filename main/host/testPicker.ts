import type { FilePicker } from '../services/fileGrants';

/**
 * An Open dialog the end-to-end tests can answer, so the window's desktop way of choosing a
 * file (main's dialog, a grant, files.read / calls.importFile, issue 14) runs in Chromium
 * through the headless host. Off by default: honoured only with NODE_ENV=test *and*
 * RESELLER_CONSOLE_TEST_PICKER=1 (tests/e2e/host.ts sets both for the tests that ask).
 * POST /test/pick `{ "path": "/tmp/x.csv" }` (behind the session token) is what the next
 * dialog answers; `{ "path": null }` a cancel.
 */
export const TEST_PICKER_ENV = 'RESELLER_CONSOLE_TEST_PICKER';
export const TEST_PICKER_PATH = '/test/pick';

export interface TestPicker {
  picker: FilePicker;
  /** What the next dialog answers. */
  answer(path: string | null): void;
}

export function testPickerFromEnv(env: Readonly<Record<string, string | undefined>>): TestPicker | null {
  if (env.NODE_ENV !== 'test' || env[TEST_PICKER_ENV] !== '1') return null;
  let next: string | null = null;
  return {
    picker: () => {
      const path = next;
      next = null;
      return Promise.resolve(path);
    },
    answer: (path) => {
      next = path;
    },
  };
}
