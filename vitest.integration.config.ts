import { defineConfig } from 'vitest/config';

// Integration tests run against the real lab: Nix, qemu-img, the bundled dist/ entries.
export default defineConfig({
  test: {
    include: ['test/integration/**/*.itest.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Single-user Nix has one store lock; parallel files would only queue on it.
    fileParallelism: false,
  },
});
