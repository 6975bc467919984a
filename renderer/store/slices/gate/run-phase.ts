import type { GateSnapshot } from '../../../../src/protocol/telemetry'

/** Where a run in flight is, read from a gate snapshot. */
export type RunPhase =
  | { phase: 'submitted' }
  | {
      phase: 'waiting'
      /** 1 = next in line; null when it is further back than the snapshot lists. */
      position: number | null
      waiting: number
      ageMs: number
      timeoutInMs: number | null
    }
  | { phase: 'awaiting-lane'; heldMs: number }
  /** Sent ahead to a busy lane: it starts the moment the lane's current run ends. */
  | { phase: 'next-on-lane'; heldMs: number; lane: number }
  | { phase: 'running'; heldMs: number; lane: number | null }

/**
 * The run's phase, with times advanced by `elapsedMs` since the snapshot
 * (snapshots only arrive when something changes).
 */
export function runPhase(snapshot: GateSnapshot | null, runId: string, elapsedMs = 0): RunPhase {
  if (!snapshot) return { phase: 'submitted' }
  const waiterIndex = snapshot.waiters.findIndex((waiter) => waiter.runId === runId)
  if (waiterIndex !== -1) {
    const waiter = snapshot.waiters[waiterIndex] as GateSnapshot['waiters'][number]
    return {
      phase: 'waiting',
      position: waiterIndex + 1,
      waiting: snapshot.waitersTotal ?? snapshot.waiters.length,
      ageMs: waiter.ageMs + elapsedMs,
      timeoutInMs: waiter.timeoutInMs === null ? null : Math.max(0, waiter.timeoutInMs - elapsedMs),
    }
  }
  const waitersTotal = snapshot.waitersTotal ?? snapshot.waiters.length
  const slot = snapshot.permits.slots.find((s) => s.runId === runId)
  if (!slot && waitersTotal > snapshot.waiters.length) {
    // The snapshot lists only the oldest waiters: a run in none of its lists waits further back.
    return { phase: 'waiting', position: null, waiting: waitersTotal, ageMs: 0, timeoutInMs: null }
  }
  if (slot) {
    const heldMs = slot.heldMs + elapsedMs
    if (snapshot.awaitingLane.includes(runId)) return { phase: 'awaiting-lane', heldMs }
    const next = snapshot.lanes.find((l) => l.nextRunId === runId && l.runId !== runId)
    if (next) return { phase: 'next-on-lane', heldMs, lane: next.lane }
    const lane = snapshot.lanes.find((l) => l.runId === runId)
    return { phase: 'running', heldMs, lane: lane ? lane.lane : null }
  }
  return { phase: 'submitted' }
}
