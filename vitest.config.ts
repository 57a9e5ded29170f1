import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // PGlite start-up dominates; two cores on CI, so keep workers modest.
    maxWorkers: 2,
  },
});
