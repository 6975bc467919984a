import type { SemaphoreCounters } from '../gate/semaphore'
import type { AuditView } from '../protocol/telemetry'

/** What the auditor reads: the gate's counters and the scheduler's lifetime counts. */
export interface AuditInput {
  permits: number
  inUse: number
  counters: Readonly<SemaphoreCounters>
  /** Permits held by runs in flight, as the scheduler counts them. */
  holders: number
  submitted: number
  settled: number
  inFlight: number
}

/**
 * The one "healthy" rule (docs/design.md, "Invariants"): no permit held by
 * nobody, no double release, every run either in flight or settled, and the
 * gate's own books balance.
 */
export function isHealthy(
  view: Pick<AuditView, 'leaked' | 'doubleReleases' | 'runsWithoutOutcome'>,
): boolean {
  return view.leaked === 0 && view.doubleReleases === 0 && view.runsWithoutOutcome === 0
}

/** The invariant auditor's reading; a pure function of the counts it is given. */
export function buildAudit(input: AuditInput): AuditView {
  const { counters } = input
  const leaked = input.inUse - input.holders
  const runsWithoutOutcome = input.submitted - input.settled - input.inFlight
  const view = {
    permits: input.permits,
    inUse: input.inUse,
    peakInUse: counters.peakInUse,
    acquired: counters.acquired,
    released: counters.released,
    leaked,
    doubleReleases: counters.doubleReleases,
    submitted: input.submitted,
    settled: input.settled,
    inFlight: input.inFlight,
    runsWithoutOutcome,
  }
  return {
    ...view,
    healthy: isHealthy(view) && counters.acquired - counters.released === input.inUse,
  }
}
