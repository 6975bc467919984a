import type { LogEntry } from '../protocol/outcome'
import type { LogCollector } from './log-collector'

/** How often at most a live-logging run's lines leave its lane while it computes. */
export const LIVE_LOG_INTERVAL_MS = 50

/** Where a lane sends a batch: the run's lines `from` onwards, and its drops so far. */
export type LogSink = (from: number, entries: LogEntry[], dropped: number) => void

/**
 * The console lines of a live-logging run, sent while it runs. A run keeps
 * its lane's thread busy (timers wait in Atomics.wait), so there is no timer
 * to flush with: a batch leaves when a line comes or the engine polls for an
 * interrupt at least LIVE_LOG_INTERVAL_MS after the last one, and whenever
 * the run is about to wait for a timer. The lines are the collector's own,
 * so the stream has its bounds and order, and the result's log is the whole
 * of what was streamed and the rest.
 */
export class LogStream {
  #sent = 0
  #sentDropped = 0
  #flushedAt: number

  constructor(
    private readonly logs: LogCollector,
    private readonly sink: LogSink,
    now = Date.now(),
  ) {
    this.#flushedAt = now
  }

  /** Whether lines (or drops) wait to be sent. */
  get pending(): boolean {
    return this.logs.entries.length !== this.#sent || this.logs.dropped !== this.#sentDropped
  }

  /** Sends what waits once the interval since the last batch has passed. */
  poll(now = Date.now()): void {
    if (this.pending && now - this.#flushedAt >= LIVE_LOG_INTERVAL_MS) this.flush(now)
  }

  /** Sends what waits now: the run is about to wait for a timer. */
  flush(now = Date.now()): void {
    if (!this.pending) return
    const { entries, dropped } = this.logs
    this.#flushedAt = now
    this.sink(this.#sent, entries.slice(this.#sent), dropped)
    this.#sent = entries.length
    this.#sentDropped = dropped
  }
}
