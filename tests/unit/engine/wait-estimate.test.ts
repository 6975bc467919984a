import { describe, expect, it } from 'vitest'
import type { WaitEstimateInput } from '../../../src/engine/stress/wait-estimate'
import {
  LANE_REPLACE_MS,
  estimateWaitMisses,
  meanLaneMs,
  msPerRunFromReport,
} from '../../../src/engine/stress/wait-estimate'

const design = (changes: Partial<WaitEstimateInput> = {}): WaitEstimateInput => ({
  runs: 2000,
  permits: 4,
  lanes: 2,
  waitTimeoutMs: 10_000,
  runTimeoutMs: 5000,
  arrival: { pattern: 'burst' },
  faults: {},
  msPerRun: 16,
  ...changes,
})

describe('estimateWaitMisses', () => {
  it('a burst: the lanes finish 125 runs a second, so after 10 s about 1,250 + 4 are in and the rest miss', () => {
    const estimate = estimateWaitMisses(design())
    expect(estimate.capacityPerSec).toBeCloseTo(125)
    // 2000 - 4 held at once - 10 s x 125/s = 746, within the model's step.
    expect(estimate.missed).toBeGreaterThan(720)
    expect(estimate.missed).toBeLessThan(770)
    // The last of the burst would wait (2000 - 4) / 125 s without a timeout.
    expect(estimate.longestWaitMs).toBeGreaterThan(15_500)
    expect(estimate.longestWaitMs).toBeLessThan(16_500)
  })

  it('a wait timeout above the longest wait lets every run in', () => {
    const { longestWaitMs } = estimateWaitMisses(design())
    expect(estimateWaitMisses(design({ waitTimeoutMs: longestWaitMs + 500 })).missed).toBe(0)
  })

  it('a rate under the capacity queues nothing; over it, the excess misses once the queue is a timeout deep', () => {
    expect(
      estimateWaitMisses(design({ arrival: { pattern: 'rate', perSecond: 100 } })).missed,
    ).toBe(0)
    // 250/s against 125/s for 20 s with a 2 s wait: about 125/s of it misses after the first 2 s.
    const over = estimateWaitMisses(
      design({ runs: 5000, waitTimeoutMs: 2000, arrival: { pattern: 'rate', perSecond: 250 } }),
    )
    expect(over.missed).toBeGreaterThan(2200)
    expect(over.missed).toBeLessThan(2600)
  })

  it('more permits than lanes do not add capacity; fewer permits than lanes take it away', () => {
    expect(estimateWaitMisses(design({ permits: 64 })).capacityPerSec).toBeCloseTo(125)
    expect(estimateWaitMisses(design({ permits: 1 })).capacityPerSec).toBeCloseTo(62.5)
  })

  it('faults that hold a lane to the run timeout slow everything', () => {
    const mean = meanLaneMs({ loop: 2, crash: 1 }, 16, 100)
    expect(mean).toBeCloseTo(0.97 * 16 + 0.02 * 100 + 0.01 * LANE_REPLACE_MS)
    const slow = estimateWaitMisses(design({ faults: { loop: 2, crash: 1 }, runTimeoutMs: 100 }))
    expect(slow.missed).toBeGreaterThan(estimateWaitMisses(design()).missed)
  })
})

describe('msPerRunFromReport', () => {
  const report = (runs: { admittedAt: number | null; settledAt: number }[], faults = {}) => ({
    settings: { permits: 4, lanes: 2, runTimeoutMs: 5000 },
    plan: { faults, runTimeoutMs: 100 },
    runs,
  })

  it('reads the lane time per run from how fast a saturated stress went through', () => {
    // 100 runs through 2 lanes in 800 ms: 16 ms each.
    const runs = Array.from({ length: 100 }, (_, i) => ({
      admittedAt: i * 8,
      settledAt: i * 8 + 8,
    }))
    expect(msPerRunFromReport(report(runs))).toBeCloseTo(16)
  })

  it('takes out what that stress’s own faults cost, and needs 20 admitted runs', () => {
    const runs = Array.from({ length: 100 }, (_, i) => ({
      admittedAt: i * 8,
      settledAt: i * 8 + 8,
    }))
    // With 10% loops at 100 ms in the mix, a normal run took (16 - 10) / 0.9 ms.
    expect(msPerRunFromReport(report(runs, { loop: 10 }))).toBeCloseTo(6 / 0.9)
    expect(msPerRunFromReport(report(runs.slice(0, 10)))).toBeNull()
  })
})
