import { defineConfig } from 'vitest/config';

// Unit tests: fast, no lab services; they sit beside the code (src/**/*.test.ts) or in test/unit.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
    testTimeout: 10_000,
  },
});
