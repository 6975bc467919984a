import { defineConfig } from '@playwright/test'

/**
 * The real desktop app under Playwright's Electron driver. Needs the Electron
 * binary (see scripts/electron-binary.js) and a display: on Linux run it as
 * `xvfb-run -a npx playwright test -c playwright.electron.config.ts`. Without
 * a binary every test skips and says why. Build first: `npx electron-vite build`.
 */
export default defineConfig({
  testDir: 'tests/e2e-electron',
  outputDir: 'test-results/e2e-electron',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: 'list',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
})
