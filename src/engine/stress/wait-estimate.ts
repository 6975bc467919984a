import type { Arrival, FaultKind } from '../../protocol/stress'

/**
 * What a fault costs a lane beyond a normal run, as assumed by the estimate:
 * a loop runs to the run timeout, a stuck built-in to the run timeout and
 * then its lane is replaced, a crashed lane is replaced. Assumptions, not
 * measurements: the estimate says so.
 */
export const LANE_REPLACE_MS = 300
export const MEMORY_FAULT_MS = 150

/** The numbers of a stress design the estimate reads. */
export interface WaitEstimateInput {
  runs: number
  permits: number
  lanes: number
  waitTimeoutMs: number
  runTimeoutMs: number
  arrival: Arrival
  /** Fault percentages, 0 to 100. */
  faults: Partial<Record<FaultKind, number>>
  /** How long a normal run of the script holds a lane, in ms (overheads included). */
  msPerRun: number
}

export interface WaitEstimate {
  /** Runs expected to wait longer than the wait timeout (ConcurrencyError). */
  missed: number
  /** Runs the gate can finish per second with these permits and lanes. */
  capacityPerSec: number
  /** The mean time a run holds a lane with the fault mix, in ms. */
  meanLaneMs: number
  /** The longest wait for a permit if nobody timed out: a wait timeout above it lets every run in. */
  longestWaitMs: number
}

/** The time a run of each kind holds a lane, in ms. */
function laneMs(kind: FaultKind | 'none', msPerRun: number, runTimeoutMs: number): number {
  switch (kind) {
    case 'loop':
      return runTimeoutMs
    case 'stuck':
      return runTimeoutMs + LANE_REPLACE_MS
    case 'crash':
      return LANE_REPLACE_MS
    case 'memory':
      return MEMORY_FAULT_MS
    default:
      return msPerRun
  }
}

/** The mean lane time of the mix: the faults' shares at their cost, the rest at `msPerRun`. */
export function meanLaneMs(
  faults: Partial<Record<FaultKind, number>>,
  msPerRun: number,
  runTimeoutMs: number,
): number {
  let faultShare = 0
  let total = 0
  for (const [kind, percent] of Object.entries(faults) as [FaultKind, number][]) {
    const share = Math.max(0, percent) / 100
    faultShare += share
    total += share * laneMs(kind, msPerRun, runTimeoutMs)
  }
  return total + Math.max(0, 1 - faultShare) * msPerRun
}

/**
 * The lane time of a normal run, from a finished stress of the same script:
 * the permits that could run at once, times how long the admitted runs took
 * from the first admission to the last settlement, per admitted run, less
 * what that stress's own faults cost (at the costs assumed above). Null when
 * the stress is too small to say (under 20 admitted runs).
 */
export function msPerRunFromReport(report: {
  settings: { permits: number; lanes: number; runTimeoutMs: number }
  plan: { faults: Partial<Record<FaultKind, number>>; runTimeoutMs?: number }
  runs: readonly { admittedAt: number | null; settledAt: number }[]
}): number | null {
  const admitted = report.runs.filter((run) => run.admittedAt !== null)
  if (admitted.length < 20) return null
  let first = Infinity
  let last = -Infinity
  for (const run of admitted) {
    first = Math.min(first, run.admittedAt as number)
    last = Math.max(last, run.settledAt)
  }
  const parallel = Math.min(report.settings.permits, report.settings.lanes)
  const observed = (parallel * (last - first)) / admitted.length
  const runTimeoutMs = report.plan.runTimeoutMs ?? report.settings.runTimeoutMs
  // observed = (1 - fixedShare) * base + fixed, where a fault's cost does not depend on base.
  let fixedShare = 0
  let fixed = 0
  for (const [kind, percent] of Object.entries(report.plan.faults) as [FaultKind, number][]) {
    const share = percent / 100
    fixedShare += share
    fixed += share * laneMs(kind, 0, runTimeoutMs)
  }
  if (fixedShare >= 1) return null
  return Math.max(0.1, (observed - fixed) / (1 - fixedShare))
}

/** Runs arriving in (fromMs, toMs] under the arrival pattern; a burst arrives at 0. */
function arrivalsBetween(input: WaitEstimateInput, fromMs: number, toMs: number): number {
  const { runs, arrival } = input
  if (arrival.pattern === 'burst') return fromMs < 0 && toMs >= 0 ? runs : 0
  const spanMs = arrival.pattern === 'ramp' ? arrival.overMs : (runs / arrival.perSecond) * 1000
  const share = (t: number) => Math.min(1, Math.max(0, t / spanMs))
  return runs * (share(toMs) - share(fromMs))
}

/** A fluid run of the gate: runs as a flow through a FIFO queue, the permits and the lanes. */
function simulate(input: WaitEstimateInput, waitTimeoutMs: number, laneMsMean: number) {
  const { runs, permits, lanes } = input
  const arrivalSpanMs =
    input.arrival.pattern === 'burst'
      ? 0
      : input.arrival.pattern === 'ramp'
        ? input.arrival.overMs
        : (runs / input.arrival.perSecond) * 1000
  const serveAllMs = (runs * laneMsMean) / Math.min(permits, lanes)
  const horizonMs = arrivalSpanMs + serveAllMs + laneMsMean + 1
  const steps = 4000
  const dt = horizonMs / steps
  // Waiting cohorts, oldest first: when they arrived and how many are left.
  const queue: { at: number; count: number }[] = []
  let head = 0
  let held = 0
  let missed = 0
  let longestWaitMs = 0
  for (let step = 0; step <= steps; step++) {
    const now = step * dt
    const arrived = arrivalsBetween(input, now - dt, now)
    if (arrived > 0) queue.push({ at: now, count: arrived })
    // The oldest give up first.
    while (head < queue.length && now - (queue[head] as { at: number }).at > waitTimeoutMs) {
      missed += (queue[head] as { count: number }).count
      head++
    }
    let free = permits - held
    while (free > 1e-9 && head < queue.length) {
      const cohort = queue[head] as { at: number; count: number }
      const taken = Math.min(free, cohort.count)
      cohort.count -= taken
      free -= taken
      held += taken
      longestWaitMs = Math.max(longestWaitMs, now - cohort.at)
      if (cohort.count <= 1e-9) head++
    }
    // Runs on lanes finish at the lanes' pace; the permits beyond the lanes wait for one.
    held = Math.max(0, held - (Math.min(held, lanes) * dt) / laneMsMean)
  }
  // What never got out of the queue within the horizon also missed.
  for (let i = head; i < queue.length; i++) missed += (queue[i] as { count: number }).count
  return { missed, longestWaitMs }
}

/**
 * How many runs of a stress will miss the wait timeout: a fluid model of the
 * gate (arrivals by the pattern, a FIFO queue whose runs give up after the
 * wait timeout, the permits, and the lanes finishing runs at the mix's mean
 * lane time). An estimate: the machine's load, the script's variance and the
 * faults' real costs move the real count.
 */
export function estimateWaitMisses(input: WaitEstimateInput): WaitEstimate {
  const laneMsMean = Math.max(0.01, meanLaneMs(input.faults, input.msPerRun, input.runTimeoutMs))
  const capacityPerSec = (Math.min(input.permits, input.lanes) / laneMsMean) * 1000
  const withTimeout = simulate(input, input.waitTimeoutMs, laneMsMean)
  const unbounded = simulate(input, Infinity, laneMsMean)
  return {
    missed: Math.min(input.runs, Math.max(0, Math.round(withTimeout.missed))),
    capacityPerSec,
    meanLaneMs: laneMsMean,
    longestWaitMs: unbounded.longestWaitMs,
  }
}
