import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { contrastRatio, parseColour } from './contrast'
import type { Rgb } from './contrast'

/**
 * The app's colours (the custom properties at the top of styles/app.css), in
 * both themes: every text colour meets 4.5:1 on every surface it is drawn on,
 * including a status colour on its own tint (a tag, a warning line, the
 * selected filter). axe-core in tests/e2e/a11y.spec.ts checks what one screen
 * shows; this checks the pairs a screen may show after other runs.
 */
const css = readFileSync(resolve(__dirname, '../../../renderer/styles/app.css'), 'utf8')

function block(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`)
  if (start < 0) throw new Error(`no ${selector} block in app.css`)
  const body = css.slice(start, css.indexOf('\n}', start))
  return Object.fromEntries([...body.matchAll(/--([\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2]]))
}

const dark = block(':root')
const themes = { dark, light: { ...dark, ...block(":root[data-theme='light']") } }

const SURFACES = ['bg', 'panel', 'panel-header', 'raised']
const TEXTS = ['text', 'text-strong', 'muted', 'faint']
const STATUSES = ['ok', 'error', 'warn', 'timeout', 'panic', 'running', 'accent']

describe.each(Object.entries(themes))('the %s palette', (_theme, vars) => {
  const colour = (name: string, over?: Rgb) => parseColour(vars[name], over)
  const pairs: [string, Rgb, Rgb][] = []
  for (const surface of SURFACES) {
    const under = colour(surface)
    for (const text of [...TEXTS, ...STATUSES, 'info'])
      pairs.push([`${text} on ${surface}`, colour(text), under])
    for (const status of STATUSES) {
      const tint = colour(`${status}-bg`, under)
      pairs.push([`${status} on its tint over ${surface}`, colour(status), tint])
      // A console line or an event row tinted by its status (on a panel) still shows its time.
      if (surface === 'panel' || surface === 'panel-header')
        for (const text of TEXTS)
          pairs.push([`${text} on the ${status} tint over ${surface}`, colour(text), tint])
    }
  }
  for (const text of ['muted', 'text'])
    pairs.push([`${text} on a tag`, colour(text), colour('border')])
  for (const text of TEXTS) pairs.push([`${text} on code`, colour(text), colour('code-bg')])
  for (const fill of ['primary-bg', 'primary-bg-hover', 'danger-bg'])
    pairs.push([`button text on ${fill}`, colour('accent-contrast'), colour(fill)])
  for (const fill of ['ok', 'error'])
    pairs.push([`text on a filled ${fill}`, colour('on-status'), colour(fill)])
  // Values show as trees in the Result pane (on the panel) and in the console (on code).
  for (const value of ['json-key', 'json-string', 'json-number', 'json-keyword', 'json-special'])
    for (const surface of ['panel', 'code-bg'])
      pairs.push([`${value} on ${surface}`, colour(value), colour(surface)])

  it.each(pairs)('%s meets 4.5:1', (what, text, background) => {
    expect(contrastRatio(text, background), what).toBeGreaterThanOrEqual(4.5)
  })
})
