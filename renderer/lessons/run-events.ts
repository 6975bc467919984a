import type { TelemetryEvent } from '../../src/protocol/telemetry'
import type { EventSequence } from '../event-log/explain-event'
import { isLaneReplacement } from '../event-log/event-kinds'
import { formatDurationMs } from '../format/duration'

/** How far back from the newest event the runs' first events are looked for. */
const SCAN_LIMIT = 20_000
/** After a lost host, new lanes reported within this long belong to its recovery. */
const HOST_RESTART_WINDOW_MS = 5_000
/** Events after a run settled in which its lane's recycle may still come. */
const AFTER_SETTLE_EVENTS = 200

/**
 * What the telemetry says happened to some runs: their own events (queued,
 * admitted, dispatched, settled, permit released), the recycle or replacement
 * of the lane they ran on and its coming back, and any panic that failed
 * them. Reads the log's newest events only, so it costs the same however long
 * the log is.
 */
export function collectRunEvents(log: EventSequence, runIds: readonly string[]): TelemetryEvent[] {
  const ids = new Set(runIds)
  if (ids.size === 0 || log.length === 0) return []
  const stop = Math.max(0, log.length - SCAN_LIMIT)
  let start = -1
  const submitted = new Set<string>()
  for (let i = log.length - 1; i >= stop; i--) {
    const event = log.get(i)
    if (!event || !('runId' in event) || !ids.has(event.runId)) continue
    start = i
    if (event.kind === 'run.submitted') {
      submitted.add(event.runId)
      if (submitted.size === ids.size) break
    }
  }
  if (start === -1) return []

  const found: TelemetryEvent[] = []
  /** Lanes one of the runs is on, or was on until a recycle may still come: lane -> events left. */
  const watched = new Map<number, number>()
  let hostLostAt: number | null = null
  for (let i = start; i < log.length; i++) {
    const event = log.get(i)
    if (!event) continue
    for (const [lane, left] of watched) {
      if (left !== Infinity) {
        if (left <= 0) watched.delete(lane)
        else watched.set(lane, left - 1)
      }
    }
    switch (event.kind) {
      case 'run.dispatched':
        if (ids.has(event.runId)) {
          watched.set(event.lane, Infinity)
          found.push(event)
        } else watched.delete(event.lane)
        break
      case 'run.settled':
        if (!ids.has(event.runId)) break
        found.push(event)
        for (const lane of watched.keys()) watched.set(lane, AFTER_SETTLE_EVENTS)
        break
      case 'lane.recycled':
        if (!watched.has(event.lane)) break
        found.push(event)
        if (!isLaneReplacement(event.cause)) watched.delete(event.lane)
        break
      case 'lane.spawned':
        if (watched.has(event.lane)) {
          found.push(event)
          watched.delete(event.lane)
        } else if (hostLostAt !== null && event.at - hostLostAt <= HOST_RESTART_WINDOW_MS) {
          found.push(event)
        }
        break
      case 'panic.recovered':
        if (!event.runIds.some((id) => ids.has(id))) break
        found.push(event)
        if (event.lane === undefined) hostLostAt = event.at
        else watched.set(event.lane, AFTER_SETTLE_EVENTS)
        break
      default:
        if ('runId' in event && typeof event.runId === 'string' && ids.has(event.runId))
          found.push(event)
    }
  }
  return found
}

/** One thing that happened inside, in words: which limit fired, what was replaced, what came back. */
export interface InsideFact {
  kind: 'limit' | 'lane' | 'permit' | 'panic' | 'outcome'
  text: string
}

/** The notable facts among a run's events, in the order they happened. */
export function insideFacts(events: readonly TelemetryEvent[]): InsideFact[] {
  const facts: InsideFact[] = []
  for (const event of events) {
    switch (event.kind) {
      case 'run.settled':
        if (event.status === 'ok') {
          facts.push({ kind: 'outcome', text: `finished ok in ${formatDurationMs(event.totalMs)}` })
        } else if (event.errorType === 'TimeoutError') {
          facts.push({
            kind: 'limit',
            text: `the time limit fired: ${event.cause === 'watchdog' ? 'the watchdog ended the thread' : 'the interrupt handler stopped the script'} (${formatDurationMs(event.totalMs)})`,
          })
        } else if (event.errorType === 'MemoryLimitError') {
          facts.push({ kind: 'limit', text: 'the memory limit refused an allocation' })
        } else if (event.errorType === 'StackOverflowError') {
          facts.push({ kind: 'limit', text: 'the stack limit stopped the recursion' })
        } else if (event.errorType === 'ResultError') {
          facts.push({ kind: 'limit', text: 'the result was refused before it was sent' })
        } else {
          facts.push({
            kind: 'outcome',
            text: `ended as ${event.errorType ?? 'an error'}${event.cause ? ` (${event.cause})` : ''}`,
          })
        }
        break
      case 'permit.released':
        facts.push({
          kind: 'permit',
          text: `its permit came back after ${formatDurationMs(event.heldMs)}`,
        })
        break
      case 'lane.recycled':
        facts.push({
          kind: 'lane',
          text: isLaneReplacement(event.cause)
            ? `lane ${event.lane}'s thread was replaced (${event.cause.replace(/^thread replaced:\s*/, '')})`
            : `lane ${event.lane} got a fresh runtime (${event.cause.replace(/^runtime recycled:\s*/, '')})`,
        })
        break
      case 'lane.spawned':
        facts.push({ kind: 'lane', text: `lane ${event.lane} is ready again` })
        break
      case 'panic.recovered':
        facts.push({
          kind: 'panic',
          text: `recovered from ${event.cause}${event.lane === undefined ? ' (the whole sandbox host)' : ` on lane ${event.lane}`}`,
        })
        break
      default:
        break
    }
  }
  // How the run ended reads first; what happened to the lane and the permit follows, in order.
  const ending = facts.filter((fact) => fact.kind === 'limit' || fact.kind === 'outcome')
  return [...ending, ...facts.filter((fact) => !ending.includes(fact))]
}
