import { transform } from 'sucrase'

// The script is a function body (top-level return and await); sucrase parses
// modules, so it is wrapped on lines of its own and unwrapped after.
const HEAD = 'async function __gatehouse_script__(input: any) {\n'
const TAIL = '\n}'

/**
 * Strips TypeScript types and keeps every line where it was, so errors point
 * at the user's own lines. Throws a SyntaxError-like error on invalid TypeScript.
 */
export function stripTypes(code: string): string {
  const out = transform(HEAD + code + TAIL, {
    transforms: ['typescript'],
    disableESTransforms: true,
    keepUnusedImports: true,
  }).code
  const start = out.indexOf('{\n') + 2
  const end = out.lastIndexOf('\n}')
  return out.slice(start, end)
}

/** Sucrase reports positions like "(3:7)" in the wrapped text; this maps them to the user's lines. */
export function typeScriptErrorPosition(message: string): { line?: number; column?: number } {
  const match = /\((\d+):(\d+)\)/.exec(message)
  if (!match) return {}
  return { line: Math.max(1, Number(match[1]) - 1), column: Number(match[2]) + 1 }
}
