import type { Locator, Page } from '@playwright/test'
import { expect } from './fixtures'
import { replaceEditorText } from './monaco'

/** The landmarks every test finds things in, by role and name. */
export const regions = (page: Page) => ({
  editor: page.getByRole('region', { name: 'Editor', exact: true }),
  input: page.getByRole('region', { name: 'Input', exact: true }),
  result: page.getByRole('region', { name: 'Result', exact: true }),
  console: page.getByRole('region', { name: 'Console', exact: true }),
  gate: page.getByRole('region', { name: 'Gate', exact: true }),
})

export const runButton = (page: Page) => page.getByRole('button', { name: 'Run', exact: true })
export const stopButton = (page: Page) => page.getByRole('button', { name: 'Stop', exact: true })

/** Opens the playground and waits until the editor is up, the core connected and the settings read. */
export async function openPlayground(page: Page, url: string) {
  await page.goto(url)
  await expect(regions(page).editor.locator('.monaco-editor .view-lines')).toBeVisible()
  await expect(page.getByText('Connected', { exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: /^Limits \d/ })).toBeVisible()
}

export async function setScript(page: Page, lines: string[]) {
  await replaceEditorText(page, regions(page).editor, lines)
}

export async function setInput(page: Page, lines: string[]) {
  await replaceEditorText(page, regions(page).input, lines)
}

export async function loadExample(page: Page, title: string | RegExp) {
  await page.getByRole('button', { name: 'Examples' }).click()
  await page.getByRole('menuitem', { name: title }).click()
}

/** Changes gate settings through the Settings dialog and waits for it to close. */
export async function applySettings(page: Page, values: Record<string, number>) {
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Gate settings' })
  await expect(dialog).toBeVisible()
  for (const [label, value] of Object.entries(values)) {
    await dialog.getByLabel(label).fill(String(value))
  }
  await dialog.getByRole('button', { name: 'Apply' }).click()
  await expect(dialog).toBeHidden({ timeout: 30_000 })
}

/** The Gate's section (Permits, Waiting, Lanes, Stats, Events) by its heading. */
export function gateSection(
  page: Page,
  name: 'Permits' | 'Waiting' | 'Lanes' | 'Stats' | 'Events' | 'Faults',
): Locator {
  return regions(page).gate.getByRole('region', { name: new RegExp(`^${name}`) })
}

/** Shows one of the Gate's tabbed sections (Events, Stats, Faults); the others are not rendered. */
export async function showGateTab(page: Page, name: 'Events' | 'Stats' | 'Faults') {
  const tab = regions(page).gate.getByRole('tab', { name, exact: true })
  await tab.click()
  await expect(tab).toHaveAttribute('aria-selected', 'true')
}
