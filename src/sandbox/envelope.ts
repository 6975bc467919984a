import type { ErrorType } from '../protocol/outcome'

/**
 * What a run sends out of the sandbox: one string, made inside it by the
 * prelude (prelude.ts) with a captured JSON.stringify. The first line is the
 * meta JSON `{"e": error}` (empty when there is no error), the rest the
 * value's JSON text (empty for undefined). JSON text has no raw newline, so
 * the first '\n' splits them; NUL and lone surrogates travel as escapes.
 * (Console lines go to the host as they are written: log-collector.ts.)
 */
export interface Envelope {
  error?: SandboxError
  /** The value's JSON text; absent for undefined or on error. */
  valueJson?: string
}

/** A thrown value as the sandbox described it; every text is already bounded. */
export interface SandboxError {
  /** ScriptError, or the engine limit told by identity; `Null` when null was thrown. */
  t:
    | Extract<ErrorType, 'ScriptError' | 'MemoryLimitError' | 'StackOverflowError' | 'ResultError'>
    | 'Null'
  /** Where: the input's parse, the user's code, the result's conversion, or compiling the script. */
  p: 'input' | 'run' | 'result' | 'compile'
  m?: string
  n?: string
  s?: string
  /** Position of the first frame in script.js, wrapper prefix included. */
  line?: number
  col?: number
  /** For a ResultError over the size limit: the JSON's length in code units. */
  size?: number
  /** The size counts code units of non-ASCII text: the bytes are more. */
  atLeast?: boolean
}

interface Meta {
  e?: SandboxError
}

/** Reads an envelope. Throws only if the string is not one, which would be a bug. */
export function parseEnvelope(text: string): Envelope {
  const split = text.indexOf('\n')
  if (split === -1) throw new Error(`not an envelope: ${text.slice(0, 80)}`)
  const valueJson = text.slice(split + 1)
  const envelope: Envelope = {}
  if (valueJson !== '') envelope.valueJson = valueJson
  if (split === 0) return envelope
  const meta = JSON.parse(text.slice(0, split)) as Meta
  if (meta.e) envelope.error = meta.e
  return envelope
}
