import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { editorLines } from './monaco'
import { loadExample, openPlayground, regions, runButton, setScript } from './playground'

const tabStrip = (page: Page) => page.getByRole('tablist', { name: 'Open scripts' })

test('an example opens in a new tab, never over the script; each tab keeps its own run', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  const { editor, result } = regions(page)
  await setScript(page, ['return "mine"'])
  await runButton(page).click()
  await expect(result.getByRole('list', { name: 'Result value' })).toContainText('"mine"')

  await loadExample(page, /Hold a permit/)
  const tabs = tabStrip(page).getByRole('tab')
  await expect(tabs).toHaveCount(2)
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true')
  await expect(tabs.nth(1)).toHaveAccessibleName(/^hold-a-permit.*\.js$/)
  // The example's tab is clean: nothing of yours to lose; its result is its own (none yet).
  await expect(result.getByRole('list', { name: 'Result value' })).toBeHidden()

  // Back to the first tab: the script and its last result, as they were.
  await tabs.first().click()
  await expect(editorLines(editor)).toHaveText(['return "mine"'])
  await expect(result.getByRole('list', { name: 'Result value' })).toContainText('"mine"')
  await expect(tabs.first()).toHaveAccessibleName('untitled.js, unsaved changes')
  await page.screenshot({ path: 'test-results/tabs-1280x800.png' })
})

test('closing a dirty tab asks in a dialog, by keyboard, and gives the focus back', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  await setScript(page, ['return "unsaved"'])
  await page.getByRole('button', { name: 'New tab' }).click()
  const tabs = tabStrip(page).getByRole('tab')
  await expect(tabs).toHaveCount(2)
  await expect(tabs.nth(1)).toBeFocused()
  // The arrow keys move between tabs and bring them to the front.
  await page.keyboard.press('ArrowLeft')
  await expect(tabs.first()).toBeFocused()
  await expect(editorLines(regions(page).editor)).toHaveText(['return "unsaved"'])

  await page.keyboard.press('Delete')
  const question = page.getByRole('alertdialog', { name: 'Save changes to untitled.js?' })
  await expect(question).toBeVisible()
  await expect(question.getByRole('button', { name: 'Save', exact: true })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(question).toBeHidden()
  await expect(tabs).toHaveCount(2)
  await expect(tabs.first()).toBeFocused()

  await page.keyboard.press('Delete')
  await question.getByRole('button', { name: 'Don’t save' }).focus()
  await page.keyboard.press('Enter')
  await expect(question).toBeHidden()
  await expect(tabs).toHaveCount(1)
  await expect(tabs.first()).toHaveAccessibleName('untitled-2.js')
  await expect(tabs.first()).toBeFocused()
  await expect(editorLines(regions(page).editor)).toHaveText([''])
})

test('a lesson opens in the playground as a tab of its own', async ({ page, server }) => {
  await openPlayground(page, server.url)
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Lessons' })
    .click()
  await page.getByRole('button', { name: 'Open in playground' }).click()
  const tabs = tabStrip(page).getByRole('tab')
  await expect(tabs).toHaveCount(2)
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true')
  await expect(tabs.nth(1)).toHaveAccessibleName(/^\d\d-.*\.js$/)
  await expect(editorLines(regions(page).editor).first()).toContainText('// title:')
})
