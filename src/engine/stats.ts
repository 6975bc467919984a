import type { ErrorType, RunOutcome } from '../protocol/outcome'
import type { LatencyView, StatsView } from '../protocol/telemetry'
import { isPanicErrorType } from '../protocol/panic'
import { LatencyHistogram } from './latency-histogram'

/** Outcomes that mean the gate turned a run away rather than running it. */
const REJECTIONS: ReadonlySet<ErrorType> = new Set([
  'ValidationError',
  'ConcurrencyError',
  'ShuttingDownError',
])

const round = (ms: number): number => Math.round(ms * 100) / 100

function latencyView(h: LatencyHistogram): LatencyView {
  const { p50, p95, p99 } = h.percentiles()
  return {
    mean: round(h.mean),
    p50: round(p50),
    p95: round(p95),
    p99: round(p99),
    max: round(h.max),
  }
}

/** Running totals and latency distributions of every outcome since the last reset. */
export class RunStats {
  submitted = 0
  ok = 0
  failed = 0
  byError: Partial<Record<ErrorType, number>> = {}
  pool = 0
  loop = 0
  timeouts = 0
  panics = 0
  rejections = 0
  readonly #queue = new LatencyHistogram()
  readonly #run = new LatencyHistogram()
  readonly #total = new LatencyHistogram()
  #since = Date.now()

  record(outcome: RunOutcome): void {
    if (outcome.route === 'pool') this.pool++
    else if (outcome.route === 'loop') this.loop++
    this.#total.record(outcome.timing.totalMs)
    if (outcome.lane !== undefined) {
      this.#queue.record(outcome.timing.queuedMs)
      this.#run.record(outcome.timing.runMs)
    }
    if (outcome.status === 'ok') {
      this.ok++
      return
    }
    this.failed++
    const type = outcome.error?.type ?? 'PanicError'
    this.byError[type] = (this.byError[type] ?? 0) + 1
    if (type === 'TimeoutError') this.timeouts++
    else if (isPanicErrorType(type)) this.panics++
    else if (REJECTIONS.has(type)) this.rejections++
  }

  /** Outcomes recorded so far. */
  get settled(): number {
    return this.ok + this.failed
  }

  view(current: number): StatsView {
    return {
      since: this.#since,
      submitted: this.submitted,
      settled: this.settled,
      current,
      ok: this.ok,
      failed: this.failed,
      byError: { ...this.byError },
      pool: this.pool,
      loop: this.loop,
      timeouts: this.timeouts,
      panics: this.panics,
      rejections: this.rejections,
      latencyMs: {
        queue: latencyView(this.#queue),
        run: latencyView(this.#run),
        total: latencyView(this.#total),
      },
    }
  }

  /** Starts the counts over; runs in flight still count when they settle. */
  reset(): void {
    this.submitted = 0
    this.ok = 0
    this.failed = 0
    this.byError = {}
    this.pool = 0
    this.loop = 0
    this.timeouts = 0
    this.panics = 0
    this.rejections = 0
    this.#queue.reset()
    this.#run.reset()
    this.#total.reset()
    this.#since = Date.now()
  }
}
