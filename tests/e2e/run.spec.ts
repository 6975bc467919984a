import { expect, test } from './fixtures'
import { editorLines } from './monaco'
import {
  loadExample,
  openPlayground,
  regions,
  runButton,
  setInput,
  setScript,
  stopButton,
} from './playground'

test('runs a script typed into Monaco and shows its value, console, route, timing and gate', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  const { editor, result, console: consoleRegion, gate } = regions(page)

  await setScript(page, [
    'console.log("hello from the sandbox")',
    'return { sum: input.a + input.b }',
  ])
  // Exactly what was typed: no auto-closed quote or bracket slipped in.
  await expect(editorLines(editor)).toHaveText([
    'console.log("hello from the sandbox")',
    'return { sum: input.a + input.b }',
  ])
  await setInput(page, ['{"a": 2, "b": 40}'])
  await runButton(page).click()

  const tree = result.getByRole('list', { name: 'Result value' })
  await expect(tree).toContainText('sum')
  await expect(tree).toContainText('42')
  await expect(tree).toContainText('number')
  await expect(result).toContainText(/route\s*pool/)
  await expect(result).toContainText(/why pool\s*synchronous code/)
  await expect(result).toContainText(/total\s*[\d.]+ m?s/)
  await expect(consoleRegion).toContainText('hello from the sandbox')
  await expect(consoleRegion.getByRole('list', { name: 'Console lines' })).toContainText(
    /\d\d:\d\d:\d\d\.\d{3}\s*log/,
  )
  await expect(gate).toContainText(/0\s*\/\s*\d+\s*held/)
  await expect(
    gate.getByRole('list', { name: 'Lanes' }).getByRole('listitem').first(),
  ).toBeVisible()
  await expect(gate.getByRole('list', { name: 'Event log' })).toContainText(/ok in/)
  await expect(runButton(page)).toBeEnabled()
})

test('Ctrl+Enter in the editor and F5 anywhere run the script', async ({ page, server }) => {
  await openPlayground(page, server.url)
  const { editor, result } = regions(page)

  await setScript(page, ['return [1, 2, 3].map((n) => n * 2)'])
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(result.getByRole('list', { name: 'Result value' })).toContainText('Array(3)')
  // The shortcut ran the script instead of inserting a line.
  await expect(editorLines(editor)).toHaveCount(1)

  await result.getByRole('button', { name: 'JSON', exact: true }).click()
  await expect(result.locator('pre')).toHaveText(/\[\s*2,\s*4,\s*6\s*\]/)

  await page.getByRole('heading', { name: 'Console' }).click()
  await page.keyboard.press('F5')
  // F5 ran a second time instead of reloading the page: two runs in the console.
  await expect(regions(page).console.locator('.console-run')).toHaveCount(2)
  await expect(page.getByText('Connected', { exact: true })).toBeVisible()
})

test('a script error shows type, name, message and line; clicking the line moves the cursor there', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  const { editor, result } = regions(page)

  await setScript(page, ['const x = 1', 'const y = 2', 'throw new TypeError("boom")'])
  await runButton(page).click()

  await expect(result).toContainText('ScriptError')
  await expect(result).toContainText('TypeError')
  await expect(result).toContainText('boom')
  const location = result.getByRole('button', { name: /^Go to line 3, column \d+ in the editor$/ })
  await expect(location).toBeVisible()
  const column = Number(/column (\d+)/.exec((await location.getAttribute('aria-label')) ?? '')?.[1])

  // Put the cursor elsewhere first, so the move is the click's doing.
  await editor.locator('.view-line').first().click()
  await expect(editor.getByLabel('Cursor position')).toHaveText(/^Ln 1,/)
  await location.click()
  await expect(editor.getByLabel('Cursor position')).toHaveText(`Ln 3, Col ${column}`)
  await expect(editor.locator('.monaco-editor')).toHaveClass(/focused/)
})

test('Stop cancels a running infinite loop', async ({ page, server }) => {
  await openPlayground(page, server.url)
  const { result } = regions(page)

  await setScript(page, ['while (true) {}'])
  await runButton(page).click()
  await expect(result).toContainText(/Running on lane \d/)
  await expect(stopButton(page)).toBeEnabled()
  await stopButton(page).click()

  await expect(result).toContainText('CancelledError')
  await expect(stopButton(page)).toBeDisabled()
  await expect(runButton(page)).toBeEnabled()
})

test('invalid input JSON disables Run and says why', async ({ page, server }) => {
  await openPlayground(page, server.url)
  const { input } = regions(page)

  await setInput(page, ['{"a": 2,'])
  await expect(runButton(page)).toBeDisabled()
  await expect(input).toContainText('Input is not valid JSON')
  await expect(input.getByRole('textbox', { name: 'Input JSON' })).toHaveAttribute(
    'aria-invalid',
    'true',
  )

  await setInput(page, ['{"a": 2}'])
  await expect(runButton(page)).toBeEnabled()
  await expect(input).not.toContainText('not valid JSON')
})

test('examples load into the editor; TypeScript runs; special values show as what they are', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  const { editor, result } = regions(page)

  await loadExample(page, /^TypeScript/)
  await expect(page.getByRole('radio', { name: 'TypeScript' })).toBeChecked()
  await expect(editor).toContainText('interface Order')
  await runButton(page).click()
  await expect(result.getByRole('list', { name: 'Result value' })).toContainText('Array(2)')
  await expect(result).toContainText(/route\s*pool/)

  await loadExample(page, /^Special values/)
  await expect(page.getByRole('radio', { name: 'JavaScript' })).toBeChecked()
  await runButton(page).click()
  const tree = result.getByRole('list', { name: 'Result value' })
  await expect(tree).toContainText('1180591620717411303424n')
  await expect(tree).toContainText('bigint')
  await expect(tree).toContainText('[Circular]')
  await expect(tree).toContainText('ƒ greet()')
  await expect(tree).toContainText('Map(2)')
  await expect(tree).toContainText('Set(2)')
  await expect(tree).toContainText('RangeError: out of range')
  await expect(tree.locator('.json-row', { hasText: 'nothing' })).toContainText('undefined')

  // Containers fold.
  const lookup = tree.getByRole('button', { name: /^lookup:/ })
  await expect(lookup).toHaveAttribute('aria-expanded', 'true')
  await lookup.click()
  await expect(lookup).toHaveAttribute('aria-expanded', 'false')
})

test('the console filters by text and level, counts lines, and clears', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  const consoleRegion = regions(page).console
  await loadExample(page, /^Console output/)
  await runButton(page).click()
  const lines = consoleRegion.getByRole('list', { name: 'Console lines' })
  await expect(lines).toContainText('line 5 of 5')
  await expect(consoleRegion).toContainText('10 lines')

  await consoleRegion.getByRole('button', { name: /^log/ }).click()
  await expect(lines).not.toContainText('line 5 of 5')
  await expect(lines).toContainText('warn: something looks odd')
  await consoleRegion.getByRole('button', { name: /^log/ }).click()

  await consoleRegion.getByRole('searchbox', { name: 'Filter console lines' }).fill('ODD')
  await expect(lines).toContainText('something looks odd')
  await expect(lines).not.toContainText('line 1 of 5')
  await expect(consoleRegion).toContainText('1 of 10 lines')

  await consoleRegion.getByRole('button', { name: 'Clear console' }).click()
  await expect(consoleRegion).toContainText('0 lines')

  // Past the sandbox's console budget, lines are dropped and counted.
  await consoleRegion.getByRole('searchbox', { name: 'Filter console lines' }).fill('')
  await setScript(page, ['for (let i = 0; i < 1200; i++) console.log(`line ${i}`)'])
  await runButton(page).click()
  await expect(consoleRegion).toContainText('200 dropped')
  await expect(consoleRegion).toContainText('1000 lines')
})

test("the editor knows the sandbox's globals: completion and hover, and nothing of the DOM", async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  const { editor } = regions(page)
  await setScript(page, ['input', ''])
  await page.keyboard.press('ControlOrMeta+End')
  await page.keyboard.type('console.')
  const suggestions = page.locator('.suggest-widget .monaco-list-row')
  await expect(suggestions.filter({ hasText: /^warn/ })).toBeVisible({ timeout: 20_000 })
  await expect(suggestions.filter({ hasText: /^debug/ })).toBeVisible()
  await page.keyboard.press('Escape')

  await editor.locator('.view-line').first().getByText('input').hover()
  await expect(page.locator('.monaco-hover').first()).toContainText("The run's input", {
    timeout: 20_000,
  })

  // document is not a sandbox global: the editor flags it.
  await setScript(page, ['document.title'])
  await expect(editor.locator('.squiggly-error')).toHaveCount(1, { timeout: 20_000 })
})
