import type { editor } from 'monaco-editor/editor/editor.api'
import type { Monaco } from './monaco-api'

export const MONACO_THEME = { dark: 'gatehouse-dark', light: 'gatehouse-light' } as const

/**
 * Every token colour the editors use, for what they show: the JavaScript and
 * TypeScript grammars and JSON. The themes do not inherit Monaco's token
 * colours, several of which fall below 4.5:1 on these backgrounds (comments
 * and regular expressions in the dark theme; numbers, types and a bracket
 * colour in the light one). tests/unit/renderer/monaco-themes.test.ts checks
 * each colour against the editor background and the current line's highlight.
 */
const DARK_TOKENS: Record<string, string> = {
  '': 'd4d4d4',
  comment: '72a35d',
  keyword: '569cd6',
  type: '3dc9b0',
  'type.identifier': '4ec9b0',
  string: 'ce9178',
  'string.escape': 'd7ba7d',
  'string.invalid': 'ff6b64',
  number: 'b5cea8',
  'number.hex': '5bb498',
  regexp: 'd87a7a',
  'regexp.escape': 'd7ba7d',
  'regexp.invalid': 'ff6b64',
  delimiter: 'dcdcdc',
  invalid: 'ff6b64',
  'string.key.json': '9cdcfe',
  'string.value.json': 'ce9178',
  'keyword.json': '569cd6',
}

const LIGHT_TOKENS: Record<string, string> = {
  '': '000000',
  comment: '267326',
  keyword: '0000ff',
  type: '1f7590',
  string: 'a31515',
  'string.escape': 'a3311e',
  'string.invalid': 'cd3131',
  number: '0a7350',
  'number.hex': '3030c0',
  regexp: '811f3f',
  'regexp.escape': 'a3311e',
  'regexp.invalid': 'cd3131',
  delimiter: '000000',
  invalid: 'cd3131',
  'string.key.json': 'a31515',
  'string.value.json': '0451a5',
  'keyword.json': '0451a5',
}

function tokenRules(colours: Record<string, string>): editor.ITokenThemeRule[] {
  return Object.entries(colours).map(([token, foreground]) => ({ token, foreground }))
}

/** The two editor themes, with backgrounds that match the panels around the editor. */
export const GATEHOUSE_THEMES: Record<string, editor.IStandaloneThemeData> = {
  [MONACO_THEME.dark]: {
    base: 'vs-dark',
    inherit: false,
    rules: tokenRules(DARK_TOKENS),
    colors: {
      'editor.background': '#14171d',
      'editor.foreground': '#d4d4d4',
      'editorGutter.background': '#14171d',
      'editor.lineHighlightBackground': '#1b1f27',
      // Line numbers and the empty input's placeholder are text too: the app's faint colour.
      'editorLineNumber.foreground': '#9098a8',
      'editor.placeholder.foreground': '#9098a8',
      'editorLineNumber.activeForeground': '#c2c9d4',
      'editorBracketHighlight.foreground1': '#ffd700',
      'editorBracketHighlight.foreground2': '#da70d6',
      'editorBracketHighlight.foreground3': '#179fff',
    },
  },
  [MONACO_THEME.light]: {
    base: 'vs',
    inherit: false,
    rules: tokenRules(LIGHT_TOKENS),
    colors: {
      'editor.background': '#ffffff',
      'editor.foreground': '#000000',
      'editor.lineHighlightBackground': '#f3f5f8',
      'editorLineNumber.foreground': '#5f6878',
      'editor.placeholder.foreground': '#5f6878',
      'editorLineNumber.activeForeground': '#262c36',
      'editorBracketHighlight.foreground1': '#0431fa',
      'editorBracketHighlight.foreground2': '#267326',
      'editorBracketHighlight.foreground3': '#7b3814',
    },
  },
}

export function defineGatehouseThemes(monaco: Monaco): void {
  for (const [name, theme] of Object.entries(GATEHOUSE_THEMES))
    monaco.editor.defineTheme(name, theme)
}
