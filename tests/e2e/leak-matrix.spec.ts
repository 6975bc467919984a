import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { openPlayground } from './playground'

const lessonList = (page: Page) => page.getByRole('navigation', { name: 'Lesson list' })
const paths = (page: Page) => page.getByRole('list', { name: 'The paths' })
const path = (page: Page, n: number) =>
  paths(page).getByRole('listitem', { name: new RegExp(`^Path ${n}:`) })

async function openMatrix(page: Page, url: string) {
  await openPlayground(page, url)
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Lessons' })
    .click()
  await lessonList(page)
    .getByRole('button', { name: /^The leak matrix/ })
    .click()
  await expect(
    page.getByRole('heading', { level: 2, name: 'The leak matrix: every path a run can take' }),
  ).toBeVisible()
}

test('the leak matrix plays each path through the real gate and shows the permit', async ({
  page,
  server,
}) => {
  await openMatrix(page, server.url)
  // The service's eight paths, in its numbering, and the ninth.
  await expect(paths(page).getByRole('listitem')).toHaveCount(9)
  await expect(path(page, 1)).toContainText('input validation fails')
  await expect(path(page, 8)).toContainText('timeout waiting for a pooled runtime, permit held')
  await expect(path(page, 9)).toContainText('released on timeout while the work goes on')

  // One path on its own: a normal run, its permit taken and returned, on a timeline.
  await page.getByRole('button', { name: 'Play path 3' }).click()
  await expect(path(page, 3)).toContainText('✓ as the matrix says (ok)', { timeout: 20_000 })
  await expect(path(page, 3)).toContainText(/taken at [\d.]+ m?s, returned at [\d.]+ m?s/)
  await expect(path(page, 3).getByRole('img', { name: /^Path 3: 1 runs/ })).toBeVisible()

  // Play all: the nine in order, each checked against the matrix.
  await page.getByRole('button', { name: 'Play all' }).click()
  await expect(page.getByRole('status', { name: 'Matrix verdict' })).toContainText(
    'All nine paths ended as listed, and every permit came back',
    { timeout: 60_000 },
  )
  await expect(path(page, 1)).toContainText('ValidationError')
  await expect(path(page, 1)).toContainText('never taken')
  await expect(path(page, 2)).toContainText('ConcurrencyError')
  await expect(path(page, 2)).toContainText('never taken')
  await expect(path(page, 4)).toContainText('PanicError (lane-exit)')
  await expect(path(page, 5)).toContainText('PanicError (lane-exit)')
  await expect(path(page, 6)).toContainText('TimeoutError (interrupt)')
  await expect(path(page, 7)).toContainText('ScriptError')
  await expect(path(page, 8)).toContainText(/returned at/)
  for (const n of [3, 4, 5, 6, 7, 8, 9])
    await expect(path(page, n)).toContainText(/taken at [\d.]+ m?s, returned at/)

  // The telemetry behind path 8: the wedged lane replaced while the permit was held.
  await path(page, 8)
    .getByText(/The telemetry of this path/)
    .click()
  await expect(path(page, 8).getByRole('list', { name: 'Path 8: telemetry' })).toContainText(
    /lane \d: thread replaced: lane-unresponsive/,
  )

  // The ninth: Gatehouse within its permits, the release-on-timeout gate over them.
  const gatehouse = path(page, 9).getByRole('region', { name: 'Gatehouse’s gate' })
  const broken = path(page, 9).getByRole('region', { name: 'A gate that releases on timeout' })
  const permits = Number(
    /with (\d+) permits/.exec((await gatehouse.textContent()) ?? '')?.[1] ?? Number.NaN,
  )
  const peakOf = async (side: typeof gatehouse) =>
    Number(/peak (\d+) running/.exec((await side.textContent()) ?? '')?.[1] ?? Number.NaN)
  expect(await peakOf(gatehouse)).toBeLessThanOrEqual(permits)
  expect(await peakOf(broken)).toBeGreaterThan(permits)
  await expect(
    lessonList(page).getByRole('button', { name: /The leak matrix.*expectation met/ }),
  ).toBeVisible()

  if (process.env.UPDATE_SCREENSHOTS) {
    const toasts = page.getByRole('region', { name: 'Notifications' })
    while ((await toasts.getByRole('button', { name: /^Dismiss/ }).count()) > 0)
      await toasts
        .getByRole('button', { name: /^Dismiss/ })
        .first()
        .click()
    const main = page.locator('.lessons-main')
    await main.evaluate((element) => element.scrollTo(0, 0))
    await page.mouse.move(0, 0)
    await page.screenshot({ path: resolve(__dirname, '../../docs/screenshot-leak-matrix.png') })
    await main.evaluate((element) => element.scrollTo(0, element.scrollHeight))
    await page.screenshot({
      path: resolve(__dirname, '../../docs/screenshot-leak-matrix-overcommit.png'),
    })
  }
})
