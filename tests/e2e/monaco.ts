import type { Locator, Page } from '@playwright/test'

/**
 * Replaces the text of the Monaco editor inside `region` the way a person
 * would: focus, select all, delete, type. Lines go in with `insertText`,
 * which bypasses auto-closing of brackets and quotes, and Enter between them.
 */
export async function replaceEditorText(page: Page, region: Locator, lines: string[]) {
  const editor = region.locator('.monaco-editor')
  await editor.locator('.view-lines').click()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('Delete')
  for (const [index, line] of lines.entries()) {
    if (index > 0) await page.keyboard.press('Enter')
    await page.keyboard.insertText(line)
  }
}

/** The editor's visible lines, one string each. */
export function editorLines(region: Locator): Locator {
  return region.locator('.monaco-editor .view-line')
}
