import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { openPlayground } from './playground'

test.use({ trace: 'off' })

async function openStressLab(page: Page) {
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Stress lab' })
    .click()
  const lab = page.getByRole('main', { name: 'Stress lab' })
  return { lab, design: lab.getByRole('region', { name: 'Design' }) }
}

async function runStress(page: Page, timeoutMs: number) {
  const lab = page.getByRole('main', { name: 'Stress lab' })
  const status = lab.getByRole('status', { name: 'Stress state' })
  const previous = (await status.count()) > 0 ? await status.textContent() : null
  await lab.getByRole('region', { name: 'Design' }).getByRole('button', { name: 'Start' }).click()
  const state = lab.getByRole('status', { name: 'Stress state' })
  if (previous) await expect(state).not.toHaveText(previous, { timeout: 40_000 })
  await expect(state).toHaveText(/Done/, { timeout: timeoutMs })
  await expect(
    lab.getByRole('region', { name: 'Audit' }).locator('[data-verdict]'),
  ).toHaveAttribute('data-verdict', 'PASS')
}

/** The width and height a PNG's header gives. */
function pngSize(bytes: Buffer) {
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

test('the designer estimates the wait timeouts, keeps Start in view, and the lab survives a reload', async ({
  page,
  server,
}) => {
  test.setTimeout(180_000)
  await openPlayground(page, server.url)
  const { lab, design } = await openStressLab(page)
  const start = design.getByRole('button', { name: 'Start' })
  // 1280x800: Start needs no scrolling.
  await expect(start).toBeInViewport({ ratio: 1 })

  // First a stress that lets every run in: it measures how long a run holds a lane.
  await design.getByLabel('Runs').fill('600')
  await design.getByLabel('Permits').fill('4')
  await design.getByLabel('Lanes').fill('2')
  await design.getByLabel('Wait timeout').fill('60000')
  const estimate = design.getByLabel('Wait estimate')
  await expect(estimate).toContainText('(assumed)')
  await runStress(page, 60_000)

  // Then a burst of 2,000 with a 0.5 s wait, too short for them all on any machine: the
  // designer says how many will be turned away.
  await design.getByLabel('Runs').fill('2000')
  await design.getByLabel('Wait timeout').fill('500')
  await expect(estimate).toContainText(/measured in stress\d+/)
  await expect(estimate).toContainText(/will miss the 0\.5 s wait timeout/)
  await expect(design.getByLabel('Fault total')).toContainText('fail too')
  const estimated = Number(await estimate.getAttribute('data-missed'))
  expect(estimated).toBeGreaterThan(0)
  await expect(start).toBeInViewport({ ratio: 1 })
  await page.screenshot({ path: test.info().outputPath('designer-1280x800.png') })
  await runStress(page, 90_000)

  // The real count is within the estimate's tolerance: 15% of the runs.
  const totals = lab.getByRole('region', { name: 'Totals by outcome' })
  const actual = Number(
    (
      await totals.locator('tr[data-outcome="ConcurrencyError"] .totals-count').textContent()
    )?.replace(/,/g, ''),
  )
  test.info().annotations.push({
    type: 'wait estimate',
    description: `estimated ${estimated}, actual ${actual} of 2000`,
  })
  expect(Math.abs(actual - estimated)).toBeLessThanOrEqual(300)

  // Rejections are charted apart and counted on the gauge, not as throughput.
  await expect(
    lab.getByRole('region', { name: 'Live charts' }).getByText('Rejected: no permit in time'),
  ).toBeVisible()
  await expect(lab.locator('[data-gauge="rejected"]')).toHaveText(actual.toLocaleString('en'))

  // The timeline PNG is the whole run with a title and a legend: 1600 px wide,
  // every swimlane (4 permits + "no permit") at 18 px, title 48, axis 22, legend 30.
  const report = lab.getByRole('region', { name: 'Report' })
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    report.getByRole('button', { name: 'Timeline PNG' }).click(),
  ])
  const png = readFileSync(await file.path())
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
  expect(pngSize(png)).toEqual({ width: 1600, height: 48 + 22 + 5 * 18 + 10 + 30 })
  const stressId = (await lab.getByRole('status', { name: 'Stress state' }).textContent())?.split(
    ' ',
  )[0]

  // A reload keeps the design and the last report.
  await page.reload()
  await expect(page.getByText('Connected', { exact: true })).toBeVisible()
  const after = await openStressLab(page)
  await expect(after.design.getByLabel('Runs')).toHaveValue('2000')
  await expect(after.design.getByLabel('Wait timeout')).toHaveValue('500')
  await expect(after.lab.getByRole('status', { name: 'Stress state' })).toHaveText(
    new RegExp(`^${stressId} · Done`),
  )
  await expect(
    after.lab.getByRole('region', { name: 'Audit' }).locator('[data-verdict]'),
  ).toHaveAttribute('data-verdict', 'PASS')
  await expect(
    after.lab
      .getByRole('region', { name: 'Totals by outcome' })
      .locator('tr[data-outcome="ConcurrencyError"] .totals-count'),
  ).toHaveText(actual.toLocaleString('en'))
  await page.screenshot({ path: test.info().outputPath('after-reload-1280x800.png') })
})
