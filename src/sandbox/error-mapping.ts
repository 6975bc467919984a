import type { ErrorType, RunError } from '../protocol/outcome'
import { SCRIPT_FILE } from './script-wrapper'

/** What the engine threw, as `context.dump` returns it. */
export type DumpedError = unknown

const frameInScript = new RegExp(`${SCRIPT_FILE.replace('.', '\\.')}:(\\d+)(?::(\\d+))?`)

/** Finds the first stack frame in the user's code; columns on line 1 lose the wrapper's prefix. */
export function locate(
  stack: string | undefined,
  columnOffset: number,
): { line?: number; column?: number } {
  const match = stack ? frameInScript.exec(stack) : null
  if (!match) return {}
  const line = Number(match[1])
  let column = match[2] === undefined ? undefined : Number(match[2])
  if (column !== undefined && line === 1) column = Math.max(1, column - columnOffset)
  return { line, column }
}

function asErrorLike(dumped: DumpedError): { name?: string; message: string; stack?: string } {
  if (dumped && typeof dumped === 'object') {
    const o = dumped as Record<string, unknown>
    if (typeof o.message === 'string' || typeof o.name === 'string') {
      return {
        name: typeof o.name === 'string' ? o.name : undefined,
        message: typeof o.message === 'string' ? o.message : '',
        stack: typeof o.stack === 'string' ? o.stack : undefined,
      }
    }
  }
  // The script threw something that is not an Error: a string, a number...
  let text: string
  try {
    text = typeof dumped === 'string' ? dumped : (JSON.stringify(dumped) ?? String(dumped))
  } catch {
    text = String(dumped)
  }
  return { message: `Uncaught ${text}` }
}

/**
 * Turns an exception from the engine into the error type of the outcome
 * contract. Engine limits surface as InternalErrors with known messages.
 */
export function mapScriptError(
  dumped: DumpedError,
  phase: 'compile' | 'run',
  columnOffset: number,
  nullMeansOutOfMemory = false,
): RunError {
  // QuickJS throws null when it runs out of memory building the error itself.
  if (dumped === null && nullMeansOutOfMemory) {
    return {
      type: 'MemoryLimitError',
      name: 'InternalError',
      message: 'out of memory (so far out that the engine could not build the error)',
    }
  }
  const { name, message, stack } = asErrorLike(dumped)
  let type: ErrorType = 'ScriptError'
  if (
    name === 'InternalError' &&
    /out of memory|string too long|invalid array buffer length/.test(message)
  ) {
    type = 'MemoryLimitError'
  } else if (
    /^stack overflow$/.test(message) ||
    (name === 'InternalError' && /stack overflow/.test(message))
  ) {
    // Deep recursion, and deeply nested JSON (QuickJS reports that one as a SyntaxError).
    type = 'StackOverflowError'
  } else if (name === 'RangeError' && /Maximum call stack/.test(message)) {
    type = 'StackOverflowError'
  } else if (phase === 'compile' && name === 'SyntaxError') {
    type = 'SyntaxError'
  }
  const error: RunError = { type, message, ...locate(stack, columnOffset) }
  if (name) error.name = name
  if (stack) error.stack = trimStack(stack)
  return error
}

/** Keeps stacks readable: at most 20 frames. */
function trimStack(stack: string): string {
  const lines = stack.split('\n').filter((l) => l.trim() !== '')
  if (lines.length <= 20) return lines.join('\n')
  return [...lines.slice(0, 20), `    ... ${lines.length - 20} more frames`].join('\n')
}
