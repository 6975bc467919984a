import { describe, expect, it } from 'vitest'
import { stressReportCsv } from '../../../src/cli/stress-csv'
import type { StressBucket, StressReportFull } from '../../../src/protocol/stress'
import {
  appendBucket,
  emptySeries,
  seriesFromBuckets,
} from '../../../renderer/charts/stress-series'
import {
  reportFileName,
  stressReportCsv as rendererCsv,
  stressReportJson,
} from '../../../renderer/views/StressLab/report-export'

const bucket = (t: number, changes: Partial<StressBucket> = {}): StressBucket => ({
  t,
  completed: 10,
  throughputPerSec: 20,
  queueMs: { p50: 1, p95: 2, p99: 3 },
  runMs: { p50: 0.5, p95: 0.9, p99: 1.2 },
  permitsInUse: 4,
  waiters: 100,
  timeouts: 0,
  panics: 0,
  ...changes,
})

describe('progress buckets to chart series', () => {
  it('turns buckets into columns: seconds, rates per second, gaps where nothing finished', () => {
    const series = seriesFromBuckets([
      bucket(500, { timeouts: 2, panics: 1 }),
      bucket(1000, { completed: 0, throughputPerSec: 0, waiters: 90 }),
      bucket(1250, { timeouts: 1 }),
    ])
    expect(series.t).toEqual([0.5, 1, 1.25])
    expect(series.throughput).toEqual([20, 0, 20])
    expect(series.queueP50).toEqual([1, null, 1])
    expect(series.queueP99).toEqual([3, null, 3])
    expect(series.runP95).toEqual([0.9, null, 0.9])
    expect(series.permitsInUse).toEqual([4, 4, 4])
    expect(series.waiters).toEqual([100, 90, 100])
    // 2 timeouts in the first 500 ms, 1 in the last 250 ms: 4 a second each.
    expect(series.timeoutsPerSec).toEqual([4, 0, 4])
    expect(series.panicsPerSec).toEqual([2, 0, 0])
  })

  it('appends in place and ignores a bucket it already has', () => {
    const series = emptySeries()
    const columns = series.t
    expect(appendBucket(series, bucket(500))).toBe(true)
    expect(appendBucket(series, bucket(500))).toBe(false)
    expect(appendBucket(series, bucket(400))).toBe(false)
    expect(appendBucket(series, bucket(1000))).toBe(true)
    expect(series.t).toBe(columns)
    expect(series.t).toEqual([0.5, 1])
  })
})

describe('report exports', () => {
  const report = {
    stressId: 'stress7',
    startedAt: new Date(2025, 0, 31, 14, 25, 1).getTime(),
    runs: [
      {
        i: 0,
        submittedAt: 0,
        admittedAt: 0.1,
        startedAt: 0.2,
        settledAt: 1.5,
        lane: 0,
        outcome: 'ok',
      },
      {
        i: 1,
        fault: 'throw',
        submittedAt: 0,
        admittedAt: null,
        startedAt: null,
        settledAt: 30,
        lane: null,
        outcome: 'ConcurrencyError',
        cause: 'said "no", twice',
      },
    ],
  } as unknown as StressReportFull

  it('the CSV is the CLI’s, imported as is into the window', () => {
    expect(rendererCsv).toBe(stressReportCsv)
    expect(rendererCsv(report)).toBe(
      'i,fault,submittedAt,admittedAt,startedAt,settledAt,lane,outcome,cause\n' +
        '0,,0,0.1,0.2,1.5,0,ok,\n' +
        '1,throw,0,,,30,,ConcurrencyError,"said ""no"", twice"\n',
    )
  })

  it('the JSON is the whole report, and file names say which stress and when', () => {
    expect(JSON.parse(stressReportJson(report))).toEqual(report)
    expect(reportFileName(report, '.csv')).toBe('gatehouse-stress7-2025-01-31-142501.csv')
  })
})

describe('rejected runs in the series', () => {
  it('charts rejections per second apart from the throughput, which leaves them out', () => {
    const series = seriesFromBuckets([
      bucket(500, { completed: 10, throughputPerSec: 20 }),
      // 2,000 wait timeouts at once, and 5 runs that ran.
      bucket(1000, { completed: 2005, rejected: 2000, throughputPerSec: 10 }),
      bucket(1500, { completed: 2000, rejected: 2000, throughputPerSec: 0 }),
    ])
    expect(series.throughput).toEqual([20, 10, 0])
    expect(series.rejectedPerSec).toEqual([0, 4000, 4000])
    // Latencies are gaps where only rejections settled: nothing ran.
    expect(series.runP50[2]).toBeNull()
    expect(series.runP50[1]).not.toBeNull()
  })
})
