import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Process boundaries are enforced here, not only by convention (CONVENTIONS.md). */
const electronOnlyInMainElectron = {
  name: 'electron',
  message: "Only main/electron/ and preload/index.ts import 'electron'.",
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': 'allow-with-description', 'ts-ignore': true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [electronOnlyInMainElectron] }],
    },
  },
  {
    files: ['main/electron/**', 'preload/index.ts', 'tests/unit/electron/**'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    // The engine is pure: no database, no I/O, no electron.
    files: ['main/engine/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInMainElectron, 'better-sqlite3', 'kysely', 'node:fs', 'node:fs/promises'],
          patterns: [{ group: ['**/db/*', '**/services/*'], message: 'The engine takes plain data.' }],
        },
      ],
    },
  },
  {
    // The renderer talks to main only through window.api: types may cross, code may not.
    files: ['renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInMainElectron],
          patterns: [
            {
              // preload/common/ is pure helpers and constants (formatting, dates, plurals, the catalog), shared on purpose.
              regex: '(^|/)(main|db)/|(^|/)preload/(?!common/)',
              allowTypeImports: true,
              message: 'Import types only from main/, db/ and preload/ (code from preload/common/).',
            },
          ],
        },
      ],
    },
  },
);
