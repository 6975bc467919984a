import type { Locator, Page } from '@playwright/test'

/**
 * Replaces the text of the Monaco editor inside `region`: focus it, select
 * all, delete, then paste the lines. A paste goes in verbatim; typing would
 * let Monaco auto-indent each new line and auto-close brackets and quotes.
 */
export async function replaceEditorText(page: Page, region: Locator, lines: string[]) {
  const editor = region.locator('.monaco-editor')
  await editor.locator('.view-lines').click()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('Delete')
  await page.evaluate((text) => {
    const data = new DataTransfer()
    data.setData('text/plain', text)
    const paste = new ClipboardEvent('paste', {
      clipboardData: data,
      bubbles: true,
      cancelable: true,
    })
    document.activeElement?.dispatchEvent(paste)
  }, lines.join('\n'))
}

/** The editor's visible lines, one string each. */
export function editorLines(region: Locator): Locator {
  return region.locator('.monaco-editor .view-line')
}
