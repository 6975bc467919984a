import type { LogLevel, RunError } from '../protocol/outcome'
import type { RunTrace, TraceEvent, TraceLimit } from '../protocol/trace'
import { MAX_TRACE_EVENTS, MAX_TRACE_TEXT_BYTES, limitOf } from '../protocol/trace'
import { boundText } from './log-collector'

/** Milliseconds to three decimals: a trace is read by people, and microseconds are noise here. */
const roundMs = (ms: number): number => Math.round(ms * 1000) / 1000

/**
 * The trace of one run, kept on the host side of the lane: the runner and the
 * event loop record what they do, the sandbox's timers part reports through
 * a host function only the machinery holds. Bounded: past
 * {@link MAX_TRACE_EVENTS} events only a count is kept, except the first
 * `limit` of each kind and the closing `settled`.
 */
export class TraceRecorder {
  readonly #events: TraceEvent[] = []
  #dropped = 0
  /** Where each recorded timer was set, for its `timer-fired` events. */
  readonly #timerLines = new Map<number, number>()
  #ended = false
  /** Kinds of limit recorded: the first of each is kept whatever the cap. */
  readonly #limitsKept = new Set<TraceLimit>()

  constructor(
    /** performance.now() when the run started. */
    private readonly startedAt: number,
    /** Lines of the user's code: a line past it is not the script's. */
    private readonly codeLines: number,
  ) {}

  /** Milliseconds since the run started, as events carry them. */
  now(): number {
    return roundMs(performance.now() - this.startedAt)
  }

  syncStart(): void {
    this.#add({ at: this.now(), kind: 'sync-start' })
  }

  syncEnd(): void {
    this.#add({ at: this.now(), kind: 'sync-end' })
  }

  timerSet(timer: number, delayMs: number, repeat: boolean, line: number): void {
    const event: TraceEvent = { at: this.now(), kind: 'timer-set', timer, delayMs }
    if (repeat) event.repeat = true
    if (Number.isInteger(line) && line >= 1 && line <= this.codeLines) event.line = line
    if (this.#add(event) && event.line !== undefined) this.#timerLines.set(timer, event.line)
  }

  timerFired(timer: number): void {
    const event: TraceEvent = { at: this.now(), kind: 'timer-fired', timer }
    const line = this.#timerLines.get(timer)
    if (line !== undefined) event.line = line
    this.#add(event)
  }

  /**
   * A batch of promise jobs about to be drained: recorded now, so the console
   * lines its jobs write follow it; {@link endJobs} fills in its count and time.
   */
  beginJobs(): Extract<TraceEvent, { kind: 'jobs' }> | undefined {
    if (this.#full()) return undefined
    const event: TraceEvent = { at: this.now(), kind: 'jobs', ms: 0 }
    this.#events.push(event)
    return event
  }

  /** `count` is undefined when a job failed in the engine (an interrupted batch still has one). */
  endJobs(
    batch: Extract<TraceEvent, { kind: 'jobs' }> | undefined,
    count: number | undefined,
  ): void {
    if (count === 0) {
      // Nothing ran, so nothing was recorded after it.
      if (batch && this.#events[this.#events.length - 1] === batch) this.#events.pop()
      return
    }
    if (!batch) {
      this.#dropped++
      return
    }
    batch.ms = roundMs(this.now() - batch.at)
    if (count !== undefined) batch.count = count
  }

  log(level: LogLevel, text: string): void {
    if (this.#full()) {
      this.#dropped++
      return
    }
    const cut = boundText(text, text.length, MAX_TRACE_TEXT_BYTES)
    this.#add({ at: this.now(), kind: 'log', level, text: cut })
  }

  /** A cap the run hit on its way (the timers'): the first of each kind is kept past the cap. */
  limit(limit: TraceLimit, message: string, at = this.now()): void {
    if (this.#full() && !this.#limitsKept.has(limit))
      this.#events.push({ at, kind: 'limit', limit, message })
    else this.#add({ at, kind: 'limit', limit, message })
    this.#limitsKept.add(limit)
  }

  /**
   * The run's end: the limit that ended it, if one did, then `settled`. Always
   * kept, whatever the cap. Only the first call counts.
   */
  end(error: RunError | undefined, at = this.now()): void {
    if (this.#ended) return
    const limit = error && limitOf(error)
    if (limit && error) this.limit(limit, error.message, at)
    this.#ended = true
    const settled: TraceEvent = { at, kind: 'settled', status: error ? 'error' : 'ok' }
    if (error) settled.errorType = error.type
    this.#events.push(settled)
  }

  get trace(): RunTrace {
    return { events: this.#events, dropped: this.#dropped }
  }

  #full(): boolean {
    return this.#ended || this.#events.length >= MAX_TRACE_EVENTS
  }

  #add(event: TraceEvent): boolean {
    if (this.#full()) {
      this.#dropped++
      return false
    }
    this.#events.push(event)
    return true
  }
}
