import type { Semaphore } from '../../gate/semaphore'
import type { ErrorType, RunOutcome } from '../../protocol/outcome'
import type { Settings } from '../../protocol/settings'
import { STRESS_REPORT_FORMAT, STRESS_REPORT_VERSION } from '../../protocol/stress'
import { isPanicEvent } from '../../protocol/panic'
import type {
  FaultKind,
  StressBucket,
  StressComparisonRole,
  StressPlan,
  StressProgress,
  StressReportFull,
  StressRunRecord,
  StressState,
} from '../../protocol/stress'
import type { Scheduler } from '../scheduler'
import type { TelemetryHub } from '../telemetry'
import { FAULT_CODE, faultFor, randomSeed } from './fault-plan'
import { percentiles } from './percentiles'
import { isHealthy } from '../audit'

/** Width of one point of the live charts. */
export const BUCKET_MS = 500
/** How often arrivals are released for the ramp and rate patterns. */
const TICK_MS = 10

export interface StressDeps {
  scheduler: Scheduler
  gate: Semaphore
  settings: Settings
  telemetry: TelemetryHub
  lanes: number
  /** Called after each run settles, with the count so far (the CLI's progress bar, tests). */
  onSettled?: (settled: number) => void
  /** When the stress is half of a comparison: recorded in its report. */
  comparison?: StressComparisonRole
  /**
   * Runs after the last outcome and before the stress is reported finished
   * (a comparison puts the user's settings back here, so that a window that
   * hears "finished" finds the gate as it was).
   */
  beforeFinish?: () => Promise<void>
}

const round = (n: number): number => Math.round(n * 100) / 100

/**
 * One stress run inside the core: submits the plan's runs as its arrival
 * pattern says (with faults mixed in), reports progress in the telemetry
 * every half second, and keeps every run's record for the report and the
 * permit timeline. It can be paused (no new arrivals), resumed and cancelled
 * (no new arrivals, and every run in flight is stopped).
 */
export class StressRun {
  readonly id: string
  /** The plan's seed, or the one picked for it: the report records it. */
  readonly seed: number
  #state: StressState = 'running'
  readonly #records: StressRunRecord[] = []
  readonly #series: StressBucket[] = []
  #submitted = 0
  #settled = 0
  #ok = 0
  /** Settled runs that never got a permit. */
  #rejected = 0
  #recycled = 0
  #panics = 0
  #start = 0
  /** Clock time spent paused, which the arrival schedule does not count. */
  #pausedMs = 0
  #pausedAt = 0
  #bucketStart = 0
  #bucket: RunOutcome[] = []
  #bucketEvents = { timeouts: 0, panics: 0 }
  #ticker: ReturnType<typeof setInterval> | undefined
  #bucketTimer: ReturnType<typeof setInterval> | undefined
  #untap: (() => void) | undefined
  #finished: Promise<StressReportFull> | undefined
  #wallMs = 0
  /** The settings the stress ran under, fixed at its start (a comparison changes them after). */
  #settingsAtStart: StressReportFull['settings'] | undefined
  /** The report once the stress is over: later changes to the gate must not rewrite it. */
  #final: StressReportFull | undefined
  /** Set while the run waits for its last outcomes. */
  #drained: (() => void) | undefined

  constructor(
    private readonly deps: StressDeps,
    private readonly plan: StressPlan,
    id: string,
  ) {
    this.id = id
    this.seed = plan.seed ?? randomSeed()
  }

  get state(): StressState {
    return this.#state
  }

  /** Starts the run; resolves with the report when every submitted run has its outcome. */
  start(): Promise<StressReportFull> {
    if (this.#finished) return this.#finished
    this.#finished = new Promise((resolve) => {
      const { gate, telemetry } = this.deps
      gate.resetPeaks()
      this.#settingsAtStart = this.#settings()
      this.#start = performance.now()
      this.#bucketStart = this.#start
      this.#untap = telemetry.tap((event) => {
        if (event.kind === 'lane.recycled') this.#recycled++
        if (isPanicEvent(event)) {
          this.#panics++
          this.#bucketEvents.panics++
        }
      })
      this.#bucketTimer = setInterval(() => this.#closeBucket(), BUCKET_MS)
      const release = (): void => {
        if (this.#state !== 'running') return
        const due = this.#dueCount()
        while (this.#submitted < due) void this.#submit(this.#submitted++)
        if (this.#submitted >= this.plan.runs) this.#stopTicker()
      }
      const finish = async (): Promise<void> => {
        // Resolved by the last outcome once no more runs will arrive (all submitted, or cancelled).
        await new Promise<void>((drained) => {
          this.#drained = drained
          this.#checkDrained()
        })
        this.#wallMs = performance.now() - this.#start - this.#pausedMs
        this.#stopTicker()
        if (this.#bucketTimer) clearInterval(this.#bucketTimer)
        this.#closeBucket()
        this.#untap?.()
        this.#state = this.#state === 'cancelling' ? 'cancelled' : 'done'
        // Read now, before beforeFinish changes the gate (a comparison restores the settings).
        let report = this.report()
        this.#final = report
        if (this.deps.beforeFinish) {
          try {
            await this.deps.beforeFinish()
          } catch (error) {
            this.noteComparisonError((error as Error).message)
            if (this.deps.comparison)
              report = { ...report, comparison: { ...this.deps.comparison } }
            this.#final = report
          }
        }
        telemetry.emit({
          kind: 'stress.finished',
          stressId: this.id,
          state: this.#state,
          passed: report.audit.passed,
        })
        resolve(report)
      }
      release()
      if (this.#submitted < this.plan.runs) this.#ticker = setInterval(release, TICK_MS)
      void finish()
    })
    return this.#finished
  }

  pause(): StressState {
    if (this.#state === 'running') {
      this.#state = 'paused'
      this.#pausedAt = performance.now()
    }
    return this.#state
  }

  resume(): StressState {
    if (this.#state === 'paused') {
      this.#pausedMs += performance.now() - this.#pausedAt
      this.#state = 'running'
    }
    return this.#state
  }

  /** No more arrivals; every run still queued or running is stopped. */
  cancel(): StressState {
    if (this.#state !== 'running' && this.#state !== 'paused') return this.#state
    if (this.#state === 'paused') this.#pausedMs += performance.now() - this.#pausedAt
    this.#state = 'cancelling'
    this.#stopTicker()
    for (let i = 0; i < this.#submitted; i++) this.deps.scheduler.stop(this.#runId(i))
    this.#checkDrained()
    return this.#state
  }

  /** Every run submitted has its outcome and no more will come: the run can finish. */
  #checkDrained(): void {
    const noMore = this.#submitted >= this.plan.runs || this.#state === 'cancelling'
    if (!noMore || this.#settled < this.#submitted) return
    const drained = this.#drained
    this.#drained = undefined
    drained?.()
  }

  progress(bucket?: StressBucket): StressProgress {
    const p: StressProgress = {
      stressId: this.id,
      state: this.#state,
      total: this.plan.runs,
      submitted: this.#submitted,
      settled: this.#settled,
      ok: this.#ok,
      failed: this.#settled - this.#ok,
      rejected: this.#rejected,
    }
    if (bucket) p.bucket = bucket
    return p
  }

  /** Records why the comparison this stress belongs to stopped early (the first reason wins). */
  noteComparisonError(message: string): void {
    const role = this.deps.comparison
    if (role && role.error === undefined) role.error = message
  }

  /** The report so far; final once the run is done or cancelled. */
  report(): StressReportFull {
    if (this.#final) return this.#final
    const { scheduler, gate } = this.deps
    const audit = scheduler.audit()
    const errors: Partial<Record<ErrorType, number>> = {}
    for (const r of this.#records)
      if (r.outcome !== 'ok') errors[r.outcome] = (errors[r.outcome] ?? 0) + 1
    const ran = this.#records.filter((r) => r.startedAt !== null)
    const started = this.#start > 0
    const wallMs = !started ? 0 : this.#wallMs || performance.now() - this.#start - this.#pausedMs
    const { code, ...planRest } = this.plan
    const runsWithoutOutcome = this.#submitted - this.#settled + audit.runsWithoutOutcome
    const finished = this.#state === 'done' || this.#state === 'cancelled'
    const { seed: _seed, ...planShared } = planRest
    const report: StressReportFull = {
      format: STRESS_REPORT_FORMAT,
      version: STRESS_REPORT_VERSION,
      stressId: this.id,
      plan: { ...planShared, seed: this.seed, codeBytes: Buffer.byteLength(code) },
      settings: this.#settingsAtStart ?? this.#settings(),
      state: this.#state,
      startedAt: started ? Date.now() - (performance.now() - this.#start) : Date.now(),
      wallMs: Math.round(wallMs),
      submitted: this.#submitted,
      outcomes: { ok: this.#ok, error: errors },
      audit: {
        permits: gate.permits,
        peakInUse: audit.peakInUse,
        inUseAfter: audit.inUse,
        leaked: audit.leaked,
        doubleReleases: audit.doubleReleases,
        runsWithoutOutcome,
        passed:
          finished &&
          isHealthy({ ...audit, runsWithoutOutcome }) &&
          audit.peakInUse <= gate.permits,
      },
      waitingPeak: gate.counters.peakPending,
      lanes: { count: this.deps.lanes, recycled: this.#recycled, panics: this.#panics },
      // Runs turned away without a permit are not throughput.
      throughputPerSec:
        wallMs > 0
          ? round((this.#records.filter((r) => r.admittedAt !== null).length / wallMs) * 1000)
          : 0,
      latencyMs: {
        queue: percentiles(ran.map((r) => (r.startedAt as number) - r.submittedAt)),
        run: percentiles(ran.map((r) => r.settledAt - (r.startedAt as number))),
        total: percentiles(this.#records.map((r) => r.settledAt - r.submittedAt)),
      },
      ...(this.deps.comparison ? { comparison: { ...this.deps.comparison } } : {}),
      series: [...this.#series],
      runs: [...this.#records].sort((a, b) => a.i - b.i),
    }
    return report
  }

  #settings(): StressReportFull['settings'] {
    const { settings, lanes } = this.deps
    return {
      permits: settings.permits,
      lanes,
      waitTimeoutMs: settings.waitTimeoutMs,
      runTimeoutMs: this.plan.runTimeoutMs ?? settings.runTimeoutMs,
    }
  }

  /** How many runs the arrival pattern has released by now. */
  #dueCount(): number {
    const { arrival, runs } = this.plan
    const elapsed = performance.now() - this.#start - this.#pausedMs
    switch (arrival.pattern) {
      case 'burst':
        return runs
      case 'ramp':
        return Math.min(runs, Math.floor((elapsed / arrival.overMs) * runs) + 1)
      case 'rate':
        return Math.min(runs, Math.floor((elapsed / 1000) * arrival.perSecond) + 1)
    }
  }

  #runId(i: number): string {
    return `${this.id}-${i}`
  }

  async #submit(i: number): Promise<void> {
    try {
      await this.#submitAndRecord(i)
    } catch {
      // Only a bug gets here; the run still counts, so the stress can finish.
      this.#settled++
    } finally {
      this.#checkDrained()
    }
  }

  async #submitAndRecord(i: number): Promise<void> {
    const fault: FaultKind | undefined = faultFor(i, this.plan.faults, this.seed)
    const code = fault && fault !== 'crash' ? FAULT_CODE[fault] : this.plan.code
    const submittedAt = performance.now()
    const payload: Record<string, unknown> = {
      id: this.#runId(i),
      code,
      input: JSON.stringify({ i }),
    }
    if (this.plan.language && (!fault || fault === 'crash')) payload.language = this.plan.language
    if (this.plan.runTimeoutMs !== undefined)
      payload.limits = { runTimeoutMs: this.plan.runTimeoutMs }
    const outcome = await this.deps.scheduler.submit(payload, {
      ...(fault === 'crash' ? { crashLane: 'on-start' as const } : {}),
      submittedAt,
    })
    const t = (ms: number): number => round(ms - this.#start)
    const record: StressRunRecord = {
      i,
      submittedAt: t(submittedAt),
      admittedAt:
        outcome.timing.permitWaitMs === undefined
          ? null
          : t(submittedAt + outcome.timing.permitWaitMs),
      startedAt: outcome.lane === undefined ? null : t(submittedAt + outcome.timing.queuedMs),
      settledAt: t(submittedAt + outcome.timing.totalMs),
      lane: outcome.lane ?? null,
      outcome: outcome.status === 'ok' ? 'ok' : (outcome.error?.type ?? 'PanicError'),
    }
    if (fault) record.fault = fault
    if (outcome.error?.cause) record.cause = outcome.error.cause
    this.#records.push(record)
    this.#settled++
    if (outcome.status === 'ok') this.#ok++
    if (record.admittedAt === null) this.#rejected++
    if (outcome.error?.type === 'TimeoutError') this.#bucketEvents.timeouts++
    this.#bucket.push(outcome)
    try {
      this.deps.onSettled?.(this.#settled)
    } catch {
      // A failing progress listener must not cost the stress its end.
    }
  }

  #closeBucket(): void {
    const now = performance.now()
    const seconds = Math.max(0.001, (now - this.#bucketStart) / 1000)
    const ran = this.#bucket.filter((o) => o.lane !== undefined)
    const rejected = this.#bucket.filter((o) => o.timing.permitWaitMs === undefined).length
    const bucket: StressBucket = {
      t: Math.round(now - this.#start),
      completed: this.#bucket.length,
      rejected,
      throughputPerSec: round((this.#bucket.length - rejected) / seconds),
      queueMs: percentiles(ran.map((o) => o.timing.queuedMs)),
      runMs: percentiles(ran.map((o) => o.timing.runMs)),
      permitsInUse: this.deps.gate.activeCount,
      waiters: this.deps.gate.pendingCount,
      timeouts: this.#bucketEvents.timeouts,
      panics: this.#bucketEvents.panics,
    }
    this.#series.push(bucket)
    this.#bucket = []
    this.#bucketEvents = { timeouts: 0, panics: 0 }
    this.#bucketStart = now
    this.deps.telemetry.emit({ kind: 'stress.progress', ...this.progress(bucket) })
  }

  #stopTicker(): void {
    if (this.#ticker) clearInterval(this.#ticker)
    this.#ticker = undefined
  }
}
