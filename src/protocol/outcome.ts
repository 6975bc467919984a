import type { RunTrace } from './trace'

/** Every way a run can fail; the `type` of {@link RunError}. */
export const ERROR_TYPES = [
  'ValidationError',
  'ConcurrencyError',
  'CancelledError',
  'TimeoutError',
  'SyntaxError',
  'ScriptError',
  'MemoryLimitError',
  'StackOverflowError',
  'ResultError',
  'PanicError',
  'ShuttingDownError',
] as const

export type ErrorType = (typeof ERROR_TYPES)[number]

export type LogLevel = 'log' | 'info' | 'warn' | 'error' | 'debug'

/** One console line a script wrote; `at` is epoch milliseconds. */
export interface LogEntry {
  level: LogLevel
  text: string
  at: number
  /**
   * Where `text` holds values the sandbox wrote as JSON (objects, arrays,
   * Maps, Sets, errors, in the serializer's encoding): flat pairs of
   * [start, end) offsets, ascending. A window shows those parts as trees.
   */
  spans?: number[]
}

/**
 * Console lines of a run still running, as they stream to the window:
 * `entries` are the run's lines `from` to `from + entries.length - 1` (the
 * same lines, in the same order, its outcome's `logs` will start with), and
 * `dropped` counts lines over the run's log budget so far.
 */
export interface RunLogChunk {
  runId: string
  from: number
  entries: LogEntry[]
  dropped: number
}

export type Route = 'pool' | 'loop'

/** Why a run failed, as data: class identity does not survive a process boundary. */
export interface RunError {
  type: ErrorType
  /** The script's own error name (TypeError, RangeError...). */
  name?: string
  message: string
  /** 1-based line in the user's code, not the wrapper. */
  line?: number
  column?: number
  stack?: string
  /** For TimeoutError and PanicError: what enforced the limit or what crashed. */
  cause?: string
}

export interface RunTiming {
  /** From submission to the start of the run: waiting for a permit, then for a lane. */
  queuedMs: number
  runMs: number
  totalMs: number
  /** The part of queuedMs spent waiting for a permit (absent when the run never got one). */
  permitWaitMs?: number
  /** The part of queuedMs spent holding a permit before a lane started the run. */
  laneWaitMs?: number
}

interface OutcomeBase {
  id: string
  logs: LogEntry[]
  /** Console lines dropped because the run exceeded its log budget. */
  droppedLogs?: number
  route?: Route
  routeReason?: string
  lane?: number
  timing: RunTiming
  /** The event-loop trace, only when the request asked for one (`trace: true`). */
  trace?: RunTrace
}

/** A run that returned: `value` is JSON-safe, absent when the script returned undefined. */
export interface OkOutcome extends OutcomeBase {
  status: 'ok'
  value?: unknown
  error?: never
}

/** A run that failed, and why. */
export interface ErrorOutcome extends OutcomeBase {
  status: 'error'
  error: RunError
  value?: never
}

/** The one outcome every submitted run ends with. */
export type RunOutcome = OkOutcome | ErrorOutcome

/** Builds an error outcome for a run that never reached (or never came back from) a lane. */
export function failedOutcome(
  id: string,
  error: RunError,
  timing: RunTiming = { queuedMs: 0, runMs: 0, totalMs: 0 },
): ErrorOutcome {
  return { id, status: 'error', error, logs: [], timing }
}
