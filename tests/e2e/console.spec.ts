import { expect, test } from './fixtures'
import { openPlayground, regions, runButton, setScript, stopButton } from './playground'

test('console lines appear while the run runs; an Error logged shows as a tree with its stack line by line', async ({
  page,
  server,
  gateApi,
}, testInfo) => {
  // Room for a busy machine: the run ticks until it is stopped (the fixture puts the setting back).
  await gateApi.updateSettings({ runTimeoutMs: 60_000 })
  await openPlayground(page, server.url)
  const { console: consoleRegion, result } = regions(page)
  await setScript(page, [
    'function fail() { return new Error("boom") }',
    'console.error("failed:", fail())',
    'console.log("user", { name: "Ada", tags: new Set(["a", "b"]) })',
    'for (let i = 1; i <= 100; i++) {',
    '  console.log(`tick ${i}`)',
    '  await new Promise((r) => setTimeout(r, 400))',
    '}',
  ])
  await runButton(page).click()

  const lines = consoleRegion.getByRole('list', { name: 'Console lines' })
  // Lines are shown while the run is still running: its header says so, the Result has no outcome.
  await expect(lines).toContainText('tick 2')
  await expect(lines.getByText('running…')).toBeVisible()
  await expect(result.getByRole('list', { name: 'Result value' })).toHaveCount(0)
  await expect(stopButton(page)).toBeEnabled()

  // The error is a tree, not its encoding; its stack keeps its line breaks.
  const error = lines.getByRole('list', { name: 'Logged value' }).first()
  await expect(error).toContainText('Error: boom')
  await expect(lines).not.toContainText('[Error]')
  const stack = error.locator('.json-stack')
  await expect(stack).toContainText('at fail')
  const stackLines = (await stack.innerText()).split('\n')
  expect(stackLines.length).toBeGreaterThanOrEqual(2)
  expect(stackLines[0]).toMatch(/^at fail \(script\.js:1/)
  expect(stackLines[1]).toContain('script.js:2')
  // Objects and Sets are trees too.
  await expect(lines).toContainText('Ada')
  await expect(lines).toContainText('Set(2)')
  // Scrolled up, the console stays put while lines keep coming.
  await consoleRegion.locator('.console-scroller').evaluate((element) => (element.scrollTop = 0))
  await page.screenshot({ path: testInfo.outputPath('console-live.png') })
  await error.screenshot({ path: testInfo.outputPath('console-error-tree.png') })

  // Stopped, its outcome confirms the lines: each shown once, under a header that says how it ended.
  await expect(lines).toContainText('tick 3')
  await stopButton(page).click()
  await expect(lines.getByText('CancelledError')).toBeVisible()
  await expect(lines.getByText('running…')).toHaveCount(0)
  await expect(lines.getByText('tick 1', { exact: true })).toHaveCount(1)
  await expect(lines.getByText('tick 3', { exact: true })).toHaveCount(1)
  await expect(lines.getByRole('list', { name: 'Logged value' })).toHaveCount(2)
  await page.screenshot({ path: testInfo.outputPath('console-stopped.png') })
})
