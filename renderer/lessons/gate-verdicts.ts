import type { GateVerdict } from '../../src/protocol/gate-verdict'

/** The workload's permits when the core does not say (older cores): DEFAULT_WORKLOAD's. */
const DEFAULT_PERMITS = 4

export const permitsOf = (verdict: GateVerdict) => verdict.permits ?? DEFAULT_PERMITS

/** A gate is sound when nothing is stuck, no permit is left held, and it never let too many in. */
export function isSound(verdict: GateVerdict): boolean {
  return (
    verdict.stuck === 0 && verdict.inUseAfter === 0 && verdict.peakRunning <= permitsOf(verdict)
  )
}

/** The lesson's expectation: the real gate (listed first) sound, every broken one caught. */
export function comparisonMeets(verdicts: readonly GateVerdict[]): boolean {
  return (
    verdicts.length > 1 &&
    verdicts.every((verdict, index) => (index === 0 ? isSound(verdict) : !isSound(verdict)))
  )
}
