import type { ErrorType, LogLevel, RunError } from './outcome'

/**
 * Events a traced run records past which later ones are only counted (as
 * `dropped`). The first `limit` of each kind and the closing `settled` are
 * always kept, so a trace holds at most this many plus ten.
 */
export const MAX_TRACE_EVENTS = 1000

/** A console line's text in a trace is cut to this many UTF-8 bytes of JSON; the whole line is in `logs`. */
export const MAX_TRACE_TEXT_BYTES = 200

/** What ended a traced run, or a cap it hit on the way. */
export type TraceLimit =
  /** The interrupt handler stopped it at its deadline. */
  | 'deadline'
  /** Stopped by the user. */
  | 'cancel'
  /** A built-in ignored the interrupt; the lane's thread was replaced (no events from inside survive). */
  | 'watchdog'
  | 'memory'
  | 'stack'
  /** `setTimeout` or `setInterval` refused: the run held the maximum of pending timers. */
  | 'timers'
  /** The result was too large or could not be converted. */
  | 'result'
  /** The engine or its process failed (no events from inside survive). */
  | 'panic'

/**
 * One thing that happened inside a run, `at` milliseconds after it started on
 * its lane. Recorded by the sandbox's machinery (the host side of the lane, and
 * the timers part through a function the script cannot reach): a script can
 * add only its own console lines and the timers it really sets.
 */
export type TraceEvent =
  /** The script's synchronous part: from the call of its body to its first await or return. */
  | { at: number; kind: 'sync-start' }
  | { at: number; kind: 'sync-end' }
  /** A timer scheduled; `line` is where in the script (when the engine's stack says so). */
  | {
      at: number
      kind: 'timer-set'
      timer: number
      delayMs: number
      repeat?: true
      line?: number
    }
  /** A timer's callback ran (a macrotask); `line` is where it was set. */
  | { at: number; kind: 'timer-fired'; timer: number; line?: number }
  /** A batch of promise jobs drained (microtasks); `count` is absent when a job failed in the engine itself. */
  | { at: number; kind: 'jobs'; count?: number; ms: number }
  | { at: number; kind: 'log'; level: LogLevel; text: string }
  | { at: number; kind: 'limit'; limit: TraceLimit; message: string }
  | { at: number; kind: 'settled'; status: 'ok' | 'error'; errorType?: ErrorType }

export type TraceEventKind = TraceEvent['kind']

/** A run's event-loop trace: its events in the order they happened, then how many more were not recorded. */
export interface RunTrace {
  events: TraceEvent[]
  dropped: number
}

/** The limit that ended a run with this error, if a limit did. */
export function limitOf(error: RunError): TraceLimit | undefined {
  switch (error.type) {
    case 'TimeoutError':
      return error.cause === 'watchdog' ? 'watchdog' : 'deadline'
    case 'CancelledError':
      return 'cancel'
    case 'MemoryLimitError':
      return 'memory'
    case 'StackOverflowError':
      return 'stack'
    case 'ResultError':
      return 'result'
    case 'PanicError':
      return 'panic'
    default:
      return undefined
  }
}

/**
 * The trace of a run whose events were lost with its lane (the watchdog
 * replaced the thread, or it crashed): only how it ended is known.
 */
export function lostTrace(error: RunError, runMs: number): RunTrace {
  const at = Math.round(runMs * 1000) / 1000
  const limit = limitOf(error)
  const events: TraceEvent[] = []
  if (limit) events.push({ at, kind: 'limit', limit, message: error.message })
  events.push({ at, kind: 'settled', status: 'error', errorType: error.type })
  return { events, dropped: 0 }
}

/**
 * One event in words, as the CLI prints it and the Trace tab shows it (script
 * text left as it is). `withLine: false` leaves out a timer's line, for a view
 * that links to it instead.
 */
export function describeTraceEvent(event: TraceEvent, withLine = true): string {
  const where = (line: number | undefined): string =>
    line === undefined || !withLine ? '' : ` (line ${line})`
  switch (event.kind) {
    case 'sync-start':
      return 'synchronous part starts'
    case 'sync-end':
      return 'synchronous part ends'
    case 'timer-set':
      return `${event.repeat ? 'interval' : 'timer'} #${event.timer} set: ${event.delayMs} ms${where(event.line)}`
    case 'timer-fired':
      return `timer #${event.timer} fires${where(event.line)}`
    case 'jobs':
      return `${event.count === undefined ? 'promise jobs' : `${event.count} promise job${event.count === 1 ? '' : 's'}`} drained in ${event.ms} ms`
    case 'log':
      return `[${event.level}] ${event.text}`
    case 'limit':
      return `limit (${event.limit}): ${event.message}`
    case 'settled':
      return event.status === 'ok' ? 'settled: ok' : `settled: ${event.errorType ?? 'error'}`
  }
}
