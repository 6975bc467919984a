import { defineConfig } from 'vitest/config'

// Unit tests import the sources; integration tests drive the built sandbox
// host (out/main), which the global setup builds when it is missing or stale.
export default defineConfig({
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/integration/**/*.test.ts',
      'tests/security/**/*.test.ts',
    ],
    environment: 'node',
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: integration files each start sandbox processes.
    maxWorkers: 2,
  },
})
