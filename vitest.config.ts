import { defineConfig } from 'vitest/config';

// `npm test` must run on the pinned Node 24; node_modules/.bin/vitest alone would
// silently pick the system Node 20.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  throw new Error(`Meridian needs Node >= 24, got ${process.versions.node}: run tests through "npm test" or "npx vitest"`);
}

export default defineConfig({
  test: {
    include: ['{core,audit,federation,regions,infra}/**/*.test.ts', 'test/**/*.test.ts', 'ui/{src,test}/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'ui/build/**', 'ui/.svelte-kit/**'],
    globalSetup: ['test/postgres-cluster.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Structured logs stay on for warnings; info lines would drown the test report.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    pool: 'forks',
    maxWorkers: 2,
  },
});
