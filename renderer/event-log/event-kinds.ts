import type { ErrorType } from '../../src/protocol/outcome'
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
 * The notable category of an event, or null for routine traffic. Panics
 * include lanes whose thread was replaced: the engine recovering from
 * something, even when a timeout caused it.
 */
export function eventCategory(event: TelemetryEvent): Exclude<EventFilter, 'all'> | null {
  switch (event.kind) {
    case 'run.settled':
      if (event.errorType === 'TimeoutError') return 'timeouts'
      if (event.errorType === 'PanicError') return 'panics'
      if (event.errorType && REJECTION_TYPES.has(event.errorType)) return 'rejections'
      return null
    case 'panic.recovered':
      return 'panics'
    case 'lane.recycled':
      return isLaneReplacement(event.cause) ? 'panics' : null
    default:
      return null
  }
}

/** What deserves a toast: a run that timed out, or the engine recovering from a panic. */
export type AlertKind = 'timeout' | 'panic'

export function alertKind(event: TelemetryEvent): AlertKind | null {
  if (event.kind === 'run.settled' && event.errorType === 'TimeoutError') return 'timeout'
  if (event.kind === 'panic.recovered') return 'panic'
  return null
}
