import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectConfiguration } from 'vitest/config';
import { testClockSetting } from './tests/setup/test-clock.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const resolve = {
  alias: {
    '@/': root,
    'server-only': fileURLToPath(new URL('./tests/setup/server-only-stub.ts', import.meta.url)),
  },
};

/**
 * Tests never write into the working copy's .data (generated demo secrets go to a temp folder), and
 * run at one explicit moment (tests/setup/test-clock.ts), never at the wall clock's.
 */
const env = { DATA_DIR: path.join(tmpdir(), `tessie-vitest-${process.pid}`), LOG_LEVEL: 'warn', TESSIE_CLOCK: testClockSetting() };

const integration = (driver: 'pglite' | 'postgres'): TestProjectConfiguration => ({
  resolve,
  test: {
    name: `integration-${driver}`,
    include: ['tests/integration/**/*.test.ts'],
    env: { ...env, TEST_DB_DRIVER: driver },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

const projects: TestProjectConfiguration[] = [
  { resolve, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], env, testTimeout: 30_000 } },
  integration('pglite'),
];
if (process.env.TEST_DATABASE_URL) projects.push(integration('postgres'));

export default defineConfig({ test: { projects } });
