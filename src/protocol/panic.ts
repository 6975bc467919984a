import type { ErrorType } from './outcome'
import type { TelemetryEvent } from './telemetry'

/**
 * The one definition of a panic, used by the Stats counter, the event log's
 * Panics filter, the toasts and the stress report alike:
 *
 * A panic is a run that ended with `PanicError`: the engine, its lane's
 * thread or the sandbox host failed underneath it (cause `lane-abort`,
 * `lane-exit`, `host-exit`, `host-unresponsive`, `scheduler`). One run, one
 * panic: a host killed under three runs is three panics.
 *
 * Not panics: a script's own errors, timeouts (even when the watchdog had to
 * replace the lane), a memory limit (`MemoryLimitError`, even when the lane
 * is replaced after it), and a lane replaced between runs, which fails no run
 * (its `lane.recycled` and `panic.recovered` events still show in the log).
 */
export function isPanicErrorType(errorType: ErrorType | undefined): boolean {
  return errorType === 'PanicError'
}

/** The event that counts a panic: a run settled with `PanicError`. */
export function isPanicEvent(event: TelemetryEvent): boolean {
  return event.kind === 'run.settled' && isPanicErrorType(event.errorType)
}
