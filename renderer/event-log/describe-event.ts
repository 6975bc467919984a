import type { TelemetryEvent } from '../../src/protocol/telemetry'
import { formatDurationMs } from '../format/duration'
import { eventCategory, isLaneReplacement } from './event-kinds'

/** How an event line looks: its tone picks the colour and the mark. */
export type EventTone = 'ok' | 'neutral' | 'timeout' | 'panic' | 'rejection' | 'error'

export interface EventDescription {
  /** A short label for the kind: `settled`, `queued`, `lane recycled`... */
  label: string
  text: string
  tone: EventTone
}

const TONE_OF_CATEGORY = { timeouts: 'timeout', panics: 'panic', rejections: 'rejection' } as const

/** One line of the event log, in words. */
export function describeEvent(event: TelemetryEvent): EventDescription {
  const category = eventCategory(event)
  const tone: EventTone = category ? TONE_OF_CATEGORY[category] : 'neutral'
  switch (event.kind) {
    case 'run.submitted':
      return { label: 'submitted', text: `${event.runId} submitted`, tone }
    case 'run.queued':
      return {
        label: 'queued',
        text: `${event.runId} waits for a permit (position ${event.position})`,
        tone,
      }
    case 'run.admitted':
      return {
        label: 'admitted',
        text: `${event.runId} got a permit after ${formatDurationMs(event.waitedMs)}`,
        tone,
      }
    case 'run.dispatched':
      return {
        label: 'dispatched',
        text: `${event.runId} runs on lane ${event.lane} (${event.route})`,
        tone,
      }
    case 'run.settled': {
      const took = formatDurationMs(event.totalMs)
      if (event.status === 'ok')
        return { label: 'settled', text: `${event.runId} ok in ${took}`, tone: 'ok' }
      const cause = event.cause ? ` (${event.cause})` : ''
      return {
        label: 'settled',
        text: `${event.runId} ${event.errorType ?? 'error'}${cause} after ${took}`,
        tone: category ? tone : 'error',
      }
    }
    case 'permit.released':
      return {
        label: 'released',
        text: `${event.runId} released its permit after ${formatDurationMs(event.heldMs)}`,
        tone,
      }
    case 'lane.spawned':
      return { label: 'lane ready', text: `lane ${event.lane} is ready`, tone }
    case 'lane.recycled':
      return {
        label: isLaneReplacement(event.cause) ? 'lane replaced' : 'lane recycled',
        text: `lane ${event.lane} ${event.cause}`,
        tone,
      }
    case 'panic.recovered': {
      const where = event.lane !== undefined ? ` on lane ${event.lane}` : ''
      const runs = event.runIds.length > 0 ? `; failed ${event.runIds.join(', ')}` : ''
      return { label: 'recovered', text: `recovered from ${event.cause}${where}${runs}`, tone }
    }
    case 'gate.resized':
      return {
        label: 'resized',
        text: `the gate now has ${event.permits} ${event.permits === 1 ? 'permit' : 'permits'}`,
        tone,
      }
    default:
      return describeOtherEvent(event as unknown as { kind: string } & Record<string, unknown>)
  }
}

/**
 * Events of other features (the stress lab's progress) and kinds newer than
 * this window: described from their fields, so the log never shows a blank.
 */
function describeOtherEvent(event: { kind: string } & Record<string, unknown>): EventDescription {
  const [area = event.kind, verb] = event.kind.split('.')
  if (typeof event.stressId === 'string') {
    const progress =
      typeof event.settled === 'number' && typeof event.total === 'number'
        ? `: ${event.settled} of ${event.total} settled`
        : ''
    const verdict =
      typeof event.passed === 'boolean' ? (event.passed ? ', audit passed' : ', audit failed') : ''
    return {
      label: area,
      text: `${event.stressId} ${String(event.state ?? verb ?? '')}${progress}${verdict}`,
      tone: event.passed === false ? 'error' : 'neutral',
    }
  }
  return { label: verb ? `${area} ${verb}` : area, text: event.kind, tone: 'neutral' }
}
