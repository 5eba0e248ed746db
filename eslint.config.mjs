import js from '@eslint/js';
import drizzle from 'eslint-plugin-drizzle';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      '.data/**',
      'drizzle/**',
      'public/sw.js*',
      'next-env.d.ts',
      'test-results/**',
      'playwright-report/**',
      '.test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { drizzle },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      // lib/tesla is one door: only its index is importable from outside.
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/lib/tesla/*'], message: 'Import from @/lib/tesla (its index) only.' }] },
      ],
    },
  },
  {
    // One clock: "now" comes from lib/clock (TESSIE_CLOCK in the demo and tests), never the wall clock by accident.
    files: [
      'app/**/*.{ts,tsx}',
      'lib/**/*.ts',
      'db/**/*.ts',
      'scripts/**/*.ts',
      'instrumentation.ts',
      'tests/e2e/**/*.ts',
      'tests/integration/**/*.ts',
    ],
    ignores: ['lib/simulator/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message:
            "Use clock.ms() from '@/lib/clock' (the app's one clock). For a duration or a log line, disable this with a comment saying why the wall clock is meant.",
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message:
            "Use clock.now() from '@/lib/clock' (the app's one clock). For a duration or a log line, disable this with a comment saying why the wall clock is meant.",
        },
      ],
    },
  },
  {
    files: ['lib/tesla/**', 'tests/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.mjs', 'scripts/**', 'bench/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
