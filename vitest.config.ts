import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // A cap, not a wait: tests wait for conditions. Under a second copy of the suite and more (load
    // 20 on two cores) the playground's process-spawning tests took over 60 s; none is slow when quiet.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // PGlite start-up dominates; two cores on CI, so keep workers modest.
    maxWorkers: 2,
  },
});
