import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { loadExample, openPlayground, regions, runButton, setScript } from './playground'

/**
 * axe-core, run in the page on every view and dialog, in both themes: the
 * test fails on any violation. axe is loaded from node_modules (a
 * devDependency); AXE_CORE_PATH points at another copy of axe.min.js.
 */
const AXE_PATH =
  process.env.AXE_CORE_PATH ?? resolve(__dirname, '../../node_modules/axe-core/axe.min.js')

interface AxeViolation {
  id: string
  help: string
  nodes: { target: string[]; failureSummary?: string }[]
}

async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ content: readFileSync(AXE_PATH, 'utf8') })
  }
  // Colours are measured as drawn: let a toast finish fading in (endless spinners go on).
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  )
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } })
      .axe
    const result = (await axe.run(document, {
      // Off by default in axe (experimental), and named in the issue: the visible label in the name.
      rules: { 'label-content-name-mismatch': { enabled: true } },
    })) as { violations: AxeViolation[] }
    return result.violations
  })
  // The failure summary names the colours and the ratio, which is what a contrast fix needs.
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} at ${node.target.join(' ')}: ${(node.failureSummary ?? violation.help).replace(/\s+/g, ' ')}`,
    ),
  )
}

// The page's CSP forbids inline scripts, which is how addScriptTag injects axe.
test.use({ bypassCSP: true })

const views = (page: Page) => page.getByRole('navigation', { name: 'Views' })

/**
 * A run that leaves something of each kind on screen: the editor shows every
 * kind of token its grammar colours (comments, keywords, strings and escapes,
 * numbers, a regular expression, a class, brackets three deep), the console
 * a line of each level, the result a tree, the gate its events.
 */
const EVERY_KIND_OF_RUN = [
  '// A comment, and a doc comment:',
  '/** @param {number} n the count */',
  "const text = 'tab\\t', hex = 0xff, float = 1.5e3, pattern = /a+\\d[bc]/gi",
  'class Shape { constructor() { this.sides = [[[3]]] } }',
  "console.log('log', { hex, float }); console.info('info'); console.warn('warn')",
  "console.error('error'); console.debug('debug')",
  'return { text, pattern: String(pattern), shape: new Shape(), none: null, yes: true }',
]

for (const theme of ['dark', 'light'] as const) {
  test(`axe-core finds no violation on any view or dialog (${theme} theme)`, async ({
    page,
    server,
  }) => {
    expect(existsSync(AXE_PATH), `axe-core missing at ${AXE_PATH}: add it as a devDependency`).toBe(
      true,
    )
    test.slow()
    await page.emulateMedia({ colorScheme: theme })
    await openPlayground(page, server.url)
    const found: Record<string, string[]> = {}

    found.playground = await axeViolations(page)

    for (const menu of ['Examples', 'File'] as const) {
      await page.getByRole('button', { name: new RegExp(`^${menu}`) }).click()
      await expect(page.getByRole('menu', { name: menu })).toBeVisible()
      found[`${menu} menu`] = await axeViolations(page)
      await page.keyboard.press('Escape')
    }

    // Before any edit: with unsaved changes, Open asks about them first.
    await page.getByRole('button', { name: /^File / }).click()
    await page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: /^Open/ }).click()
    await expect(page.getByRole('dialog', { name: 'Open a script' })).toBeVisible()
    found['the Open picker'] = await axeViolations(page)
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog', { name: 'Open a script' })).toBeHidden()

    await setScript(page, EVERY_KIND_OF_RUN)
    await runButton(page).click()
    await expect(regions(page).result).toContainText('sides', { timeout: 15_000 })
    found['playground after a run'] = await axeViolations(page)

    await setScript(page, ['null.property'])
    await runButton(page).click()
    await expect(regions(page).result).toContainText('TypeError', { timeout: 15_000 })
    found['playground after a script error'] = await axeViolations(page)

    await loadExample(page, /^Infinite loop \(timeout\)/)
    await runButton(page).click()
    await expect(
      page
        .getByRole('region', { name: 'Notifications' })
        .getByRole('button', { name: /^Run timed out/ }),
    ).toBeVisible({ timeout: 15_000 })
    found['a timeout and its toast'] = await axeViolations(page)
    await page
      .getByRole('region', { name: 'Notifications' })
      .getByRole('button', { name: /^Run timed out/ })
      .click()
    await expect(page.getByRole('region', { name: 'Event details' })).toBeVisible()
    found['an event and its details'] = await axeViolations(page)

    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    await expect(page.getByRole('dialog', { name: 'Gate settings' })).toBeVisible()
    found.settings = await axeViolations(page)
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog', { name: 'Gate settings' })).toBeHidden()

    await page.getByRole('button', { name: /^Limits / }).click()
    await expect(page.getByRole('dialog', { name: 'Run limits' })).toBeVisible()
    found.limits = await axeViolations(page)
    await page.keyboard.press('Escape')

    for (const tab of ['Stats', 'Faults'] as const) {
      await page.getByRole('tab', { name: tab, exact: true }).click()
      found[`gate ${tab}`] = await axeViolations(page)
    }

    await views(page).getByRole('button', { name: 'Lessons' }).click()
    await expect(page.getByRole('main', { name: 'Lessons' })).toBeVisible()
    found.lessons = await axeViolations(page)
    await page
      .getByRole('main', { name: 'Lessons' })
      .getByRole('button', { name: /^Run( \d+×)?: / })
      .click()
    await expect(page.getByRole('status', { name: 'Verdict' })).toContainText('Expectation met', {
      timeout: 15_000,
    })
    found['lessons after a run'] = await axeViolations(page)

    const lessonList = page.getByRole('navigation', { name: 'Lesson list' })
    await lessonList.getByRole('button', { name: /^Semaphore leaks/ }).click()
    await page.getByRole('button', { name: /^Run: the gates comparison$/ }).click()
    await expect(page.getByRole('table', { name: 'The five gates compared' })).toBeVisible({
      timeout: 30_000,
    })
    found['the gates compared'] = await axeViolations(page)

    await lessonList.getByRole('button', { name: /^Fault injection and recovery/ }).click()
    await expect(page.getByRole('heading', { level: 2, name: /^Fault injection:/ })).toBeVisible()
    found['the faults lesson'] = await axeViolations(page)

    await views(page).getByRole('button', { name: 'Stress lab' }).click()
    await expect(page.getByRole('region', { name: 'Design' })).toBeVisible()
    found['stress lab'] = await axeViolations(page)
    const design = page.getByRole('region', { name: 'Design' })
    await design.getByLabel('Runs').fill('40')
    await design.getByRole('button', { name: 'Start' }).click()
    await expect(page.getByRole('status', { name: 'Stress state' })).toHaveText(/Done/, {
      timeout: 60_000,
    })
    found['stress lab after a stress'] = await axeViolations(page)

    for (const [where, violations] of Object.entries(found))
      expect.soft(violations, `axe violations in ${where} (${theme})`).toEqual([])
  })
}
