import { describe, expect, it } from 'vitest'
import { ReplaySeries } from '../../../renderer/charts/replay-series'
import { replayMoments } from '../../../renderer/charts/replay-state'
import { sampleReport } from '../engine/stress-report-fixture'

describe('a replay’s moments', () => {
  it('counts what was submitted, settled, holding a permit and waiting at each moment', () => {
    const { runs } = sampleReport()
    const moments = replayMoments(runs)
    expect(moments.endMs).toBe(9)
    expect(moments.at(-1)).toEqual({ submitted: 0, settled: 0, ok: 0, permitsInUse: 0, waiting: 0 })
    // Runs 0 and 1 hold the two permits; 2, 3 and 4 wait.
    expect(moments.at(1)).toEqual({ submitted: 5, settled: 0, ok: 0, permitsInUse: 2, waiting: 3 })
    // Run 0 settled at 3 and run 2 took its permit at once.
    expect(moments.at(3)).toEqual({ submitted: 5, settled: 1, ok: 1, permitsInUse: 2, waiting: 2 })
    expect(moments.at(9)).toEqual({ submitted: 5, settled: 5, ok: 4, permitsInUse: 0, waiting: 0 })
    // Never more holders than permits, at any moment.
    for (let t = 0; t <= 9; t += 0.05) expect(moments.at(t).permitsInUse).toBeLessThanOrEqual(2)
  })

  it('a run that never got a permit waits until it settles', () => {
    const moments = replayMoments([
      {
        i: 0,
        submittedAt: 0,
        admittedAt: null,
        startedAt: null,
        settledAt: 4,
        lane: null,
        outcome: 'ConcurrencyError',
      },
    ])
    expect(moments.at(2).waiting).toBe(1)
    expect(moments.at(4).waiting).toBe(0)
  })
})

describe('the replayed series', () => {
  it('shows the buckets closed by the cursor on the whole time axis, and tells the charts once per change', () => {
    const report = sampleReport()
    const buckets = [0, 1, 2].map((k) => ({
      ...report.series[0],
      t: 500 * (k + 1),
      waiters: k + 1,
    }))
    const source = new ReplaySeries(buckets as typeof report.series)
    let calls = 0
    source.subscribe(() => calls++)
    expect(source.series.waiters).toEqual([1, 2, 3])
    source.setCursor(1200)
    expect(source.series.t).toEqual([0.5, 1, 1.5])
    expect(source.series.waiters).toEqual([1, 2, null])
    source.setCursor(1300)
    expect(calls).toBe(1)
    source.setCursor(null)
    expect(source.series.waiters).toEqual([1, 2, 3])
    expect(calls).toBe(2)
    expect(source.seriesEpoch).toBe(2)
  })
})
