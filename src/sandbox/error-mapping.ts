import type { RunError } from '../protocol/outcome'
import { LIMITS } from '../protocol/settings'
import type { SandboxError } from './envelope'

const MB = 1024 * 1024

/** Megabytes with one decimal, as outcomes show sizes. */
export function formatMb(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`
}

/**
 * Turns the sandbox's description of a thrown value into the outcome's error.
 * The type was decided inside the sandbox by identity (see prelude.ts); here
 * only the wrapper's column offset, a thrown null and the wording are added.
 * `nullMeansOutOfMemory`: QuickJS throws null when it runs out of memory
 * building an error, so unless the code may throw null itself, null is that.
 */
export function mapSandboxError(
  error: SandboxError,
  columnOffset: number,
  nullMeansOutOfMemory: boolean,
): RunError {
  if (error.t === 'Null') {
    if (nullMeansOutOfMemory)
      return {
        type: 'MemoryLimitError',
        name: 'InternalError',
        message: 'out of memory (so far out that the engine could not build the error)',
      }
    return { type: 'ScriptError', message: 'Uncaught null' }
  }
  if (error.t === 'ResultError') {
    if (error.size !== undefined)
      return {
        type: 'ResultError',
        message: `The result is ${error.atLeast ? 'at least ' : ''}${formatMb(error.size)} as JSON; the limit is ${formatMb(LIMITS.maxResultBytes)}`,
      }
    return { type: 'ResultError', message: error.m ?? 'The result cannot be shown' }
  }
  let type: RunError['type'] = error.t
  let message = error.m ?? ''
  if (type === 'ScriptError' && error.p === 'compile' && error.n === 'SyntaxError')
    type = 'SyntaxError'
  if (error.p === 'result' && type === 'ScriptError') {
    type = 'ResultError'
    message = `The result could not be converted to JSON: ${message}`
  }
  if (error.p === 'input') message = `input: ${message}`
  const mapped: RunError = { type, message }
  if (error.n !== undefined) mapped.name = error.n
  if (error.line !== undefined) {
    mapped.line = error.line
    if (error.col !== undefined)
      mapped.column = error.line === 1 ? Math.max(1, error.col - columnOffset) : error.col
  }
  if (error.s) mapped.stack = error.s
  return mapped
}

/**
 * Keeps a position only when it lies inside the user's code: a stack is text
 * a script can write (`e.stack = 'at script.js:99:1'`), so a line past the
 * end of the code, or a column past the end of its line, is dropped.
 */
export function keepPositionInside(error: RunError, code: string): RunError {
  if (error.line === undefined) return error
  const lines = code.split('\n')
  const text = lines[error.line - 1]
  const inside =
    Number.isInteger(error.line) &&
    error.line >= 1 &&
    text !== undefined &&
    (error.column === undefined || (error.column >= 1 && error.column <= text.length + 1))
  if (inside) return error
  const { line: _line, column: _column, ...rest } = error
  return rest
}
