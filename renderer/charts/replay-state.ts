import type { StressRunRecord } from '../../src/protocol/stress'

/** A stress as it stood at one moment of a replay. */
export interface ReplayMoment {
  submitted: number
  settled: number
  ok: number
  /** Runs holding a permit: admitted, not yet settled. */
  permitsInUse: number
  /** Runs submitted and neither admitted nor settled yet. */
  waiting: number
}

/** The number of values <= t in an ascending array. */
function countUpTo(sorted: Float64Array, t: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((sorted[mid] as number) <= t) lo = mid + 1
    else hi = mid
  }
  return lo
}

const sorted = (values: number[]): Float64Array => Float64Array.from(values).sort()

/**
 * Answers "what did the gate look like at t?" for a saved report's runs,
 * in O(log n) per moment after an O(n log n) start, so a replay can ask
 * every animation frame even for 100,000 runs.
 */
export function replayMoments(runs: readonly StressRunRecord[]): {
  endMs: number
  at(t: number): ReplayMoment
} {
  const submitted = sorted(runs.map((r) => r.submittedAt))
  const settled = sorted(runs.map((r) => r.settledAt))
  const okSettled = sorted(runs.filter((r) => r.outcome === 'ok').map((r) => r.settledAt))
  const admitted = runs.filter((r) => r.admittedAt !== null)
  const admittedAt = sorted(admitted.map((r) => r.admittedAt as number))
  const admittedSettled = sorted(admitted.map((r) => r.settledAt))
  const neverAdmittedSettled = sorted(
    runs.filter((r) => r.admittedAt === null).map((r) => r.settledAt),
  )
  const endMs = settled.length > 0 ? (settled[settled.length - 1] as number) : 0
  return {
    endMs,
    at(t) {
      const inUse = countUpTo(admittedAt, t) - countUpTo(admittedSettled, t)
      const sub = countUpTo(submitted, t)
      return {
        submitted: sub,
        settled: countUpTo(settled, t),
        ok: countUpTo(okSettled, t),
        permitsInUse: Math.max(0, inUse),
        waiting: Math.max(0, sub - countUpTo(admittedAt, t) - countUpTo(neverAdmittedSettled, t)),
      }
    },
  }
}
