import type { StressBucket } from '../../src/protocol/stress'

/**
 * The live charts' data, column by column as uPlot wants it: one entry per
 * half-second bucket. Latencies are null for a bucket in which nothing
 * finished (a gap, not a fall to 0); timeouts and panics are per second.
 */
export interface StressSeries {
  /** Seconds since the stress started, at each bucket's end. */
  t: number[]
  /** Runs that got a permit and settled, per second. */
  throughput: number[]
  /** Runs turned away without a permit (ConcurrencyError), per second: charted apart. */
  rejectedPerSec: number[]
  queueP50: (number | null)[]
  queueP95: (number | null)[]
  queueP99: (number | null)[]
  runP50: (number | null)[]
  runP95: (number | null)[]
  runP99: (number | null)[]
  permitsInUse: number[]
  waiters: number[]
  timeoutsPerSec: number[]
  panicsPerSec: number[]
}

export type StressSeriesKey = Exclude<keyof StressSeries, 't'>

export function emptySeries(): StressSeries {
  return {
    t: [],
    throughput: [],
    rejectedPerSec: [],
    queueP50: [],
    queueP95: [],
    queueP99: [],
    runP50: [],
    runP95: [],
    runP99: [],
    permitsInUse: [],
    waiters: [],
    timeoutsPerSec: [],
    panicsPerSec: [],
  }
}

const perSecond = (count: number, spanMs: number): number =>
  Math.round((count / Math.max(spanMs, 1)) * 1000 * 100) / 100

/**
 * Appends one bucket in place (the charts keep their arrays). A bucket that
 * is not later than the last one is a repeat and is ignored; returns whether
 * it was added.
 */
export function appendBucket(series: StressSeries, bucket: StressBucket): boolean {
  const lastSeconds = series.t.length > 0 ? (series.t[series.t.length - 1] as number) : null
  const seconds = bucket.t / 1000
  if (lastSeconds !== null && seconds <= lastSeconds) return false
  const spanMs = lastSeconds === null ? bucket.t : bucket.t - lastSeconds * 1000
  const rejected = bucket.rejected ?? 0
  const ran = bucket.completed - rejected > 0
  series.t.push(seconds)
  series.throughput.push(bucket.throughputPerSec)
  series.rejectedPerSec.push(perSecond(rejected, spanMs))
  series.queueP50.push(ran ? bucket.queueMs.p50 : null)
  series.queueP95.push(ran ? bucket.queueMs.p95 : null)
  series.queueP99.push(ran ? bucket.queueMs.p99 : null)
  series.runP50.push(ran ? bucket.runMs.p50 : null)
  series.runP95.push(ran ? bucket.runMs.p95 : null)
  series.runP99.push(ran ? bucket.runMs.p99 : null)
  series.permitsInUse.push(bucket.permitsInUse)
  series.waiters.push(bucket.waiters)
  series.timeoutsPerSec.push(perSecond(bucket.timeouts, spanMs))
  series.panicsPerSec.push(perSecond(bucket.panics, spanMs))
  return true
}

/** The series of a whole report's buckets. */
export function seriesFromBuckets(buckets: readonly StressBucket[]): StressSeries {
  const series = emptySeries()
  for (const bucket of buckets) appendBucket(series, bucket)
  return series
}
