import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import {
  applySettings,
  gateSection,
  openPlayground,
  regions,
  runButton,
  setScript,
  showGateTab,
} from './playground'

const faults = (page: Page) => regions(page).gate.getByRole('region', { name: 'Faults' })
const faultResult = (page: Page) => faults(page).getByRole('status', { name: 'Fault result' })

test('killing a lane during an infinite loop: PanicError, and the lane comes back', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  const { result } = regions(page)
  // A long deadline: on a busy machine the window may show the lane running a
  // second or two late, and the kill must still land before the interrupt.
  await applySettings(page, { 'Run timeout': 60_000 })
  await showGateTab(page, 'Faults')
  await setScript(page, ['while (true) {}'])
  await runButton(page).click()
  const lanes = gateSection(page, 'Lanes').getByRole('list', { name: 'Lanes' })
  const busy = lanes.getByRole('listitem').filter({ hasText: 'running' })
  await expect(busy).toHaveCount(1)
  const lane = /Lane (\d+)/.exec((await busy.textContent()) ?? '')?.[1]
  if (lane === undefined) throw new Error('no running lane')

  await faults(page).getByLabel('Lane', { exact: true }).selectOption(lane)
  await faults(page)
    .getByRole('button', { name: `Kill lane ${lane}` })
    .click()
  await expect(faultResult(page)).toContainText(`Killed lane ${lane}'s thread`)
  await expect(result).toContainText('PanicError', { timeout: 10_000 })
  await expect(result.getByRole('button', { name: /Fault injection and recovery/ })).toBeVisible()
  // The lane is replaced and idle again; the permit came back.
  await expect(lanes.getByRole('listitem').filter({ hasText: `Lane ${lane}` })).toContainText(
    'idle',
    { timeout: 10_000 },
  )
  await expect(gateSection(page, 'Permits')).toContainText(/0\s*\/\s*\d+\s*held/)
  // A fault the user injected is reported quietly: in the log, with no toast.
  await expect(
    page.getByRole('region', { name: 'Notifications' }).getByRole('listitem'),
  ).toHaveCount(0)
  await showGateTab(page, 'Events')
  await expect(gateSection(page, 'Events').getByRole('list', { name: 'Event log' })).toContainText(
    'PanicError',
  )
  await applySettings(page, { 'Run timeout': 5000 })
})

test('make the next 2 runs throw: two injected errors, then runs are ok again', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  const { result } = regions(page)
  await setScript(page, ['return 7'])
  await showGateTab(page, 'Faults')
  await faults(page).getByLabel('How many runs throw').fill('2')
  await faults(page).getByRole('button', { name: 'Throw next 2 runs' }).click()
  await expect(faultResult(page)).toContainText('The next 2 runs will throw')
  for (let i = 0; i < 2; i++) {
    await runButton(page).click()
    await expect(result).toContainText('Injected fault')
    await expect(result.getByText('ScriptError').first()).toBeVisible()
    await expect(runButton(page)).toBeEnabled()
    await expect(page.getByRole('status', { name: 'Run status' })).toHaveText('Idle')
  }
  await runButton(page).click()
  await expect(result.getByRole('list', { name: 'Result value' })).toContainText('7')
})
