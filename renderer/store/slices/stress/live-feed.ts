import type { StressBucket, StressProgress, StressState } from '../../../../src/protocol/stress'
import type { EventLoopDelayView, TelemetryBatch } from '../../../../src/protocol/telemetry'
import type { StressSeries } from '../../../charts/stress-series'
import { appendBucket, emptySeries, seriesFromBuckets } from '../../../charts/stress-series'

/** The live gauge's numbers: what the gate and the stress are doing right now. */
export interface StressGauge {
  stressId: string | null
  state: StressState | null
  total: number
  submitted: number
  settled: number
  ok: number
  failed: number
  /** Settled runs that never got a permit: counted apart from the throughput. */
  rejected: number
  permitsInUse: number
  permits: number
  waiters: number
  lanesBusy: number
  lanes: number
  /** The main process's event-loop delay; null when the core does not report it. */
  eventLoopDelayMs: EventLoopDelayView | null
}

/** How far back the gauge's throughput looks. */
export const THROUGHPUT_WINDOW_MS = 1000

function idleGauge(): StressGauge {
  return {
    stressId: null,
    state: null,
    total: 0,
    submitted: 0,
    settled: 0,
    ok: 0,
    failed: 0,
    rejected: 0,
    permitsInUse: 0,
    permits: 0,
    waiters: 0,
    lanesBusy: 0,
    lanes: 0,
    eventLoopDelayMs: null,
  }
}

export const isActiveStress = (state: StressState | null): boolean =>
  state === 'running' || state === 'paused' || state === 'cancelling'

/**
 * A stress run's high-rate data, outside React state: the gauge, fed by
 * every telemetry batch (~30 a second), and the chart series, fed by the
 * half-second progress buckets. Subscribers hear of changes at most once
 * per animation frame and draw it themselves, instead of re-rendering.
 */
export class StressLiveFeed {
  gauge: StressGauge = idleGauge()
  series: StressSeries = emptySeries()
  /** Bumped on every change: views compare it to skip needless draws. */
  version = 0
  /** Bumped when the series arrays are replaced rather than appended to. */
  seriesEpoch = 0
  #listeners = new Set<() => void>()
  /** (time, runs that got a permit and settled) samples for the throughput, oldest first. */
  #samples: { at: number; completed: number }[] = []
  #runIdPrefix: string | null = null
  #frame = 0
  #startedAt: number | null = null
  #endedAt: number | null = null
  #averageThroughput = 0

  /** `now`: this window's clock, epoch ms. */
  constructor(private readonly now: () => number = () => Date.now()) {}

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Starts following a new stress: the series and counts start from zero. */
  follow(stressId: string, total: number, state: StressState = 'running'): void {
    this.gauge = {
      ...this.gauge,
      stressId,
      state,
      total,
      submitted: 0,
      settled: 0,
      ok: 0,
      failed: 0,
      rejected: 0,
    }
    this.#runIdPrefix = `${stressId}-`
    this.#startedAt = this.now()
    this.#endedAt = null
    this.#averageThroughput = 0
    this.#samples = [{ at: this.#startedAt, completed: 0 }]
    this.series = emptySeries()
    this.seriesEpoch++
    this.#changed()
  }

  /**
   * Reads a telemetry batch: the gate's numbers from its snapshot, and the
   * followed stress's settled runs from its events, so the count moves
   * between the half-second progress events.
   */
  noteBatch(batch: TelemetryBatch): void {
    const { snapshot } = batch
    const gauge = this.gauge
    gauge.permitsInUse = snapshot.permits.inUse
    gauge.permits = snapshot.permits.total
    gauge.waiters = snapshot.waitersTotal ?? snapshot.waiters.length
    gauge.lanes = snapshot.lanes.length
    gauge.lanesBusy = snapshot.lanes.filter((lane) => lane.state === 'running').length
    if (snapshot.eventLoopDelayMs) gauge.eventLoopDelayMs = snapshot.eventLoopDelayMs
    const prefix = this.#runIdPrefix
    if (prefix && isActiveStress(gauge.state)) {
      let settled = 0
      let ok = 0
      let rejected = 0
      for (const event of batch.events) {
        if (event.kind === 'run.settled' && event.runId.startsWith(prefix)) {
          settled++
          if (event.status === 'ok') ok++
          else if (event.errorType === 'ConcurrencyError') rejected++
        }
      }
      if (settled > 0) {
        gauge.settled = Math.min(gauge.total, gauge.settled + settled)
        gauge.ok += ok
        gauge.failed = gauge.settled - gauge.ok
        gauge.rejected = Math.min(gauge.settled, gauge.rejected + rejected)
      }
      this.#sample()
    }
    this.#changed()
  }

  /** A progress event: authoritative counts, and a new point for every chart. */
  noteProgress(progress: StressProgress): void {
    if (progress.stressId !== this.gauge.stressId) return
    const gauge = this.gauge
    gauge.state = progress.state
    gauge.total = progress.total
    gauge.submitted = progress.submitted
    // Events may run ahead of the progress event: never step the count back.
    if (progress.settled >= gauge.settled) {
      gauge.settled = progress.settled
      gauge.ok = progress.ok
      gauge.failed = progress.failed
      if (progress.rejected !== undefined) gauge.rejected = progress.rejected
    }
    if (progress.bucket) appendBucket(this.series, progress.bucket)
    this.#changed()
  }

  noteState(state: StressState): void {
    if (this.gauge.state === state) return
    this.gauge.state = state
    if (!isActiveStress(state)) this.#endedAt ??= this.now()
    this.#changed()
  }

  /** The final report's series replaces what arrived live (it has every bucket). */
  replaceSeries(buckets: readonly StressBucket[]): void {
    this.series = seriesFromBuckets(buckets)
    this.seriesEpoch++
    this.#changed()
  }

  /** The final report's counts and wall time, which every later view must agree with. */
  settle(final: {
    settled: number
    ok: number
    /** Settled runs that never got a permit; absent: as counted live. */
    rejected?: number
    submitted: number
    wallMs: number
    throughputPerSec: number
  }): void {
    const gauge = this.gauge
    this.#averageThroughput = final.throughputPerSec
    gauge.settled = final.settled
    gauge.ok = final.ok
    gauge.failed = final.settled - final.ok
    if (final.rejected !== undefined) gauge.rejected = final.rejected
    gauge.submitted = final.submitted
    if (this.#startedAt !== null) this.#endedAt = this.#startedAt + final.wallMs
    this.#samples = []
    this.#changed()
  }

  /**
   * Runs of the followed stress settled per second over about the last
   * second, as of `now`: it falls to 0 when nothing arrives, so a stalled
   * feed shows as a stall rather than as the last rate seen. Once the
   * stress is over: its average, from the final report (0 until then).
   */
  throughputPerSec(now = this.now()): number {
    if (!isActiveStress(this.gauge.state)) return Math.round(this.#averageThroughput)
    const samples = this.#samples
    // The newest sample at least a window old is the baseline; older ones are no longer needed.
    let base = 0
    while (
      base + 1 < samples.length &&
      (samples[base + 1] as { at: number }).at <= now - THROUGHPUT_WINDOW_MS
    )
      base++
    if (base > 0) samples.splice(0, base)
    const baseline = samples[0]
    if (!baseline) return 0
    const spanMs = Math.max(now - baseline.at, 1)
    return Math.round(((this.#completed() - baseline.completed) / spanMs) * 1000)
  }

  /** Milliseconds since the followed stress started (to its end once it ended); null before one. */
  elapsedMs(now = this.now()): number | null {
    if (this.#startedAt === null) return null
    return Math.max(0, (this.#endedAt ?? now) - this.#startedAt)
  }

  /** Runs that got a permit and settled: what the throughput counts. */
  #completed(): number {
    return this.gauge.settled - this.gauge.rejected
  }

  #sample(): void {
    this.#samples.push({ at: this.now(), completed: this.#completed() })
  }

  #changed(): void {
    this.version++
    // One notification per animation frame, however many batches arrived in it.
    if (this.#frame !== 0) return
    if (typeof requestAnimationFrame !== 'function') {
      this.#notify()
      return
    }
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0
      this.#notify()
    })
  }

  #notify(): void {
    for (const listener of this.#listeners) listener()
  }
}
