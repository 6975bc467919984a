import { existsSync } from 'node:fs'
import { defineConfig } from '@playwright/test'

/**
 * The browser: `CHROMIUM_PATH`, else Debian's Chromium, else Playwright's own
 * (after `npx playwright install chromium` on a laptop). Playwright's download
 * does not work on the CI machines, so it is the last resort.
 */
function chromiumExecutablePath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium'
  return undefined
}

/**
 * End-to-end tests of the renderer in Chromium against the browser edition
 * (`gatehouse serve`), which the `server` fixture in tests/e2e/fixtures.ts
 * starts once per worker. Build first: `npx electron-vite build`.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  // One server, one browser: the tests share the gate, so they run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    colorScheme: 'dark',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumExecutablePath(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
})
