import { expect, test } from './fixtures'
import {
  applySettings,
  gateSection,
  loadExample,
  openPlayground,
  regions,
  runButton,
  setScript,
  stopButton,
} from './playground'

// Long enough that the window shows the held permit and the waiter even when
// a busy two-core machine delays its rendering by a second or two.
const SLOW_SCRIPT = ['await new Promise((r) => setTimeout(r, 4000))', "return 'done'"]

test('a run queued behind a held permit shows as waiting, then running, then both finish', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  const { result, gate } = regions(page)
  await applySettings(page, { Permits: 1 })
  await expect(gateSection(page, 'Permits')).toContainText(/0\s*\/\s*1\s*held/)

  await setScript(page, SLOW_SCRIPT)
  await runButton(page).click()
  const slots = gateSection(page, 'Permits').getByRole('list', { name: 'Permit slots' })
  await expect(slots.getByRole('listitem')).toHaveCount(1)
  await expect(slots).toContainText(/run-\w+-\d+/)
  await expect(gateSection(page, 'Permits')).toContainText(/1\s*\/\s*1\s*held/)

  await runButton(page).click()
  const waiters = gateSection(page, 'Waiting').getByRole('list', { name: 'Waiters' })
  await expect(waiters.getByRole('listitem')).toHaveCount(1)
  await expect(waiters).toContainText(/waited [\d.]+ m?s/)
  await expect(waiters).toContainText(/gives up in [\d.]+ m?s/)
  await expect(result).toContainText('Waiting for a permit')
  await expect(result).toContainText('1st of 1 in line')

  // The first run lets go of its permit: the second is admitted and runs.
  await expect(result).toContainText(/Running on lane \d/, { timeout: 10_000 })
  await expect(gateSection(page, 'Waiting')).toContainText('No run is waiting')
  await expect(result.getByRole('list', { name: 'Result value' })).toContainText('"done"')
  await expect(stopButton(page)).toBeDisabled()
  await expect(regions(page).console.locator('.console-run', { hasText: 'ok' })).toHaveCount(2)
  await expect(gate.getByRole('list', { name: 'Event log' })).toContainText(
    /waits for a permit \(position 1\)/,
  )
  await expect(gateSection(page, 'Permits')).toContainText(/0\s*\/\s*1\s*held/)
})

test('a wait that outlasts waitTimeoutMs ends as ConcurrencyError', async ({ page, server }) => {
  await openPlayground(page, server.url)
  const { result } = regions(page)
  await applySettings(page, { Permits: 1, 'Wait timeout': 300 })

  await setScript(page, SLOW_SCRIPT)
  await runButton(page).click()
  await expect(gateSection(page, 'Permits')).toContainText(/1\s*\/\s*1\s*held/)
  await runButton(page).click()

  await expect(result).toContainText('ConcurrencyError', { timeout: 5000 })
  await expect(result).toContainText(/wait timeout/i)
  const events = gateSection(page, 'Events')
  await events.getByRole('button', { name: /^Rejections/ }).click()
  await expect(events.getByRole('list', { name: 'Event log' })).toContainText('ConcurrencyError')
  // The first run still finishes normally.
  await expect(stopButton(page)).toBeDisabled({ timeout: 10_000 })
})

test('settings changed in the dialog take effect: permits and the run timeout', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  const { result } = regions(page)
  await applySettings(page, { Permits: 2, 'Run timeout': 250 })

  const permits = gateSection(page, 'Permits')
  await expect(permits).toContainText(/0\s*\/\s*2\s*held/)
  await expect(
    permits.getByRole('list', { name: 'Permit slots' }).getByRole('listitem'),
  ).toHaveCount(2)
  await expect(page.getByRole('button', { name: /^Limits 250 ms/ })).toBeVisible()

  // The new run timeout applies to the next run.
  await setScript(page, ['while (true) {}'])
  await runButton(page).click()
  await expect(result).toContainText('TimeoutError')
  await expect(result).toContainText(/cause\s*interrupt/)
  // The limit it names is the new setting (the time itself depends on the machine's load).
  await expect(result).toContainText('exceeded its 250 ms limit')

  // The dialog shows what the core now has.
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Gate settings' })
  await expect(dialog.getByLabel('Permits')).toHaveValue('2')
  await expect(dialog.getByLabel('Run timeout')).toHaveValue('250')
  await dialog.getByLabel('Permits').fill('0')
  await dialog.getByRole('button', { name: 'Apply' }).click()
  await expect(dialog).toContainText('Permits must be from 1 to 256')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
})

test('a lane stuck in a built-in: the watchdog replaces it, a toast says so, its event shows what was released and replaced', async ({
  page,
  server,
}) => {
  test.slow()
  await openPlayground(page, server.url)
  const { result } = regions(page)

  await loadExample(page, /^Stuck in a built-in/)
  await expect(page.getByRole('button', { name: /^Limits 300 ms/ })).toBeVisible()

  await runButton(page).click()
  await expect(result).toContainText('TimeoutError', { timeout: 15_000 })
  await expect(result).toContainText(/cause\s*watchdog/)

  const toast = page.getByRole('region', { name: 'Notifications' }).getByRole('button', {
    name: /^Run timed out \(watchdog\)/,
  })
  await expect(toast).toBeVisible()
  await toast.click()

  const events = gateSection(page, 'Events')
  await expect(events.getByRole('button', { name: /^Timeouts/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  const details = events.getByRole('region', { name: 'Event details' })
  await expect(details).toContainText(/Released\s*the permit held by run-\w+-\d+ for [\d.]+ m?s/)
  await expect(details).toContainText(/Replaced\s*lane \d+: thread replaced: watchdog/)
  await expect(details).toContainText(/TimeoutError \(watchdog\)/)

  // A timeout is not a panic, even when the watchdog replaced the lane: the lane event is in All.
  await events.getByRole('button', { name: /^Panics/ }).click()
  const log = events.getByRole('list', { name: 'Event log' })
  await expect(events.getByRole('button', { name: /^Panics/ })).toHaveAccessibleName(/Panics\s*0/)
  await events.getByRole('button', { name: /^All/ }).click()
  await expect(
    log.getByRole('button', { name: /lane \d+ thread replaced: watchdog/ }),
  ).toBeVisible()

  // Capacity comes back: the next run succeeds.
  await setScript(page, ['return 1 + 1'])
  await runButton(page).click()
  await expect(result.getByRole('list', { name: 'Result value' })).toContainText('2')
  await expect(stopButton(page)).toBeDisabled()
})
