import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { editorLines, replaceEditorText } from './monaco'

const SCREENSHOT_PATH = resolve(__dirname, '../../docs/screenshot-run.png')

const regions = (page: Page) => ({
  editor: page.getByRole('region', { name: 'Editor' }),
  input: page.getByRole('region', { name: 'Input' }),
  result: page.getByRole('region', { name: 'Result' }),
  console: page.getByRole('region', { name: 'Console' }),
  gate: page.getByRole('region', { name: 'Gate' }),
})

const runButton = (page: Page) => page.getByRole('button', { name: 'Run', exact: true })
const stopButton = (page: Page) => page.getByRole('button', { name: 'Stop', exact: true })

async function openPlayground(page: Page, url: string) {
  await page.goto(url)
  const { editor } = regions(page)
  await expect(editor.locator('.monaco-editor .view-lines')).toBeVisible()
  await expect(page.getByText('Connected', { exact: true })).toBeVisible()
}

test('runs a script typed into Monaco and shows its value, console and gate', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  const { editor, input, result, console: consoleRegion, gate } = regions(page)

  await replaceEditorText(page, editor, [
    'console.log("hello from the sandbox")',
    'return input.a + input.b',
  ])
  // Exactly what was typed: no auto-closed quote or bracket slipped in.
  await expect(editorLines(editor)).toHaveText([
    'console.log("hello from the sandbox")',
    'return input.a + input.b',
  ])

  await input.getByRole('textbox', { name: 'Input JSON' }).fill('{"a": 2, "b": 40}')
  await runButton(page).click()

  await expect(result.getByText('42', { exact: true })).toBeVisible()
  await expect(result).toContainText(/route\s*(pool|loop)/)
  await expect(result).toContainText(/total\s*[\d.]+ m?s/)
  await expect(consoleRegion).toContainText('hello from the sandbox')
  await expect(consoleRegion.getByText('log', { exact: true })).toBeVisible()
  await expect(gate).toContainText(/Permits in use\s*0 \/ \d+/)
  await expect(
    gate.getByRole('list', { name: 'Lanes' }).getByRole('listitem').first(),
  ).toBeVisible()
  await expect(runButton(page)).toBeEnabled()

  await page.mouse.move(0, 0)
  await page.screenshot({ path: SCREENSHOT_PATH })
})

test('Ctrl+Enter in the editor runs the script', async ({ page, server }) => {
  await openPlayground(page, server.url)
  const { editor, result } = regions(page)

  await replaceEditorText(page, editor, ['return [1, 2, 3].map((n) => n * 2)'])
  await page.keyboard.press('ControlOrMeta+Enter')

  await expect(result.locator('pre')).toHaveText(/\[\s*2,\s*4,\s*6\s*\]/)
  // The shortcut ran the script instead of inserting a line.
  await expect(editorLines(editor)).toHaveCount(1)
})

test('a script error shows its type, name, message and line', async ({ page, server }) => {
  await openPlayground(page, server.url)
  const { editor, result } = regions(page)

  await replaceEditorText(page, editor, ['const x = 1', 'throw new TypeError("boom")'])
  await runButton(page).click()

  await expect(result).toContainText('ScriptError')
  await expect(result).toContainText('TypeError')
  await expect(result).toContainText('boom')
  await expect(result).toContainText(/line 2/)
})

test('Stop cancels a running script', async ({ page, server }) => {
  await openPlayground(page, server.url)
  const { editor, result } = regions(page)

  await replaceEditorText(page, editor, ['while (true) {}'])
  await runButton(page).click()
  await expect(stopButton(page)).toBeEnabled()
  await stopButton(page).click()

  await expect(result).toContainText('CancelledError')
  await expect(stopButton(page)).toBeDisabled()
  await expect(runButton(page)).toBeEnabled()
})

test('invalid input JSON disables Run and says why', async ({ page, server }) => {
  await openPlayground(page, server.url)
  const { input } = regions(page)
  const field = input.getByRole('textbox', { name: 'Input JSON' })

  await field.fill('{"a": 2,')
  await expect(runButton(page)).toBeDisabled()
  await expect(input).toContainText('Input is not valid JSON')
  await expect(field).toHaveAttribute('aria-invalid', 'true')

  await field.fill('{"a": 2}')
  await expect(runButton(page)).toBeEnabled()
  await expect(input).not.toContainText('not valid JSON')
})
