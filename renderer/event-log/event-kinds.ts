import type { ErrorType } from '../../src/protocol/outcome'
import { isPanicEvent } from '../../src/protocol/panic'
import type { TelemetryEvent } from '../../src/protocol/telemetry'

/** What the event log can be narrowed to. */
export type EventFilter = 'all' | 'timeouts' | 'panics' | 'rejections'

export const EVENT_FILTERS: readonly EventFilter[] = ['all', 'timeouts', 'panics', 'rejections']

export const EVENT_FILTER_LABEL: Record<EventFilter, string> = {
  all: 'All',
  timeouts: 'Timeouts',
  panics: 'Panics',
  rejections: 'Rejections',
}

/** Runs the gate turned away before they ran. */
const REJECTION_TYPES: ReadonlySet<ErrorType> = new Set([
  'ValidationError',
  'ConcurrencyError',
  'ShuttingDownError',
])

/**
 * A lane whose thread was torn down and replaced (a watchdog, a crash), as
 * opposed to a routine runtime recycle after a run left jobs behind.
 */
export function isLaneReplacement(cause: string): boolean {
  return cause.startsWith('thread replaced')
}

/**
 * The notable category of an event, or null for routine traffic. Panics are
 * what src/protocol/panic.ts says (runs that ended with PanicError), so the
 * Panics filter counts what the Stats' panics counter counts; the lane
 * replacements and recoveries around them are routine lines in All.
 */
export function eventCategory(event: TelemetryEvent): Exclude<EventFilter, 'all'> | null {
  if (event.kind !== 'run.settled') return null
  if (event.errorType === 'TimeoutError') return 'timeouts'
  if (isPanicEvent(event)) return 'panics'
  if (event.errorType && REJECTION_TYPES.has(event.errorType)) return 'rejections'
  return null
}

/** What deserves a toast: a run that timed out, or a run that ended in a panic. */
export type AlertKind = 'timeout' | 'panic'

export function alertKind(event: TelemetryEvent): AlertKind | null {
  if (event.kind === 'run.settled' && event.errorType === 'TimeoutError') return 'timeout'
  if (isPanicEvent(event)) return 'panic'
  return null
}
