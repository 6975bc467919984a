import type { Page } from '@playwright/test'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './fixtures'
import { editorLines } from './monaco'
import { openPlayground, regions, runButton, setInput, setScript } from './playground'

const fileButton = (page: Page) => page.getByRole('button', { name: /^File / })

async function fileCommand(page: Page, name: string | RegExp) {
  await fileButton(page).click()
  await page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name }).click()
}

/** Sets one of the run's limits through the toolbar's Limits popover. */
async function setLimit(page: Page, label: string, value: string) {
  await page.getByRole('button', { name: /^Limits / }).click()
  const panel = page.getByRole('dialog', { name: 'Run limits' })
  await panel.getByLabel(label).fill(value)
  await panel.getByRole('button', { name: 'Done' }).click()
}

test('New, Save As into the workspace, reopen: content, input and limits come back', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  const { editor, input, result } = regions(page)
  await expect(fileButton(page)).toHaveAccessibleName('File untitled.js')
  await expect(page).toHaveTitle('untitled.js — Gatehouse')

  await fileCommand(page, 'New')
  await expect(editorLines(editor)).toHaveText([''])
  await setScript(page, ['return { doubled: input.n * 2 }'])
  await setInput(page, ['{ "n": 21 }'])
  await setLimit(page, 'Run timeout (ms)', '1234')
  // The unsaved-changes marker, in the toolbar and the window's title.
  // New opened a tab of its own beside the first one.
  await expect(fileButton(page)).toHaveAccessibleName('File untitled-2.js, unsaved changes')
  await expect(fileButton(page)).toContainText('●')
  await expect(page).toHaveTitle('● untitled-2.js — Gatehouse')

  await page.keyboard.press('ControlOrMeta+Shift+S')
  const picker = page.getByRole('dialog', { name: 'Save the script as' })
  await expect(picker).toBeVisible()
  await picker.getByLabel('Name').fill('doubler')
  await picker.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(picker).toBeHidden()
  await expect(fileButton(page)).toHaveAccessibleName('File doubler.js')
  await expect(page).toHaveTitle('doubler.js — Gatehouse')

  // A new script, then the saved one back from the picker.
  await fileCommand(page, 'New')
  await expect(editorLines(editor)).toHaveText([''])
  await expect(page.getByRole('button', { name: /^Limits / })).not.toContainText('1.234 s')
  await fileCommand(page, 'Open…')
  const open = page.getByRole('dialog', { name: 'Open a script' })
  await open.getByPlaceholder('Filter scripts').fill('doub')
  await open.getByRole('button', { name: /^doubler\.js/ }).click()
  await open.getByRole('button', { name: 'Open', exact: true }).click()
  await expect(open).toBeHidden()
  await expect(editorLines(editor)).toHaveText(['return { doubled: input.n * 2 }'])
  await expect(input.locator('.monaco-editor .view-lines')).toContainText('"n": 21')
  await expect(page.getByRole('button', { name: /^Limits / })).toContainText('1.234 s')
  await expect(fileButton(page)).toHaveAccessibleName('File doubler.js')

  // The recent files remember it.
  await fileButton(page).click()
  await expect(
    page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: /doubler\.js/ }),
  ).toBeVisible()
  await page.keyboard.press('Escape')

  await runButton(page).click()
  await expect(result.getByRole('list', { name: 'Result value' })).toContainText('42')
})

test('Save As refuses a path out of the workspace and asks before replacing a file', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  await setScript(page, ['return 1'])
  await fileCommand(page, 'Save As…')
  const picker = page.getByRole('dialog', { name: 'Save the script as' })
  await picker.getByLabel('Name').fill('../x.js')
  await picker.getByRole('button', { name: 'Save', exact: true }).click()
  const error = picker.getByRole('alert')
  await expect(error).toContainText('PathError')
  await expect(error).toContainText('../x.js: paths may not contain ".." segments')
  await expect(picker.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true')

  await picker.getByLabel('Name').fill('once.js')
  await picker.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(picker).toBeHidden()
  await expect(fileButton(page)).toHaveAccessibleName('File once.js')

  await setScript(page, ['return 2'])
  await fileCommand(page, 'Save As…')
  await picker.getByLabel('Name').fill('once.js')
  await picker.getByRole('button', { name: 'Save', exact: true }).click()
  const replace = page.getByRole('alertdialog', { name: 'Replace once.js?' })
  await expect(replace).toBeVisible()
  await replace.getByRole('button', { name: 'Replace' }).click()
  await expect(picker).toBeHidden()
  await expect(fileButton(page)).toHaveAccessibleName('File once.js')

  // A name with another extension is refused with why, never saved as notes.txt.js;
  // the error goes as soon as the name is a script's.
  await fileCommand(page, 'Save As…')
  await picker.getByLabel('Name').fill('notes.txt')
  await expect(picker.getByRole('alert')).toContainText(
    '"notes.txt" ends in .txt: a script must be a .js or .ts file (for example notes.js or notes.ts)',
  )
  await expect(picker.getByRole('button', { name: 'Save', exact: true })).toBeDisabled()
  await picker.getByLabel('Name').fill('notes')
  await expect(picker.getByRole('alert')).toBeHidden()
  await expect(picker.getByLabel('Name')).toHaveAttribute('aria-invalid', 'false')
  await page.keyboard.press('Escape')
  await expect(picker).toBeHidden()
})

test('the Open picker works by keyboard and gives the focus back', async ({ page, server }) => {
  await openPlayground(page, server.url)
  writeFileSync(join(server.workspace, 'kb-one.js'), 'return "one"')
  writeFileSync(join(server.workspace, 'kb-two.js'), 'return "two"')
  await fileCommand(page, 'Open…')
  const open = page.getByRole('dialog', { name: 'Open a script' })
  await expect(open.getByPlaceholder('Filter scripts')).toBeFocused()
  await page.keyboard.type('kb-')
  await page.keyboard.press('ArrowDown')
  await expect(open.getByRole('button', { name: /^kb-one\.js/ })).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(open.getByRole('button', { name: /^kb-two\.js/ })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(open).toBeHidden()
  await expect(editorLines(regions(page).editor)).toHaveText(['return "two"'])
  await expect(fileButton(page)).toBeFocused()

  // Escape closes it, and the focus goes back to the File button.
  await fileCommand(page, 'Open…')
  await expect(open).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(open).toBeHidden()
  await expect(fileButton(page)).toBeFocused()
})

test('every unsaved tab comes back after a reload, each with its own script', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  await setScript(page, ['return "first tab"'])
  await expect(fileButton(page)).toHaveAttribute('title', /a recovery draft was saved at/)
  await page.getByRole('button', { name: 'New tab' }).click()
  await setScript(page, ['return "second tab"'])
  await expect(fileButton(page)).toHaveAttribute('title', /a recovery draft was saved at/)
  // Leaving a page with unsaved changes asks first: say "leave".
  page.on('dialog', (dialog) => void dialog.accept())
  await page.reload()
  await expect(page.getByRole('status', { name: 'File notice' })).toContainText(
    'Restored 2 unsaved tabs',
  )
  const tabs = page.getByRole('tablist', { name: 'Open scripts' }).getByRole('tab')
  await expect(tabs).toHaveText(['untitled.js●', 'untitled-2.js●'])
  await expect(editorLines(regions(page).editor)).toHaveText(['return "second tab"'])
  await tabs.first().click()
  await expect(editorLines(regions(page).editor)).toHaveText(['return "first tab"'])
  await expect(fileButton(page)).toHaveAccessibleName('File untitled.js, unsaved changes')
})

test('a 100 MB paste is refused with a clear message', async ({ page, server }) => {
  await openPlayground(page, server.url)
  const { editor } = regions(page)
  await editor.locator('.monaco-editor .view-lines').click()
  await page.evaluate(() => {
    const data = new DataTransfer()
    data.setData('text/plain', 'x'.repeat(100 * 1024 * 1024))
    document.activeElement?.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    )
  })
  const notice = page.getByRole('alert', { name: 'File notice' })
  await expect(notice).toContainText('Paste refused')
  await expect(notice).toContainText(
    'The pasted text is 100.0 MiB; a script can be at most 1.0 MiB',
  )
  // The editor kept its script, and the connection is still up.
  await expect(editorLines(editor).first()).toContainText('The script is the body')
  await expect(page.getByText('Connected', { exact: true })).toBeVisible()
  await notice.getByRole('button', { name: 'Dismiss' }).click()
  await expect(notice).toBeHidden()
})
