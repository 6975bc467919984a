import { resolve } from 'node:path'
import { expect, test } from './fixtures'
import { openPlayground, regions, runButton, setScript } from './playground'

/** Microtasks before timers, a timer's own promise job before the next timer: the lesson's script. */
const ORDERING = [
  "console.log('1: synchronous')",
  'setTimeout(() => {',
  "  console.log('4: the first timer')",
  "  Promise.resolve().then(() => console.log('5: its promise job'))",
  '}, 0)',
  "setTimeout(() => console.log('6: the second timer'), 0)",
  "Promise.resolve().then(() => console.log('3: a promise job'))",
  "console.log('2: still synchronous')",
  'await new Promise((resolve) => setTimeout(resolve, 10))',
  "return 'done'",
]

test('the Trace toggle is off by default; an untraced run says how to get one', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  const toggle = page.getByRole('button', { name: 'Trace', exact: true })
  await expect(toggle).toHaveAttribute('aria-pressed', 'false')
  await setScript(page, ['await null', 'return 1'])
  await runButton(page).click()
  const result = regions(page).result
  await expect(result.getByRole('tab', { name: 'Result' })).toHaveAttribute('aria-selected', 'true')
  await result.getByRole('tab', { name: 'Trace' }).click()
  await expect(result.getByRole('tabpanel')).toContainText('This run was not traced')
})

test('a traced run: the Trace tab walks the event loop in order and links timers to their lines', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  await setScript(page, ORDERING)
  const toggle = page.getByRole('button', { name: 'Trace', exact: true })
  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-pressed', 'true')
  await runButton(page).click()

  const result = regions(page).result
  const traceTab = result.getByRole('tab', { name: /^Trace \(\d+\)$/ })
  await expect(traceTab).toHaveAttribute('aria-selected', 'true', { timeout: 30_000 })
  const events = result.getByRole('list', { name: 'Trace events' })
  const texts = await events.locator('.trace-text').allTextContents()
  expect(texts).toEqual([
    'synchronous part starts',
    '[log] 1: synchronous',
    'timer #1 set: 0 ms',
    'timer #2 set: 0 ms',
    '[log] 2: still synchronous',
    'timer #3 set: 10 ms',
    'synchronous part ends',
    '1 promise job drained in ' + texts[7]?.split(' in ')[1],
    '[log] 3: a promise job',
    'timer #1 fires',
    '[log] 4: the first timer',
    '1 promise job drained in ' + texts[11]?.split(' in ')[1],
    '[log] 5: its promise job',
    'timer #2 fires',
    '[log] 6: the second timer',
    'timer #3 fires',
    '1 promise job drained in ' + texts[16]?.split(' in ')[1],
    'settled: ok',
  ])

  // Step event by event: the current event follows, and the list marks it.
  const current = result.getByTestId('trace-current')
  await expect(current).toContainText('synchronous part starts')
  await expect(current).toContainText('in a macrotask')
  const next = result.getByRole('button', { name: 'Next event' })
  for (let i = 0; i < 9; i++) await next.click()
  await expect(current).toContainText('timer #1 fires')
  await expect(current.getByRole('button', { name: 'Go to line 2 in the editor' })).toBeVisible()
  await expect(result.getByText('Event 10 of 18')).toBeVisible()
  await expect(events.locator('[aria-current="true"] .trace-text')).toHaveText('timer #1 fires')
  await result.getByRole('button', { name: 'Previous event' }).click()
  await expect(current).toContainText('[log] 3: a promise job')
  await expect(current).toContainText('in a promise job')

  // A timer's entry reveals the line that set it.
  await events.getByRole('button', { name: 'Go to line 6 in the editor' }).first().click()
  await expect(regions(page).editor.getByLabel('Cursor position')).toHaveText(/^Ln 6,/)
  await expect(current).toContainText('timer #2 set: 0 ms')

  await page.mouse.move(0, 0)
  await page.screenshot({ path: resolve(__dirname, '../../test-results/trace-tab.png') })

  // Turned off again, the next run asks for no trace.
  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-pressed', 'false')
  await runButton(page).click()
  await expect(result.getByRole('tabpanel')).toContainText('This run was not traced', {
    timeout: 30_000,
  })
})

test('a lesson with a trace shows it under its run, its timers marking the script lines', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Lessons' })
    .click()
  const title = 'Microtasks before timers'
  await page
    .getByRole('navigation', { name: 'Lesson list' })
    .getByRole('button', { name: title })
    .click()
  await page.getByRole('button', { name: new RegExp(`^Run( again)?: ${title}$`) }).click()
  await expect(page.getByRole('status', { name: 'Verdict' })).toContainText('Expectation met', {
    timeout: 30_000,
  })
  const outcome = page.getByRole('region', { name: 'Outcome' })
  const events = outcome.getByRole('list', { name: 'Trace events' })
  await expect(events.locator('.trace-text').last()).toHaveText('settled: ok')
  // Line 13 of the lesson's file sets the first timer; the script's view marks it.
  await events.getByRole('button', { name: 'Show line 13 of the script' }).first().click()
  const script = page.getByRole('region', { name: 'Script' })
  await expect(script.locator('.lesson-code-line[aria-current="true"]')).toContainText(
    'setTimeout(() => {',
  )
  await expect(script.locator('.lesson-code-line[aria-current="true"]')).toContainText('13')
  await page.mouse.move(0, 0)
  await page.screenshot({ path: resolve(__dirname, '../../test-results/trace-lesson.png') })
})
