import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { loadExample, openPlayground, regions, runButton, setScript } from './playground'

/**
 * The layout at 1280x800 (the config's viewport): a toast takes its own room
 * instead of covering a control, and the toolbar keeps its two rows when the
 * unsaved dot appears.
 */

interface Box {
  what: string
  x: number
  y: number
  width: number
  height: number
}

/** Every visible control outside the toasts, and every toast, with its box on the page. */
function layoutBoxes(page: Page) {
  return page.evaluate(() => {
    const box = (element: Element, what: string) => {
      const rect = element.getBoundingClientRect()
      return { what, x: rect.x, y: rect.y, width: rect.width, height: rect.height }
    }
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}"`
    const controls = Array.from(
      document.querySelectorAll('button, select, input, textarea, a[href], [role="tab"]'),
    )
      .filter((element) => !element.closest('.toasts'))
      .filter((element) => {
        const rect = element.getBoundingClientRect()
        return rect.width > 1 && rect.height > 1 && element.checkVisibility()
      })
      .map((element) => box(element, describe(element)))
    const toasts = Array.from(document.querySelectorAll('.toast')).map((element) =>
      box(element, describe(element)),
    )
    return { controls, toasts }
  })
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

test('a toast never covers a toolbar control or a banner button', async ({ page, server }) => {
  await openPlayground(page, server.url)
  const toasts = page.getByRole('region', { name: 'Notifications' })

  // A run that times out (its example's own 1 s limit) raises a toast.
  await loadExample(page, /^Infinite loop \(timeout\)/)
  await runButton(page).click()
  const toast = toasts.getByRole('button', { name: /^Run timed out/ })
  await expect(toast).toBeVisible({ timeout: 15_000 })

  // With the toast up, an example that needs other settings shows its banner, buttons and all.
  await loadExample(page, /^A big allocation/)
  const banner = page.locator('.banner').filter({ hasText: 'default 64 MB' })
  await expect(banner.getByRole('button', { name: 'Dismiss' })).toBeVisible()
  await expect(toast).toBeVisible()

  const { controls, toasts: toastBoxes } = await layoutBoxes(page)
  expect(toastBoxes.length).toBeGreaterThan(0)
  // The check can see what it checks: the toolbar's and the banner's buttons are among the controls.
  expect(controls.map((control) => control.what)).toEqual(
    expect.arrayContaining([expect.stringContaining('Dismiss'), expect.stringContaining('Run')]),
  )
  const covered = toastBoxes.flatMap((toastBox) =>
    controls
      .filter((control) => overlaps(toastBox, control))
      .map((control) => `${toastBox.what} covers ${control.what}`),
  )
  expect(covered).toEqual([])
})

test('the toolbar keeps its rows when the unsaved dot appears at 1280 wide', async ({
  page,
  server,
}) => {
  await openPlayground(page, server.url)
  expect(page.viewportSize()?.width).toBe(1280)
  const toolbar = page.locator('header.toolbar')
  const controls = toolbar.locator('button, select, [role="status"]')

  const measure = async () => ({
    height: (await toolbar.boundingBox())?.height,
    boxes: await controls.evaluateAll((elements) =>
      elements.map((element) => {
        const rect = element.getBoundingClientRect()
        const what = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim()
        return { what, x: rect.x, y: rect.y, width: rect.width, height: rect.height }
      }),
    ),
  })
  const clean = await measure()
  await expect(page.locator('.file-dirty')).toHaveCount(0)

  await setScript(page, ['return "an edit makes the file dirty"'])
  await expect(page.locator('.file-dirty')).toBeVisible()
  await expect(page.getByRole('button', { name: /^File .*, unsaved changes$/ })).toBeVisible()
  const dirty = await measure()

  expect(dirty.height).toBe(clean.height)
  // Every control stays on its row (the same top: nothing wrapped), whole on the screen,
  // and clear of the others (nothing was squeezed under its neighbour).
  const tops = (boxes: Box[]) => boxes.map((box) => Math.round(box.y))
  expect(tops(dirty.boxes)).toEqual(tops(clean.boxes))
  const offScreen = dirty.boxes.filter((box) => box.x < 0 || box.x + box.width > 1280)
  expect(offScreen.map((box) => box.what)).toEqual([])
  const crowded = dirty.boxes.flatMap((box, i) =>
    dirty.boxes
      .slice(i + 1)
      .filter((other) => overlaps(box, other))
      .map((other) => `${box.what} / ${other.what}`),
  )
  expect(crowded).toEqual([])
  await expect(regions(page).editor).toBeVisible()
})
