import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Screens and background work settle in well under this, even with every file running at once on two cores.
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
