import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import {
  applySettings,
  gateSection,
  loadExample,
  openPlayground,
  regions,
  runButton,
  setInput,
  setScript,
  stopButton,
} from './playground'

/**
 * The README's screenshots (docs/*.png), taken in the states they show.
 * Skipped unless UPDATE_SCREENSHOTS=1, so an ordinary test run never rewrites
 * committed images: `UPDATE_SCREENSHOTS=1 npx playwright test docs-screenshots`.
 */
test.skip(!process.env.UPDATE_SCREENSHOTS, 'set UPDATE_SCREENSHOTS=1 to rewrite docs/*.png')

const shot = async (page: Page, name: string) => {
  await page.mouse.move(0, 0)
  await page.screenshot({ path: resolve(__dirname, `../../docs/${name}.png`) })
}

test('a run: value tree, console, route and timing, the gate at rest', async ({ page, server }) => {
  await openPlayground(page, server.url)
  await setScript(page, [
    'const { items } = input',
    "console.log('summing', items.length, 'items')",
    "console.warn('the last item is large:', items.at(-1))",
    'const total = items.reduce((sum, n) => sum + n, 0)',
    'return {',
    '  total,',
    '  average: total / items.length,',
    '  huge: 2n ** 64n,',
    '  missing: undefined,',
    '  format: (n) => n.toFixed(2),',
    '  distinct: new Set(items),',
    '}',
  ])
  await setInput(page, ['{ "items": [3, 5, 8, 13, 21, 3, 5, 1000] }'])
  await runButton(page).click()
  await expect(regions(page).result.getByRole('list', { name: 'Result value' })).toContainText(
    'Set(6)',
  )
  await shot(page, 'screenshot-run')
})

test('an error: its location is a link into the editor', async ({ page, server }) => {
  await openPlayground(page, server.url)
  await loadExample(page, /^Thrown error/)
  await runButton(page).click()
  const location = regions(page).result.getByRole('button', { name: /^Go to line 4/ })
  await location.click()
  await expect(regions(page).editor.getByLabel('Cursor position')).toHaveText(/^Ln 4,/)
  await shot(page, 'screenshot-error')
})

test('the gate under load: permits held, runs waiting with their countdowns', async ({
  page,
  server,
}) => {
  // The default pane sizes: at 1280x800 the permits, the waiting runs and the lanes all fit.
  await openPlayground(page, server.url)
  await applySettings(page, { Permits: 2 })
  await loadExample(page, /^Hold a permit/)
  await page.getByRole('heading', { name: 'Gate', exact: true }).click()
  // Two held and four waiting: what the gate shows at this size without scrolling.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('F5')
    await page.waitForTimeout(120)
  }
  await expect(
    gateSection(page, 'Waiting').getByRole('list', { name: 'Waiters' }).getByRole('listitem'),
  ).toHaveCount(4)
  await page.waitForTimeout(300)
  await shot(page, 'screenshot-gate-load')
  await stopButton(page).click()
  await expect(stopButton(page)).toBeDisabled()
})

test('a watchdog timeout: the toast, the marked event and what it released and replaced', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  await loadExample(page, /^Stuck in a built-in/)
  const notifications = page.getByRole('region', { name: 'Notifications' })

  await runButton(page).click()
  await notifications.getByRole('button', { name: /^Run timed out/ }).click()
  await expect(
    gateSection(page, 'Events').getByRole('region', { name: 'Event details' }),
  ).toContainText('Replaced')
  await runButton(page).click()
  await expect(notifications.getByRole('button', { name: /^Run timed out/ })).toBeVisible({
    timeout: 15_000,
  })
  await expect(regions(page).result).toContainText('watchdog')
  await shot(page, 'screenshot-timeout')
})

test('the light theme', async ({ page, server }) => {
  await page.emulateMedia({ colorScheme: 'light' })
  await openPlayground(page, server.url)
  await loadExample(page, /^TypeScript/)
  await runButton(page).click()
  await expect(regions(page).result.getByRole('list', { name: 'Result value' })).toContainText(
    'Array(2)',
  )
  await loadExample(page, /^Console output/)
  await runButton(page).click()
  await expect(regions(page).console).toContainText('line 5 of 5')
  await loadExample(page, /^TypeScript/)
  await runButton(page).click()
  await expect(regions(page).console.locator('.console-run')).toHaveCount(3)
  await shot(page, 'screenshot-light')
})

test('the Trace tab: an async run walked event by event', async ({ page, server }) => {
  // A taller Result pane than the default, so the lane shows more than a few events.
  await page.addInitScript(() =>
    localStorage.setItem(
      'gatehouse.paneSizes',
      JSON.stringify({ top: 0.85, source: 0.5, editor: 0.7, result: 0.85 }),
    ),
  )
  await openPlayground(page, server.url)
  await setScript(page, [
    "console.log('1: synchronous')",
    'setTimeout(() => {',
    "  console.log('4: the first timer')",
    "  Promise.resolve().then(() => console.log('5: its promise job, before the next timer'))",
    '}, 0)',
    "setTimeout(() => console.log('6: the second timer'), 0)",
    "Promise.resolve().then(() => console.log('3: a promise job'))",
    "console.log('2: still synchronous')",
    'await new Promise((resolve) => setTimeout(resolve, 10))',
    "return 'done'",
  ])
  await page.getByRole('button', { name: 'Trace', exact: true }).click()
  await runButton(page).click()
  const result = regions(page).result
  await expect(result.getByRole('tab', { name: /^Trace \(\d+\)$/ })).toHaveAttribute(
    'aria-selected',
    'true',
  )
  const next = result.getByRole('button', { name: 'Next event' })
  for (let i = 0; i < 10; i++) await next.click()
  await expect(result.getByTestId('trace-current')).toContainText('[log] 4: the first timer')
  await shot(page, 'screenshot-trace')
})
