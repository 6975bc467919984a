import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { openPlayground, regions, runButton, setScript } from './playground'

const lessonList = (page: Page) => page.getByRole('navigation', { name: 'Lesson list' })
const lessonOutcome = (page: Page) => page.getByRole('region', { name: 'Outcome' })
const verdict = (page: Page) => page.getByRole('status', { name: 'Verdict' })

/** The lesson's Run button, named by what it shows (Run, Run 4×, Run again) and the lesson. */
const runLessonButton = (page: Page, title: string) =>
  page.getByRole('button', {
    name: new RegExp(`^Run( again| \\d+×)?: ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
  })

async function openLessons(page: Page, url: string) {
  await openPlayground(page, url)
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Lessons' })
    .click()
  await expect(lessonList(page)).toBeVisible()
}

async function runLesson(page: Page, title: string) {
  await lessonList(page).getByRole('button', { name: title }).click()
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible()
  await runLessonButton(page, title).click()
}

test('lessons run through the gate and meet their expectations', async ({ page, server }) => {
  await openLessons(page, server.url)
  // Sixteen lessons in six topics, and the fault-injection page.
  for (const group of ['Limits', 'Event loop', 'Results', 'Isolation', 'Escapes', 'Semaphores'])
    await expect(lessonList(page).getByRole('region', { name: `${group} lessons` })).toBeVisible()

  // The infinite loop: the interrupt ends it at its 300 ms deadline.
  await runLesson(page, 'The infinite loop and the interrupt')
  await expect(verdict(page)).toContainText('Expectation met', { timeout: 10_000 })
  const outcome = lessonOutcome(page)
  await expect(outcome).toContainText('TimeoutError (interrupt)')
  await expect(outcome).toContainText('✓ as expected')
  const inside = outcome.getByRole('list', { name: 'The run: what happened inside' })
  await expect(inside).toContainText('the interrupt handler stopped the script')
  await expect(inside).toContainText(/its permit came back after [\d.]+ m?s/)
  await expect(inside).toContainText(/lane \d got a fresh runtime/)
  await expect(
    lessonList(page).getByRole('button', { name: /The infinite loop.*expectation met/ }),
  ).toBeVisible()

  // An escape: the constructor chain finds nothing of the host, so the run is ok.
  await runLesson(page, 'Escape by the constructor chain')
  await expect(verdict(page)).toContainText('Expectation met', { timeout: 10_000 })
  await expect(lessonOutcome(page)).toContainText('nothing of the host')

  // Isolation runs twice in a row: the second run finds a clean world again.
  await runLesson(page, 'Isolation between runs')
  await expect(verdict(page)).toContainText('Expectation met', { timeout: 10_000 })
  for (const run of ['Run 1', 'Run 2']) {
    const card = lessonOutcome(page).getByRole('article', { name: run })
    await expect(card).toContainText('✓ as expected')
    await expect(card).toContainText('{"clean":true}')
  }
})

test('the semaphore lesson compares five gates side by side', async ({ page, server }) => {
  await openLessons(page, server.url)
  await lessonList(page)
    .getByRole('button', { name: /^Semaphore leaks/ })
    .click()
  await page.getByRole('button', { name: /^Run( again)?: the gates comparison$/ }).click()
  const table = page.getByRole('table', { name: 'The five gates compared' })
  await expect(table).toBeVisible({ timeout: 15_000 })
  await expect(table.getByRole('columnheader')).toHaveCount(6)
  await expect(table.getByRole('columnheader', { name: /Gatehouse semaphore/ })).toBeVisible()
  const verdictRow = table.getByRole('row', { name: /^Verdict/ })
  await expect(verdictRow.getByRole('cell').nth(0)).toContainText('✓ sound')
  for (const index of [1, 2, 3, 4])
    await expect(verdictRow.getByRole('cell').nth(index)).toContainText('✗ broken')
  await expect(table.getByRole('row', { name: /^Peak running/ })).toContainText('of 4 permits')
  await expect(verdict(page)).toContainText('Expectation met')
})

test('an error in the result links to the lesson that explains it', async ({ page, server }) => {
  await openPlayground(page, server.url)
  await setScript(page, ['while (true) {}'])
  await page.getByRole('button', { name: /^Limits / }).click()
  const limits = page.getByRole('dialog', { name: 'Run limits' })
  await limits.getByLabel('Run timeout (ms)').fill('200')
  await limits.getByRole('button', { name: 'Done' }).click()
  await runButton(page).click()
  const result = regions(page).result
  await expect(result).toContainText('TimeoutError')
  await result.getByRole('button', { name: /The infinite loop and the interrupt/ }).click()
  await expect(
    page.getByRole('heading', { level: 2, name: 'The infinite loop and the interrupt' }),
  ).toBeVisible()
  await expect(
    lessonList(page).getByRole('button', { name: 'The infinite loop and the interrupt' }),
  ).toHaveAttribute('aria-current', 'page')
})

test('docs/screenshot-lesson.png: a lesson after its run', async ({ page, server }) => {
  test.skip(!process.env.UPDATE_SCREENSHOTS, 'set UPDATE_SCREENSHOTS=1 to rewrite docs/*.png')
  await openLessons(page, server.url)
  await runLesson(page, 'The built-in that ignores the interrupt, and the watchdog')
  await expect(verdict(page)).toContainText('Expectation met', { timeout: 15_000 })
  const inside = lessonOutcome(page).getByRole('list', { name: 'The run: what happened inside' })
  await expect(inside).toContainText(/lane \d is ready again/)
  await lessonOutcome(page)
    .getByText(/events from the telemetry/)
    .click()
  // A lesson's own timeout is shown by the lesson, not by a toast over it.
  const toasts = page.getByRole('region', { name: 'Notifications' })
  await expect(toasts.getByRole('listitem')).toHaveCount(0)
  // 1280x800, as the README's other screenshots: the lesson, its run and the gate under it.
  // The lesson scrolls under its own top edge: start the picture at its expectation row.
  await runLessonButton(page, 'The built-in that ignores the interrupt, and the watchdog').evaluate(
    (button) => button.parentElement?.scrollIntoView({ block: 'start' }),
  )
  await page.mouse.move(0, 0)
  await page.screenshot({ path: resolve(__dirname, '../../docs/screenshot-lesson.png') })
})
