import type { ErrorType } from '../../src/protocol/outcome'
import type { TelemetryEvent } from '../../src/protocol/telemetry'

/** Read access to the log, oldest first: a RingBuffer or a plain array. */
export interface EventSequence {
  readonly length: number
  get(index: number): TelemetryEvent | undefined
}

/** What one run did around the event. */
export interface RunAccount {
  runId: string
  lane?: number
  /** How long it held its permit, when the release is in the log. */
  heldMs?: number
  status?: 'ok' | 'error'
  errorType?: ErrorType
  cause?: string
  totalMs?: number
}

/** A lane torn down or recycled around the event, and its replacement. */
export interface LaneAccount {
  lane: number
  cause: string
  at: number
  /** Milliseconds until the lane reported ready again, when that is in the log. */
  readyAfterMs?: number
}

export interface EventExplanation {
  event: TelemetryEvent
  runs: RunAccount[]
  lanes: LaneAccount[]
}

/** How far either side of the event the related events are looked for. */
const SEARCH_WINDOW = 5000

/**
 * Gathers what was released and what was replaced around the event at
 * `index`: the permits the runs involved held (and for how long), their
 * outcomes, and the lanes recycled on their behalf. Looks only at a bounded
 * window of the log, so a click costs the same at 100 events or 100,000.
 */
export function explainEvent(log: EventSequence, index: number): EventExplanation | null {
  const event = log.get(index)
  if (!event) return null
  const from = Math.max(0, index - SEARCH_WINDOW)
  const to = Math.min(log.length - 1, index + SEARCH_WINDOW)

  const runIds = new Set<string>()
  const lanes = new Set<number>()
  switch (event.kind) {
    case 'panic.recovered':
      for (const id of event.runIds) runIds.add(id)
      if (event.lane !== undefined) lanes.add(event.lane)
      break
    case 'lane.recycled':
    case 'lane.spawned': {
      lanes.add(event.lane)
      // The run that was on the lane: the last dispatched to it before this event.
      for (let i = index - 1; i >= from; i--) {
        const e = log.get(i)
        if (e?.kind === 'run.dispatched' && e.lane === event.lane) {
          runIds.add(e.runId)
          break
        }
      }
      break
    }
    case 'gate.resized':
      break
    default:
      if ('runId' in event && typeof event.runId === 'string') runIds.add(event.runId)
  }

  const runs = new Map<string, RunAccount>()
  for (const id of runIds) runs.set(id, { runId: id })
  /** Where each run's life sits in the log, to match lane recycles to it. */
  const spans = new Map<string, { dispatched?: number; settled?: number }>()
  for (let i = from; i <= to; i++) {
    const e = log.get(i)
    if (!e || !('runId' in e) || !runs.has(e.runId)) continue
    const account = runs.get(e.runId) as RunAccount
    const span = spans.get(e.runId) ?? {}
    spans.set(e.runId, span)
    if (e.kind === 'run.dispatched') {
      account.lane = e.lane
      lanes.add(e.lane)
      span.dispatched = i
    } else if (e.kind === 'permit.released') {
      account.heldMs = e.heldMs
    } else if (e.kind === 'run.settled') {
      account.status = e.status
      if (e.errorType) account.errorType = e.errorType
      if (e.cause) account.cause = e.cause
      account.totalMs = e.totalMs
      span.settled = i
    }
  }

  const laneAccounts: LaneAccount[] = []
  for (const lane of lanes) {
    // A recycle that belongs here: the event itself, or one on the lane while a run of ours was on it.
    let recycleIndex = -1
    if (event.kind === 'lane.recycled' && event.lane === lane) recycleIndex = index
    else if (event.kind === 'panic.recovered' && event.lane === lane) {
      recycleIndex = nearestRecycle(log, lane, index, from, to)
    } else {
      for (const [runId, span] of spans) {
        if (runs.get(runId)?.lane !== lane || span.dispatched === undefined) continue
        const end = Math.min(to, (span.settled ?? to) + 3)
        for (let i = span.dispatched + 1; i <= end; i++) {
          const e = log.get(i)
          if (e?.kind === 'lane.recycled' && e.lane === lane) {
            recycleIndex = i
            break
          }
        }
        if (recycleIndex !== -1) break
      }
    }
    if (recycleIndex === -1) {
      // A crash the host reported without a recycle event: the panic itself names the cause.
      if (event.kind === 'panic.recovered' && event.lane === lane)
        laneAccounts.push(withReady(log, { lane, cause: event.cause, at: event.at }, index, to))
      continue
    }
    const recycle = log.get(recycleIndex) as Extract<TelemetryEvent, { kind: 'lane.recycled' }>
    laneAccounts.push(
      withReady(log, { lane, cause: recycle.cause, at: recycle.at }, recycleIndex, to),
    )
  }
  if (event.kind === 'panic.recovered' && event.lane === undefined && laneAccounts.length === 0) {
    // The whole sandbox host was lost: every lane comes back.
    laneAccounts.push(...hostRestart(log, event, index, to))
  }

  return { event, runs: [...runs.values()], lanes: laneAccounts }
}

function nearestRecycle(
  log: EventSequence,
  lane: number,
  index: number,
  from: number,
  to: number,
): number {
  for (let distance = 1; distance <= 20; distance++) {
    for (const i of [index - distance, index + distance]) {
      if (i < from || i > to) continue
      const e = log.get(i)
      if (e?.kind === 'lane.recycled' && e.lane === lane) return i
    }
  }
  return -1
}

/** Adds when the lane reported ready again after `fromIndex`. */
function withReady(
  log: EventSequence,
  account: LaneAccount,
  fromIndex: number,
  to: number,
): LaneAccount {
  for (let i = fromIndex + 1; i <= to; i++) {
    const e = log.get(i)
    if (e?.kind === 'lane.spawned' && e.lane === account.lane) {
      return { ...account, readyAfterMs: Math.max(0, e.at - account.at) }
    }
  }
  return account
}

function hostRestart(
  log: EventSequence,
  event: Extract<TelemetryEvent, { kind: 'panic.recovered' }>,
  index: number,
  to: number,
): LaneAccount[] {
  const accounts = new Map<number, LaneAccount>()
  for (let i = index + 1; i <= to; i++) {
    const e = log.get(i)
    if (e?.kind === 'lane.spawned' && !accounts.has(e.lane)) {
      accounts.set(e.lane, {
        lane: e.lane,
        cause: `host restarted: ${event.cause}`,
        at: event.at,
        readyAfterMs: Math.max(0, e.at - event.at),
      })
    }
  }
  return [...accounts.values()]
}
