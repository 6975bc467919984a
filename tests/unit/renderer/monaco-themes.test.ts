import { describe, expect, it } from 'vitest'
import { GATEHOUSE_THEMES } from '../../../renderer/monaco/themes'
import { contrastRatio, parseColour } from './contrast'

/** WCAG AA for normal text: the editor's text is 13 px. */
const MINIMUM = 4.5

describe.each(Object.entries(GATEHOUSE_THEMES))('the %s editor theme', (_name, theme) => {
  const colours = theme.colors
  const backgrounds = {
    background: parseColour(colours['editor.background']),
    'current line': parseColour(colours['editor.lineHighlightBackground']),
  }
  const texts = [
    ...theme.rules.map((rule) => [`token '${rule.token}'`, `#${rule.foreground}`] as const),
    ...Object.entries(colours).filter(([key]) => /foreground\d?$|Foreground$/i.test(key)),
  ]

  it('does not inherit colours it has not checked', () => {
    expect(theme.inherit).toBe(false)
    expect(theme.rules.some((rule) => rule.token === '')).toBe(true)
  })

  it.each(texts)('%s (%s) meets 4.5:1 on the background and the current line', (_what, text) => {
    for (const [where, background] of Object.entries(backgrounds)) {
      const ratio = contrastRatio(parseColour(text), background)
      expect(ratio, `${text} on the ${where}`).toBeGreaterThanOrEqual(MINIMUM)
    }
  })
})
