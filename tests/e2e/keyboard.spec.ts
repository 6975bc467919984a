import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { editorLines } from './monaco'
import { openPlayground, regions, setScript } from './playground'

/**
 * The keyboard: Ctrl+Enter and F5 do the action of the view on screen, Tab
 * in the editors can be made to move the focus (Ctrl+M, shown on its
 * toggle), and closing a dialog gives the focus back to what opened it.
 */

const views = (page: Page) => page.getByRole('navigation', { name: 'Views' })
const fileButton = (page: Page) => page.getByRole('button', { name: /^File / })

/** A playground script that says so if anything runs it. */
const PLAYGROUND_SCRIPT = ["console.log('the playground script ran')", "return 'playground'"]

/** The playground had no run: its console and result are as a fresh page leaves them. */
async function expectPlaygroundNeverRan(page: Page) {
  await views(page).getByRole('button', { name: 'Playground' }).click()
  const { console: consoleRegion, editor } = regions(page)
  await expect(editorLines(editor).first()).toContainText('the playground script ran')
  await expect(consoleRegion.locator('.console-run')).toHaveCount(0)
  await expect(consoleRegion).not.toContainText('the playground script ran')
}

/** Whether the element with the focus is inside `locator`. */
function hasFocusWithin(locator: Locator) {
  return locator.evaluate((element) => element.contains(document.activeElement))
}

test('Ctrl+Enter and F5 in the Lessons view run the lesson on screen, not the hidden playground script', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  await setScript(page, PLAYGROUND_SCRIPT)

  await views(page).getByRole('button', { name: 'Lessons' }).click()
  const list = page.getByRole('navigation', { name: 'Lesson list' })
  const title = 'The infinite loop and the interrupt'
  await list.getByRole('button', { name: title }).click()
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible()
  const verdict = page.getByRole('status', { name: 'Verdict' })
  const outcome = page.getByRole('region', { name: 'Outcome' })

  await page.getByRole('heading', { level: 2, name: title }).click()
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(verdict).toContainText('Expectation met', { timeout: 15_000 })
  await expect(outcome).toContainText('TimeoutError (interrupt)')
  const runId = page.locator('.lesson-run-id')
  const firstRunId = await runId.innerText()
  expect(firstRunId).toMatch(/^run-/)

  // F5 runs it again (and does not reload the page): a new run on the card.
  await page.keyboard.press('F5')
  await expect(runId).not.toHaveText(firstRunId, { timeout: 15_000 })
  await expect(runId).toHaveText(/^run-/)
  await expect(verdict).toContainText('Expectation met', { timeout: 15_000 })
  await expect(page.getByText('Connected', { exact: true })).toBeVisible()

  await expectPlaygroundNeverRan(page)
})

test('Ctrl+Enter in the Stress lab starts the stress, not the hidden playground script', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  await setScript(page, PLAYGROUND_SCRIPT)

  await views(page).getByRole('button', { name: 'Stress lab' }).click()
  const lab = page.getByRole('main', { name: 'Stress lab' })
  const design = lab.getByRole('region', { name: 'Design' })
  await design.getByLabel('Runs').fill('40')
  await design.getByRole('radio', { name: 'Fixed rate' }).click()
  await design.getByLabel('Rate').fill('200')
  await lab.getByRole('heading').first().click()

  await page.keyboard.press('ControlOrMeta+Enter')
  const state = lab.getByRole('status', { name: 'Stress state' })
  await expect(state).toHaveText(/Running|Done/, { timeout: 30_000 })
  await expect(state).toHaveText(/Done/, { timeout: 60_000 })
  await expect(
    lab.getByRole('region', { name: 'Audit' }).locator('[data-verdict]'),
  ).toHaveAttribute('data-verdict', 'PASS')

  await expectPlaygroundNeverRan(page)
})

test('Ctrl+M or the toggle makes Tab move the focus out of the editor, and the toggle shows it', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  const { editor } = regions(page)
  const toggle = page.getByRole('button', { name: 'Tab moves focus' })
  await expect(toggle).toHaveAttribute('aria-pressed', 'false')
  await expect(toggle).toContainText('off')

  // Off: Tab indents, and the focus stays in the editor.
  await setScript(page, ['x'])
  await page.keyboard.press('Home')
  await page.keyboard.press('Tab')
  await expect(editorLines(editor).first()).toHaveText(/^\s+x$/)
  expect(await hasFocusWithin(editor)).toBe(true)

  // Ctrl+M in the editor turns it on; the toggle says so.
  await page.keyboard.press('Control+M')
  await expect(toggle).toHaveAttribute('aria-pressed', 'true')
  await expect(toggle).toContainText('on')
  await page.keyboard.press('Home')
  await page.keyboard.press('Tab')
  await expect.poll(() => hasFocusWithin(editor)).toBe(false)
  await expect(editorLines(editor).first()).toHaveText(/^\s+x$/)
  // The focus went on to a real control after the editor, not to the page itself.
  expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true)

  // Shift+Tab comes back into the editor, which still does not keep Tab.
  await page.keyboard.press('Shift+Tab')
  await expect.poll(() => hasFocusWithin(editor)).toBe(true)
  await page.keyboard.press('Tab')
  await expect.poll(() => hasFocusWithin(editor)).toBe(false)

  // The toggle turns it off again: Tab indents once more.
  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-pressed', 'false')
  await expect(toggle).toContainText('off')
  await editor.locator('.view-lines').click()
  await page.keyboard.press('Home')
  await page.keyboard.press('Tab')
  expect(await hasFocusWithin(editor)).toBe(true)
  await expect(editorLines(editor).first()).toHaveText(/^\s{3,}x$/)
})

test('closing Settings or the Open picker gives the focus back to the control that opened it', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)

  const settingsButton = page.getByRole('button', { name: 'Settings', exact: true })
  const settings = page.getByRole('dialog', { name: 'Gate settings' })
  for (const close of ['Escape', 'Cancel'] as const) {
    await settingsButton.click()
    await expect(settings).toBeVisible()
    if (close === 'Escape') await page.keyboard.press('Escape')
    else await settings.getByRole('button', { name: 'Cancel' }).click()
    await expect(settings).toBeHidden()
    await expect(settingsButton).toBeFocused()
  }

  const picker = page.getByRole('dialog', { name: 'Open a script' })
  for (const close of ['Escape', 'Cancel'] as const) {
    await fileButton(page).click()
    await page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: /^Open/ }).click()
    await expect(picker).toBeVisible()
    if (close === 'Escape') await page.keyboard.press('Escape')
    else await picker.getByRole('button', { name: 'Cancel' }).click()
    await expect(picker).toBeHidden()
    await expect(fileButton(page)).toBeFocused()
  }

  // Opened from the editor with Ctrl+O: the focus goes back into the editor.
  const { editor } = regions(page)
  await editor.locator('.view-lines').click()
  await page.keyboard.press('ControlOrMeta+O')
  await expect(picker).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(picker).toBeHidden()
  await expect.poll(() => hasFocusWithin(editor)).toBe(true)
})
