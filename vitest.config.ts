import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectConfiguration } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const resolve = {
  alias: {
    '@/': root,
    'server-only': fileURLToPath(new URL('./tests/setup/server-only-stub.ts', import.meta.url)),
  },
};

const integration = (driver: 'pglite' | 'postgres'): TestProjectConfiguration => ({
  resolve,
  test: {
    name: `integration-${driver}`,
    include: ['tests/integration/**/*.test.ts'],
    env: { TEST_DB_DRIVER: driver },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Real Postgres: one shared database, so files run one after another.
    fileParallelism: driver === 'pglite',
  },
});

const projects: TestProjectConfiguration[] = [
  { resolve, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], testTimeout: 30_000 } },
  integration('pglite'),
];
if (process.env.TEST_DATABASE_URL) projects.push(integration('postgres'));

export default defineConfig({ test: { projects } });
