import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { openPlayground } from './playground'

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

    await views(page).getByRole('button', { name: 'Stress lab' }).click()
    await expect(page.getByRole('region', { name: 'Design' })).toBeVisible()
    found['stress lab'] = await axeViolations(page)

    for (const [where, violations] of Object.entries(found))
      expect.soft(violations, `axe violations in ${where} (${theme})`).toEqual([])
  })
}
