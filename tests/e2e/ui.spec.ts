import { expect, test } from './fixtures'
import { openPlayground, regions, runButton, stopButton } from './playground'

test('every landmark and control a newcomer needs has an accessible name', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  for (const region of Object.values(regions(page))) await expect(region).toBeVisible()
  await expect(runButton(page)).toHaveAttribute('aria-keyshortcuts', /Control\+Enter.*F5/)
  await expect(runButton(page)).toHaveAttribute('title', /F5/)
  await expect(stopButton(page)).toHaveAttribute('aria-keyshortcuts', 'Shift+F5')
  await expect(page.getByRole('button', { name: 'Examples' })).toBeVisible()
  await expect(page.getByRole('group', { name: 'Language' })).toBeVisible()
  await expect(page.getByRole('button', { name: /^Limits / })).toBeVisible()
  await expect(page.getByRole('combobox', { name: 'Theme' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Settings', exact: true })).toBeVisible()
  await expect(page.getByRole('textbox', { name: 'Script editor' })).toBeAttached()
  await expect(page.getByRole('textbox', { name: 'Input JSON' })).toBeAttached()
  await expect(page.getByRole('separator')).toHaveCount(4)

  // Every button on the page has a name.
  const unnamed = await page
    .getByRole('button')
    .evaluateAll((buttons) =>
      buttons
        .filter((b) => !(b.getAttribute('aria-label') || b.textContent?.trim()))
        .map((b) => b.outerHTML),
    )
  expect(unnamed).toEqual([])
})

test('the theme follows the system, can be switched, and is remembered', async ({
  page,
  server,
}) => {
  await page.emulateMedia({ colorScheme: 'light' })
  await openPlayground(page, server.url)
  const html = page.locator('html')
  await expect(html).toHaveAttribute('data-theme', 'light')

  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark')
  await expect(html).toHaveAttribute('data-theme', 'dark')
  await expect(regions(page).editor.locator('.monaco-editor')).toHaveClass(/vs-dark/)

  await page.reload()
  await expect(html).toHaveAttribute('data-theme', 'dark')
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark')
})

test('pane sizes change with the keyboard or a drag and are remembered', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  const splitter = page.getByRole('separator', { name: 'Resize the workspace and the gate' })
  const before = Number(await splitter.getAttribute('aria-valuenow'))
  await splitter.focus()
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('ArrowUp')
  await expect(splitter).toHaveAttribute('aria-valuenow', String(before - 4))

  const columns = page.getByRole('separator', { name: 'Resize the script and the results' })
  const box = await columns.boundingBox()
  if (!box) throw new Error('the splitter has no box')
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x - 200, box.y + box.height / 2, { steps: 4 })
  await page.mouse.up()
  const dragged = Number(await columns.getAttribute('aria-valuenow'))
  expect(dragged).toBeLessThan(45)

  await page.reload()
  await expect(splitter).toHaveAttribute('aria-valuenow', String(before - 4))
  await expect(columns).toHaveAttribute('aria-valuenow', String(dragged))
})

test('the Examples and File menus move with the arrow keys, Home and End, and close on Escape', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  for (const name of ['Examples', /^File/]) {
    const trigger = page.getByRole('button', { name, exact: typeof name === 'string' })
    await trigger.click()
    const menu = page.getByRole('menu')
    const items = menu.getByRole('menuitem')
    await expect(items.first()).toBeFocused()
    await page.keyboard.press('ArrowDown')
    await expect(items.nth(1)).toBeFocused()
    await page.keyboard.press('End')
    await expect(items.last()).toBeFocused()
    await page.keyboard.press('ArrowDown')
    await expect(items.first()).toBeFocused()
    await page.keyboard.press('ArrowUp')
    await expect(items.last()).toBeFocused()
    await page.keyboard.press('Home')
    await expect(items.first()).toBeFocused()
    await page.keyboard.press('Escape')
    await expect(menu).toBeHidden()
    await expect(trigger).toBeFocused()
  }
})
