import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import type { MainThreadTask } from './main-thread-tasks'
import { describeLongTasks, traceMainThreadTasks } from './main-thread-tasks'
import { openPlayground } from './playground'

const CSV_HEADER = 'i,fault,submittedAt,admittedAt,startedAt,settledAt,lane,outcome,cause'

/** The bound: no task of the page's main thread over 50 ms. */
const LONG_TASK_MS = 50

// Playwright's trace snapshots the page's DOM around every action and expect
// poll, and records a screencast: work on the page's main thread that would
// show up as the page's own long tasks. These tests measure the page alone.
test.use({ trace: 'off' })

/** Opens the stress lab. */
async function openStressLab(page: Page, url: string) {
  await openPlayground(page, url)
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Stress lab' })
    .click()
  const lab = page.getByRole('main', { name: 'Stress lab' })
  await expect(lab.getByRole('region', { name: 'Live gauge' })).toBeVisible()
  return lab
}

/**
 * Waits for the stress state's text to match, reading it twice a second.
 * Not expect().toHaveText: each of its failed polls snapshots the page's
 * accessibility tree on the page's main thread (10 to 90 ms on this page),
 * work of the test that would be counted against the page.
 */
async function waitForStressState(page: Page, pattern: RegExp, timeoutMs: number) {
  await page.waitForFunction(
    (source) =>
      new RegExp(source).test(
        document.querySelector('[role="status"][aria-label="Stress state"]')?.textContent ?? '',
      ),
    pattern.source,
    { polling: 500, timeout: timeoutMs },
  )
}

/**
 * The tasks whose own work (CPU time on the main thread) went over the bound;
 * the note says how many went over it in wall time, and their CPU time: on a
 * loaded machine a task of a few ms can wait 100 ms or more for a core.
 */
function overBound(tasks: readonly MainThreadTask[]) {
  test.info().annotations.push({
    type: 'main-thread tasks',
    description: describeLongTasks(tasks, LONG_TASK_MS),
  })
  return tasks
    .filter((task) => task.cpuMs > LONG_TASK_MS)
    .map((task) => `${Math.round(task.cpuMs)} ms of CPU in ${Math.round(task.wallMs)} ms`)
}

/** Gauge repaints and changes of its settled count over one second of a running stress. */
async function gaugeRate(page: Page) {
  const gauge = page.getByRole('region', { name: 'Live gauge' })
  await expect(gauge.locator('[data-gauge="settled"]')).not.toHaveText('0')
  return gauge.evaluate(
    (root) =>
      new Promise<{ paints: number; changes: number }>((resolveRate) => {
        const paintsBefore = Number(root.getAttribute('data-paints'))
        let changes = 0
        const settled = root.querySelector('[data-gauge="settled"]') as Element
        const observer = new MutationObserver(() => changes++)
        observer.observe(settled, { childList: true, characterData: true, subtree: true })
        setTimeout(() => {
          observer.disconnect()
          resolveRate({ paints: Number(root.getAttribute('data-paints')) - paintsBefore, changes })
        }, 1000)
      }),
  )
}

test('a 2,000-run stress with faults through the UI: a live gauge, a passing audit, no long task', async ({
  page,
  server,
  browser,
}) => {
  test.setTimeout(90_000)
  const lab = await openStressLab(page, server.url)
  const design = lab.getByRole('region', { name: 'Design' })

  // Inputs are checked before anything is sent.
  await design.getByLabel('Runs').fill('0')
  await design.getByLabel('Throw').fill('60')
  await design.getByLabel('Loop forever').fill('50')
  await expect(design.getByLabel('Fault total')).toHaveText(/Total 110%/)
  await design.getByRole('button', { name: 'Start' }).click()
  await expect(design.getByText('Runs must be at least 1')).toBeVisible()
  await expect(design.getByText(/The faults add up to 110%/)).toBeVisible()
  await expect(lab.getByRole('status', { name: 'Stress state' })).toHaveCount(0)

  await design.getByLabel('Runs').fill('2000')
  await design.getByLabel('Permits').fill('4')
  await design.getByLabel('Lanes').fill('2')
  await design.getByLabel('Wait timeout').fill('30000')
  await design.getByLabel('Run timeout').fill('100')
  const faults = {
    Throw: '5',
    'Loop forever': '2',
    'Allocate without bound': '1',
    'Stuck in a built-in': '1',
    'Crash the lane': '1',
  }
  for (const [label, value] of Object.entries(faults)) await design.getByLabel(label).fill(value)
  await expect(design.getByLabel('Fault total')).toHaveText(/Total 10% of runs fail on purpose/)

  // Count the gauge's repaints and the settled count's changes over one second of the run.
  // Every main-thread task is traced from the press of Start to the report.
  const trace = await traceMainThreadTasks(browser, page)
  await design.getByRole('button', { name: 'Start' }).click()
  await waitForStressState(page, /Running/, 40_000)
  const rate = await gaugeRate(page)
  const gauge = lab.getByRole('region', { name: 'Live gauge' })
  expect(rate.paints, 'gauge repaints in one second').toBeGreaterThanOrEqual(10)
  expect(rate.changes, 'settled count changes in one second').toBeGreaterThanOrEqual(5)
  // The main process's event-loop delay is measured and shown.
  await expect(gauge.locator('[data-gauge="loop"]')).toHaveText(/^\d+\.\d \/ \d+\.\d \/ \d+\.\d$/)

  await waitForStressState(page, /Done/, 60_000)
  const report = lab.getByRole('region', { name: 'Report' })
  const audit = report.getByRole('region', { name: 'Audit' })
  await expect(audit.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'PASS')
  const tasks = await trace.stop()
  for (const check of [
    'Peak in use ≤ permits',
    'Leaked permits',
    'Double releases',
    'Runs without outcome',
  ])
    await expect(audit.getByRole('listitem').filter({ hasText: check })).toContainText('holds')
  const totals = report.getByRole('region', { name: 'Totals by outcome' })
  await expect(totals.locator('tr[data-outcome="ok"]')).toBeVisible()
  await expect(totals.locator('tr[data-outcome="ScriptError"]')).toBeVisible()
  await expect(totals.locator('tr[data-outcome="TimeoutError"]')).toBeVisible()

  // The timeline: four swimlanes, none over the permit count, details on hover.
  const timeline = lab.getByRole('img', { name: /^Permit timeline/ })
  await expect(timeline).toHaveAttribute('data-swimlanes', '4')
  await expect(timeline).toHaveAttribute('data-overflow', '0')
  const box = await timeline.boundingBox()
  if (!box) throw new Error('the timeline has no box')
  await timeline.scrollIntoViewIfNeeded()
  const tip = lab.getByRole('tooltip')
  for (const fraction of [0.3, 0.5, 0.7, 0.9]) {
    const canvasBox = (await timeline.boundingBox()) ?? box
    await page.mouse.move(
      canvasBox.x + 84 + (canvasBox.width - 92) * fraction,
      canvasBox.y + 22 + 13,
    )
    if (await tip.isVisible()) break
  }
  await expect(tip).toContainText(/Run #\d+/)
  await expect(tip).toContainText('outcome:')

  // Exports: the JSON report, the runs as CSV, the charts as PNG.
  const download = async (name: string) => {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      report.getByRole('button', { name }).click(),
    ])
    const path = await file.path()
    return { name: file.suggestedFilename(), bytes: readFileSync(path) }
  }
  const json = await download('Report JSON')
  expect(json.name).toMatch(/^gatehouse-stress\d+-.*\.json$/)
  const full = JSON.parse(json.bytes.toString('utf8')) as {
    audit: { passed: boolean }
    runs: unknown[]
  }
  expect(full.audit.passed).toBe(true)
  expect(full.runs).toHaveLength(2000)
  const csv = await download('Runs CSV')
  const lines = csv.bytes.toString('utf8').trimEnd().split('\n')
  expect(lines[0]).toBe(CSV_HEADER)
  expect(lines).toHaveLength(2001)
  const png = await download('Charts PNG')
  expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
  const timelinePng = await download('Timeline PNG')
  expect(timelinePng.bytes.subarray(1, 4).toString('latin1')).toBe('PNG')

  // No task of the page over 50 ms, from Start to the report.
  expect(overBound(tasks), `main-thread tasks over ${LONG_TASK_MS} ms`).toEqual([])

  if (process.env.UPDATE_SCREENSHOTS) {
    // The toasts (timeouts, panics) would cover the gauge.
    const notifications = page.getByRole('region', { name: 'Notifications' })
    const dismiss = notifications.getByRole('button', { name: /^Dismiss/ })
    while ((await dismiss.count()) > 0) await dismiss.first().click()
    await page.setViewportSize({ width: 1440, height: 1290 })
    await page.mouse.move(0, 0)
    await lab.locator('.stress-results').evaluate((el) => el.scrollTo(0, 0))
    await page.waitForTimeout(400)
    await page.screenshot({ path: resolve(__dirname, '../../docs/screenshot-stress.png') })
  }
})

test('pause, resume and cancel: a cancelled stress still accounts for every run', async ({
  page,
  server,
}) => {
  const lab = await openStressLab(page, server.url)
  const design = lab.getByRole('region', { name: 'Design' })
  await design.getByLabel('Runs').fill('400')
  await design.getByRole('radio', { name: 'Fixed rate' }).click()
  await design.getByLabel('Rate').fill('100')
  await design.getByRole('button', { name: 'Start' }).click()
  const state = lab.getByRole('status', { name: 'Stress state' })
  await expect(state).toHaveText(/Running/, { timeout: 30_000 })
  await design.getByRole('button', { name: 'Pause' }).click()
  await expect(state).toHaveText(/Paused/)
  await expect(design.getByRole('button', { name: 'Start' })).toBeDisabled()
  await design.getByRole('button', { name: 'Resume' }).click()
  await expect(state).toHaveText(/Running/)
  await design.getByRole('button', { name: 'Cancel' }).click()
  await expect(state).toHaveText(/Cancelled/, { timeout: 30_000 })
  const audit = lab.getByRole('region', { name: 'Audit' })
  await expect(audit.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'PASS')
  await expect(lab.getByRole('region', { name: 'Report' })).toContainText('cancelled')
})

// The bound at full size: 10,000 runs at full speed. Opt-in: minutes
// on two cores, where the two lanes, the server and the browser compete for them.
test('10,000 runs at full speed: the page stays responsive', async ({ page, server, browser }) => {
  test.skip(!process.env.GATEHOUSE_E2E_10K, 'set GATEHOUSE_E2E_10K=1 to run 10,000 runs')
  test.setTimeout(240_000)
  const lab = await openStressLab(page, server.url)
  const design = lab.getByRole('region', { name: 'Design' })
  await design.getByLabel('Runs').fill('10000')
  await design.getByLabel('Permits').fill('4')
  await design.getByLabel('Lanes').fill('2')
  await design.getByLabel('Wait timeout').fill('120000')
  const trace = await traceMainThreadTasks(browser, page)
  await design.getByRole('button', { name: 'Start' }).click()
  await waitForStressState(page, /Running/, 40_000)
  const rate = await gaugeRate(page)
  expect(rate.paints, 'gauge repaints in one second').toBeGreaterThanOrEqual(10)
  expect(rate.changes, 'settled count changes in one second').toBeGreaterThanOrEqual(10)
  await waitForStressState(page, /Done/, 200_000)
  const audit = lab.getByRole('region', { name: 'Audit' })
  await expect(audit.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'PASS')
  // The timeline of all 10,000 runs is laid out (in slices) and drawn.
  await expect(lab.getByRole('img', { name: /^Permit timeline/ })).toHaveAttribute(
    'aria-label',
    /10000 runs admitted/,
  )
  const tasks = await trace.stop()
  expect(overBound(tasks), `main-thread tasks over ${LONG_TASK_MS} ms`).toEqual([])
})

// The control for the bound above: a task that really works (a fixed amount of
// arithmetic, some 100 ms or more of CPU) is seen as one, however loaded the machine.
test('the main-thread trace sees a task of real work as long', async ({
  page,
  server,
  browser,
}) => {
  await openPlayground(page, server.url)
  const trace = await traceMainThreadTasks(browser, page)
  await page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        setTimeout(() => {
          let sum = 0
          for (let i = 0; i < 300_000_000; i++) sum += i % 7
          resolve(sum)
        }),
      ),
  )
  const tasks = await trace.stop()
  expect(Math.max(...tasks.map((task) => task.cpuMs))).toBeGreaterThan(LONG_TASK_MS)
})
