import type { Monaco } from './monaco-api'

export const MONACO_THEME = { dark: 'gatehouse-dark', light: 'gatehouse-light' } as const

/** Monaco's own themes, with backgrounds that match the panels around the editor. */
export function defineGatehouseThemes(monaco: Monaco): void {
  monaco.editor.defineTheme(MONACO_THEME.dark, {
    base: 'vs-dark',
    inherit: true,
    rules: [],
    colors: {
      'editor.background': '#14171d',
      'editorGutter.background': '#14171d',
      'editor.lineHighlightBackground': '#1b1f27',
      'editorLineNumber.foreground': '#4b5363',
      'editorLineNumber.activeForeground': '#9aa3b2',
    },
  })
  monaco.editor.defineTheme(MONACO_THEME.light, {
    base: 'vs',
    inherit: true,
    rules: [],
    colors: {
      'editor.background': '#ffffff',
      'editor.lineHighlightBackground': '#f3f5f8',
    },
  })
}
