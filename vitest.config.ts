import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // HTTP tests boot the real app and train the recognizer; give them room on 2-core machines.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
