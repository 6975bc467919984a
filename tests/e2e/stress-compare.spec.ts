import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { openPlayground } from './playground'

test.use({ trace: 'off' })

const VERDICT_METRICS = [
  'throughput',
  'queue.p50',
  'queue.p95',
  'queue.p99',
  'total.p50',
  'total.p95',
  'total.p99',
  'concurrencyErrors',
  'timeouts',
  'panics',
  'recycledLanes',
  'wall',
  'audit',
]

async function openStressLab(page: Page, url: string) {
  await openPlayground(page, url)
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Stress lab' })
    .click()
  const lab = page.getByRole('main', { name: 'Stress lab' })
  await expect(lab.getByRole('region', { name: 'Design' })).toBeVisible()
  return lab
}

/** The toasts (timeouts, panics) would cover the view in a screenshot. */
async function dismissToasts(page: Page) {
  const dismiss = page
    .getByRole('region', { name: 'Notifications' })
    .getByRole('button', { name: /^Dismiss/ })
  while ((await dismiss.count()) > 0) await dismiss.first().click()
}

async function screenshot(page: Page, lab: Locator, name: string, height = 1400) {
  if (!process.env.UPDATE_SCREENSHOTS) return
  await dismissToasts(page)
  await page.setViewportSize({ width: 1440, height })
  await page.mouse.move(0, 0)
  await lab.locator('.stress-results').evaluate((el) => el.scrollTo(0, 0))
  // Charts are rebuilt for the new width in the next frames.
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  )
  await page.screenshot({ path: resolve(__dirname, `../../docs/${name}`) })
}

test('compare mode: A then B on one seed, both live, then overlaid charts, one-axis timelines and the verdict; both saved and compared again', async ({
  page,
  server,
  gateApi,
}) => {
  test.setTimeout(150_000)
  const before = await gateApi.getSettings()
  const lab = await openStressLab(page, server.url)
  const design = lab.getByRole('region', { name: 'Design' })
  await design.getByRole('radio', { name: 'Compare A vs B' }).click()
  await expect(design.getByRole('group', { name: 'Policy B' })).toBeVisible()

  // Policy B is checked before anything is sent.
  await design.getByLabel('B Permits').fill('0')
  await design.getByRole('button', { name: 'Start' }).click()
  await expect(design.getByText('Permits must be at least 1')).toBeVisible()

  await design.getByLabel('Runs').fill('300')
  await design.getByLabel('Seed').fill('42')
  await design.getByLabel('Permits', { exact: true }).fill('1')
  await design.getByLabel('Lanes', { exact: true }).fill('1')
  await design.getByLabel(/^Wait timeout/).fill('60000')
  await design.getByLabel(/^Run timeout/).fill('100')
  await design.getByLabel('B Permits').fill('4')
  await design.getByLabel('B Lanes').fill('2')
  await design.getByLabel('B Wait timeout').fill('60000')
  await design.getByLabel('B Run timeout').fill('100')
  await design.getByLabel('Throw').fill('5')
  await design.getByLabel('Loop forever').fill('1')
  await design.getByRole('button', { name: 'Start' }).click()

  await expect(lab.getByRole('heading', { name: 'Showing' })).toHaveText('Comparison')
  const comparison = lab.getByLabel('Comparison')
  // Both live: A's gauge moves while B's waits, then B's.
  await expect(comparison.getByRole('region', { name: 'Live gauge A' })).toBeVisible()
  await expect(comparison.getByRole('region', { name: 'Live gauge B' })).toBeVisible()
  await expect(
    comparison.getByRole('region', { name: 'Live gauge A' }).locator('[data-gauge="settled"]'),
  ).not.toHaveText('0', { timeout: 40_000 })
  await expect(
    comparison.getByRole('region', { name: 'Overlaid charts' }).locator('figure'),
  ).toHaveCount(7)

  const verdict = comparison.getByRole('region', { name: 'Verdict: A vs B' })
  await expect(verdict).toBeVisible({ timeout: 100_000 })
  const rows = verdict.locator('tbody tr')
  await expect(rows).toHaveCount(VERDICT_METRICS.length)
  expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-metric')))).toEqual(
    VERDICT_METRICS,
  )
  await expect(verdict.getByRole('note')).toContainText('The same workload: 300 runs, seed 42')
  await expect(verdict.getByRole('note')).toContainText('one after the other')
  // Which side is better is the machine's to say; the table must agree with its own readings.
  for (const metric of ['throughput', 'queue.p95', 'wall']) {
    const row = verdict.locator(`tr[data-metric="${metric}"]`)
    const [a, b] = (await row.locator('td').allTextContents())
      .slice(0, 2)
      .map((text) => Number(text.replace(/[^\d.]/g, '')))
    const higher = metric === 'throughput'
    const winner =
      a === b
        ? 'tie'
        : (higher ? (b as number) > (a as number) : (b as number) < (a as number))
          ? 'b'
          : 'a'
    await expect(row).toHaveAttribute('data-winner', winner)
  }
  await expect(verdict.locator('tr[data-metric="audit"]')).toContainText('PASSPASS')

  // Both permit timelines, on one axis: each with its own permit count.
  await expect(comparison.getByRole('img', { name: /^Permit timeline A:/ })).toHaveAttribute(
    'data-swimlanes',
    '1',
  )
  await expect(comparison.getByRole('img', { name: /^Permit timeline B:/ })).toHaveAttribute(
    'data-swimlanes',
    '4',
  )
  // The comparison is over and the gate is the user's again.
  await expect(design.getByRole('button', { name: 'Start' })).toBeEnabled()
  expect(await gateApi.getSettings()).toEqual(before)
  await screenshot(page, lab, 'screenshot-stress-compare.png', 1800)

  // One time axis: zooming A's timeline redraws B's at the same zoom.
  const timelineB = comparison.getByRole('img', { name: /^Permit timeline B:/ })
  const pixels = () => timelineB.evaluate((canvas) => (canvas as HTMLCanvasElement).toDataURL())
  const unzoomed = await pixels()
  const timelineA = comparison.locator('.comparison-timeline').first()
  await timelineA.getByRole('button', { name: 'Zoom in' }).click()
  await expect.poll(pixels).not.toBe(unzoomed)
  await timelineA.getByRole('button', { name: 'Fit' }).click()
  await expect.poll(pixels).toBe(unzoomed)

  // Save both halves into the workspace's .gatehouse/runs/.
  const folder = join(server.workspace, '.gatehouse', 'runs')
  const earlier = existsSync(folder) ? readdirSync(folder) : []
  const saved = lab.getByRole('region', { name: 'Saved runs' })
  await comparison.getByRole('button', { name: 'Save A' }).click()
  await expect(saved.getByRole('status', { name: 'Saved runs notice' })).toContainText(/a as /)
  await comparison.getByRole('button', { name: 'Save B' }).click()
  await expect(saved.getByRole('status', { name: 'Saved runs notice' })).toContainText(/b as /)
  const files = saved.getByRole('list', { name: 'Saved run files' }).getByRole('listitem')
  await expect(files).toHaveCount(earlier.length + 2)
  const onDisk = readdirSync(folder)
    .filter((file) => !earlier.includes(file))
    .sort()
  expect(onDisk).toHaveLength(2)
  const report = JSON.parse(readFileSync(join(folder, onDisk[0] as string), 'utf8')) as {
    format: string
    version: number
    plan: { seed: number }
  }
  expect(report).toMatchObject({
    format: 'gatehouse-stress-report',
    version: 1,
    plan: { seed: 42 },
  })

  // Compare the two saved runs: the same verdict table, from the files.
  for (const name of onDisk)
    await saved.getByRole('checkbox', { name: `Pick ${name} to compare` }).check()
  await saved.getByRole('button', { name: 'Compare the two ticked' }).click()
  await expect(lab.getByRole('heading', { name: 'Showing' })).toHaveText('Saved runs compared')
  const again = lab.getByRole('region', { name: 'Verdict: A vs B' })
  await expect(again.locator('tbody tr')).toHaveCount(VERDICT_METRICS.length)
  await expect(again.getByRole('note')).toContainText('seed 42')
  await lab.getByRole('button', { name: 'Back to the comparison' }).click()
  await expect(lab.getByRole('heading', { name: 'Showing' })).toHaveText('Comparison')
})

test('a saved run opens as it was and replays; a damaged or newer file says why and changes nothing', async ({
  page,
  server,
}) => {
  test.setTimeout(90_000)
  const lab = await openStressLab(page, server.url)
  const design = lab.getByRole('region', { name: 'Design' })
  await design.getByRole('radio', { name: 'One gate' }).click()
  await design.getByLabel('Runs').fill('1000')
  await design.getByLabel('Seed').fill('7')
  await design.getByLabel('Permits').fill('2')
  await design.getByLabel('Run timeout').fill('100')
  await design.getByLabel('Throw').fill('10')
  await design.getByRole('radio', { name: 'Fixed rate' }).click()
  await design.getByLabel('Rate').fill('250')
  await design.getByRole('button', { name: 'Start' }).click()
  const state = lab.getByRole('status', { name: 'Stress state' })
  await expect(state).toHaveText(/Done/, { timeout: 60_000 })
  const report = lab.getByRole('region', { name: 'Report' })
  await report.getByRole('button', { name: 'Save run' }).click()
  const saved = lab.getByRole('region', { name: 'Saved runs' })
  const notice = saved.getByRole('status', { name: 'Saved runs notice' })
  await expect(notice).toContainText(/^Saved stress\d+ as gatehouse-stress\d+-\d{8}-\d{6}\.json$/)
  const name = (await notice.textContent())?.split(' as ')[1] as string

  // Open it: the report as it was, then replay it.
  await saved.getByRole('button', { name: `Open ${name}` }).click()
  await expect(lab.getByRole('heading', { name: 'Showing' })).toHaveText(`Saved run: ${name}`)
  const opened = lab.getByRole('region', { name: `Saved run: ${name}` })
  await expect(
    opened.getByRole('region', { name: 'Audit' }).locator('[data-verdict]'),
  ).toHaveAttribute('data-verdict', 'PASS')
  const replay = lab.getByRole('region', { name: 'Replay' })
  const settled = replay.locator('[data-replay="settled"]')
  await expect(settled).toHaveText('1,000 / 1,000')
  await replay.getByRole('slider', { name: 'Replay position' }).fill('0')
  await expect(settled).toHaveText('0 / 1,000')
  await expect(replay.locator('[data-replay="in-use"]')).toHaveText('0 / 2')
  await replay.getByRole('combobox', { name: 'Replay speed' }).selectOption('2')
  await replay.getByRole('button', { name: 'Play replay' }).click()
  // Part of the way: some runs settled, not all, and never more permits than the gate had.
  const settledNow = async () =>
    Number((await settled.textContent())?.split(' / ')[0]?.replace(/,/g, ''))
  await expect.poll(settledNow, { timeout: 20_000 }).toBeGreaterThan(0)
  const partway = await settledNow()
  expect(partway).toBeLessThan(1000)
  expect(
    Number((await replay.locator('[data-replay="in-use"]').textContent())?.split(' / ')[0]),
  ).toBeLessThanOrEqual(2)
  await replay.getByRole('button', { name: 'Pause replay' }).click()
  // Let the paused frame paint: the count shown can trail the cursor by one frame.
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  )
  const pausedAt = Number(await replay.getByLabel('Replay time').getAttribute('data-cursor-ms'))
  const pausedSettled = await settled.textContent()
  expect(pausedAt).toBeGreaterThan(0)
  await replay.getByRole('combobox', { name: 'Replay speed' }).selectOption('100')
  await replay.getByRole('button', { name: 'Play replay' }).click()
  await expect(settled).toHaveText('1,000 / 1,000', { timeout: 20_000 })
  await expect(replay.getByRole('button', { name: 'Play replay' })).toBeVisible()
  // Scrubbing back shows that moment again, as it was.
  await replay.getByRole('slider', { name: 'Replay position' }).fill(String(pausedAt))
  const cursor = Number(await replay.getByLabel('Replay time').getAttribute('data-cursor-ms'))
  expect(Math.abs(cursor - pausedAt)).toBeLessThanOrEqual(Math.max(2, pausedAt / 100))
  if (cursor === pausedAt) await expect(settled).toHaveText(pausedSettled as string)
  else await expect(settled).not.toHaveText('1,000 / 1,000')
  if (process.env.UPDATE_SCREENSHOTS) {
    // The picture: most of the way through, so the charts have a few seconds to show.
    const slider = replay.getByRole('slider', { name: 'Replay position' })
    await slider.fill(String(Math.round(Number(await slider.getAttribute('max')) * 0.7)))
  }
  await screenshot(page, lab, 'screenshot-stress-replay.png')

  // A damaged file and one from a newer Gatehouse: a clear message, the view and the files untouched.
  const folder = join(server.workspace, '.gatehouse', 'runs')
  const good = readFileSync(join(folder, name), 'utf8')
  writeFileSync(join(folder, 'damaged.json'), good.slice(0, good.length / 2))
  writeFileSync(join(folder, 'newer.json'), JSON.stringify({ ...JSON.parse(good), version: 3 }))
  await saved.getByRole('button', { name: 'Refresh' }).click()
  await expect(saved.getByRole('button', { name: 'Open damaged.json' })).toBeVisible()
  const error = saved.getByRole('alert', { name: 'Saved runs error' })
  await saved.getByRole('button', { name: 'Open damaged.json' }).click()
  await expect(error).toContainText('damaged.json cannot be shown: it is not JSON')
  await expect(error).toContainText('The file was left as it is.')
  await expect(lab.getByRole('heading', { name: 'Showing' })).toHaveText(`Saved run: ${name}`)
  await saved.getByRole('button', { name: 'Open newer.json' }).click()
  await expect(error).toContainText(
    'newer.json cannot be shown: it is written by a newer Gatehouse (report version 3; this one reads up to version 1)',
  )
  expect(readFileSync(join(folder, 'damaged.json'), 'utf8')).toBe(good.slice(0, good.length / 2))
  expect(JSON.parse(readFileSync(join(folder, 'newer.json'), 'utf8')).version).toBe(3)
})
