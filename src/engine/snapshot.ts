import type { Permit, Semaphore } from '../gate/semaphore'
import type {
  AuditView,
  EventLoopDelayView,
  GateSnapshot,
  LaneView,
  StatsView,
} from '../protocol/telemetry'

/** Waiters listed in a snapshot; `waitersTotal` counts them all. */
export const MAX_WAITERS_IN_SNAPSHOT = 100

export interface SnapshotInput {
  /** performance.now() at the reading. */
  now: number
  gate: Pick<Semaphore, 'permits' | 'activeCount' | 'pendingCount' | 'waiters'>
  active: ReadonlyMap<string, { permit?: Permit }>
  awaitingLane: string[]
  lanes: LaneView[]
  stats: StatsView
  audit: AuditView
  host: { pid: number | null; rssBytes: number }
  eventLoopDelayMs?: EventLoopDelayView
}

/** The gate's picture at one moment, as the window draws it; a pure function of its input. */
export function buildSnapshot(input: SnapshotInput): GateSnapshot {
  const { now, gate } = input
  const slots: GateSnapshot['permits']['slots'] = []
  for (const [runId, run] of input.active) {
    if (run.permit && !run.permit.released)
      slots.push({ runId, heldMs: Math.round(now - run.permit.acquiredAt) })
  }
  const snapshot: GateSnapshot = {
    at: Date.now(),
    permits: { total: gate.permits, inUse: gate.activeCount, slots },
    // The oldest waiters only: a stress can queue 100,000, and a snapshot goes out 30 times a second.
    waitersTotal: gate.pendingCount,
    waiters: gate.waiters(MAX_WAITERS_IN_SNAPSHOT).map((w) => ({
      runId: w.label ?? '?',
      ageMs: Math.round(now - w.since),
      timeoutInMs: w.deadline === null ? null : Math.max(0, Math.round(w.deadline - now)),
    })),
    awaitingLane: input.awaitingLane,
    lanes: input.lanes,
    stats: input.stats,
    audit: input.audit,
    host: input.host,
  }
  if (input.eventLoopDelayMs) snapshot.eventLoopDelayMs = input.eventLoopDelayMs
  return snapshot
}
