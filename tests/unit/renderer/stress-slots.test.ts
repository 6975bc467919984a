import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { StressRunRecord } from '../../../src/protocol/stress'
import { describeRun } from '../../../renderer/charts/PermitTimeline/describe-run'
import {
  hitTest,
  outcomeTone,
  rowCount,
  rowLabel,
} from '../../../renderer/charts/PermitTimeline/draw'
import type { TimelineGeometry } from '../../../renderer/charts/PermitTimeline/draw'
import {
  assignSlots,
  buildTimeline,
  buildTimelineInSteps,
  mergeIntervals,
} from '../../../renderer/charts/PermitTimeline/slot-layout'
import {
  clampView,
  fitView,
  formatTick,
  lowerBound,
  panView,
  tickStep,
  ticks,
  zoomView,
} from '../../../renderer/charts/PermitTimeline/viewport'

function run(
  i: number,
  admittedAt: number | null,
  settledAt: number,
  extra: Partial<StressRunRecord> = {},
): StressRunRecord {
  return {
    i,
    submittedAt: 0,
    admittedAt,
    startedAt: admittedAt,
    settledAt,
    lane: admittedAt === null ? null : 0,
    outcome: 'ok',
    ...extra,
  }
}

describe('permit slot assignment', () => {
  it('puts each run on the first slot free when it was admitted', () => {
    const runs = [run(0, 0, 10), run(1, 0, 5), run(2, 5, 8), run(3, 9, 12), run(4, 10, 11)]
    expect([...assignSlots(runs)]).toEqual([0, 1, 1, 1, 0])
  })

  it('a run admitted the instant another settled takes its slot; rounding is forgiven', () => {
    expect([...assignSlots([run(0, 0, 4), run(1, 4, 6)])]).toEqual([0, 0])
    expect([...assignSlots([run(0, 0, 4.01), run(1, 4, 6)])]).toEqual([0, 0])
    expect([...assignSlots([run(0, 0, 4.5), run(1, 4, 6)])]).toEqual([0, 1])
  })

  it('orders by admission, not by the order of the report', () => {
    const runs = [run(0, 20, 30), run(1, 0, 10), run(2, 10, 20)]
    expect([...assignSlots(runs)]).toEqual([0, 0, 0])
  })

  it('gives runs that never got a permit no slot', () => {
    expect([...assignSlots([run(0, null, 50), run(1, 0, 3)])]).toEqual([-1, 0])
  })

  it('never puts two overlapping runs on one slot, and uses as many slots as the peak', () => {
    const arbitraryRuns = fc.array(
      fc.record({
        admittedAt: fc.integer({ min: 0, max: 1000 }),
        length: fc.integer({ min: 1, max: 200 }),
      }),
      { maxLength: 200 },
    )
    fc.assert(
      fc.property(arbitraryRuns, (specs) => {
        const runs = specs.map((s, i) => run(i, s.admittedAt, s.admittedAt + s.length))
        const slots = assignSlots(runs)
        const bySlot = new Map<number, StressRunRecord[]>()
        runs.forEach((r, i) =>
          bySlot.set(slots[i] ?? -1, [...(bySlot.get(slots[i] ?? -1) ?? []), r]),
        )
        for (const list of bySlot.values()) {
          list.sort((a, b) => (a.admittedAt ?? 0) - (b.admittedAt ?? 0))
          for (let k = 1; k < list.length; k++)
            expect((list[k] as StressRunRecord).admittedAt).toBeGreaterThanOrEqual(
              (list[k - 1] as StressRunRecord).settledAt - 0.02,
            )
        }
        // The peak number of overlapping holds (a release before an admission at the same instant).
        const points = runs.flatMap((r) => [
          [r.admittedAt ?? 0, 1],
          [r.settledAt, -1],
        ])
        points.sort(
          (a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number),
        )
        let open = 0
        let peak = 0
        for (const [, delta] of points) peak = Math.max(peak, (open += delta as number))
        const used = runs.length === 0 ? 0 : Math.max(...slots) + 1
        expect(used).toBe(peak)
      }),
    )
  })

  it('lays out swimlanes, merged waits and the runs that never got a permit', () => {
    const runs = [
      run(0, 0, 10, { submittedAt: 0 }),
      run(1, 0, 4, { submittedAt: 0 }),
      run(2, 4, 9, { submittedAt: 1, startedAt: 6 }),
      run(3, null, 7, { submittedAt: 2, outcome: 'ConcurrencyError' }),
      run(4, 10, 12, { submittedAt: 3, outcome: 'TimeoutError' }),
    ]
    const layout = buildTimeline(runs, 2)
    expect(layout.slots.map((slot) => slot.map((r) => r.i))).toEqual([
      [0, 4],
      [1, 2],
    ])
    expect(layout.overflow).toBe(0)
    expect(layout.waits[1]).toEqual([{ start: 1, end: 4 }])
    expect(layout.waits[0]).toEqual([{ start: 3, end: 10 }])
    expect(layout.unadmitted.map((r) => r.i)).toEqual([3])
    expect(layout.unadmittedWaits).toEqual([{ start: 2, end: 7 }])
    expect(layout.endMs).toBe(12)
    expect(rowCount(layout)).toBe(3)
    expect([0, 1, 2].map((r) => rowLabel(layout, r))).toEqual(['permit 1', 'permit 2', 'no permit'])
  })

  it('shows a gate that admitted too many as swimlanes over the limit', () => {
    const layout = buildTimeline([run(0, 0, 10), run(1, 1, 10), run(2, 2, 10)], 2)
    expect(layout.slots).toHaveLength(3)
    expect(layout.overflow).toBe(1)
    expect(rowLabel(layout, 2)).toBe('over limit 1')
  })

  it('merges intervals into their union', () => {
    expect(
      mergeIntervals([
        { start: 5, end: 8 },
        { start: 0, end: 2 },
        { start: 1, end: 3 },
        { start: 8, end: 9 },
        { start: 4, end: 4 },
      ]),
    ).toEqual([
      { start: 0, end: 3 },
      { start: 5, end: 9 },
    ])
  })

  it('finds the run under the pointer', () => {
    const layout = buildTimeline([run(0, 0, 10), run(1, 10, 20), run(2, null, 15)], 1)
    const g: TimelineGeometry = {
      width: 108,
      height: 100,
      gutter: 0,
      axisHeight: 20,
      footerHeight: 10,
      rowHeight: 20,
      rowScroll: 0,
    }
    const view = { startMs: 0, endMs: 100 }
    expect(hitTest(layout, view, g, 5, 30)?.i).toBe(0)
    expect(hitTest(layout, view, g, 15, 30)?.i).toBe(1)
    expect(hitTest(layout, view, g, 60, 30)).toBeNull()
    expect(hitTest(layout, view, g, 15, 50)?.i).toBe(2)
    expect(hitTest(layout, view, g, 15, 10)).toBeNull()
  })

  it('describes a run for its tooltip', () => {
    expect(
      describeRun(
        run(12, 40.5, 160, {
          submittedAt: 2,
          startedAt: 41,
          fault: 'loop',
          outcome: 'TimeoutError',
          cause: 'interrupt',
          lane: 1,
        }),
      ),
    ).toEqual({
      title: 'Run #12',
      lines: [
        'outcome: TimeoutError (interrupt)',
        'fault: loop',
        'lane: 1',
        'submitted at 2.00 ms',
        'admitted at 40.50 ms · waited 38.5 ms',
        'started at 41.00 ms · held 0.50 ms before a lane',
        'settled at 160.00 ms · ran 119 ms',
      ],
    })
    expect(describeRun(run(3, null, 12_345.6, { outcome: 'ConcurrencyError' })).lines).toEqual([
      'outcome: ConcurrencyError',
      'submitted at 0.00 ms',
      'settled at 12.346 s · never got a permit',
    ])
  })

  it('colours runs by how they ended', () => {
    expect(outcomeTone('ok')).toBe('ok')
    expect(outcomeTone('TimeoutError')).toBe('timeout')
    expect(outcomeTone('PanicError')).toBe('panic')
    expect(outcomeTone('ConcurrencyError')).toBe('rejected')
    expect(outcomeTone('CancelledError')).toBe('cancelled')
    expect(outcomeTone('MemoryLimitError')).toBe('error')
  })
})

describe('timeline viewport', () => {
  it('fits the whole stress and zooms around the anchor', () => {
    expect(fitView(1000)).toEqual({ startMs: 0, endMs: 1020 })
    const zoomed = zoomView({ startMs: 0, endMs: 1000 }, 0.5, 500, 1000)
    expect(zoomed).toEqual({ startMs: 250, endMs: 750 })
    const anchoredLeft = zoomView({ startMs: 0, endMs: 1000 }, 0.5, 0, 1000)
    expect(anchoredLeft).toEqual({ startMs: 0, endMs: 500 })
  })

  it('never zooms past half a millisecond or out beyond the stress', () => {
    const close = zoomView({ startMs: 10, endMs: 11 }, 0.001, 10.5, 1000)
    expect(close.endMs - close.startMs).toBeCloseTo(0.5)
    expect(zoomView({ startMs: 0, endMs: 1000 }, 10, 500, 1000)).toEqual(fitView(1000))
  })

  it('pans within the stress', () => {
    expect(panView({ startMs: 100, endMs: 200 }, 50, 1000)).toEqual({ startMs: 150, endMs: 250 })
    expect(panView({ startMs: 100, endMs: 200 }, -500, 1000)).toEqual({ startMs: 0, endMs: 100 })
    expect(panView({ startMs: 900, endMs: 1000 }, 500, 1000)).toEqual({ startMs: 920, endMs: 1020 })
    expect(clampView({ startMs: -5, endMs: 5 }, 1000)).toEqual({ startMs: 0, endMs: 10 })
  })

  it('puts ticks on round steps with readable labels', () => {
    expect(tickStep(1000, 10)).toBe(100)
    expect(tickStep(1000, 4)).toBe(500)
    expect(tickStep(3, 10)).toBe(0.5)
    expect(ticks({ startMs: 0, endMs: 1000 }, 4)).toEqual([0, 500, 1000])
    expect(formatTick(500, 500)).toBe('500 ms')
    expect(formatTick(2000, 1000)).toBe('2 s')
    expect(formatTick(12_500, 500)).toBe('12.5 s')
    expect(formatTick(0.5, 0.5)).toBe('0.5 ms')
  })

  it('binary-searches sorted runs', () => {
    const items = [1, 3, 3, 7]
    expect(lowerBound(items, 3, (x) => x)).toBe(1)
    expect(lowerBound(items, 4, (x) => x)).toBe(3)
    expect(lowerBound(items, 9, (x) => x)).toBe(4)
    expect(lowerBound(items, 0, (x) => x)).toBe(0)
  })
})

describe('buildTimelineInSteps', () => {
  it('yields every few hundred runs and ends with the layout buildTimeline makes', () => {
    const runs = Array.from({ length: 3000 }, (_, i) =>
      i % 7 === 0
        ? run(i, null, i * 0.5 + 30, { outcome: 'ConcurrencyError' })
        : run(i, i * 0.5, i * 0.5 + 2 + (i % 5)),
    )
    const steps = buildTimelineInSteps(runs, 4)
    let yields = 0
    let next = steps.next()
    while (!next.done) {
      yields++
      next = steps.next()
    }
    expect(yields).toBeGreaterThan(10)
    expect(next.value).toEqual(buildTimeline(runs, 4))
    expect(next.value.runCount).toBe(3000)
  })
})
