import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { IntervalHistogram } from 'node:perf_hooks'
import type { EventLoopDelayView } from '../protocol/telemetry'

/** The sampling timer's period; each sample also contains it, so readings subtract it. */
const RESOLUTION_MS = 10
/** Readings cover the last whole window, so a stall shows for about this long. */
const WINDOW_MS = 1000

const toMs = (ns: number): number => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 10) / 10)

/**
 * How late the process's event loop runs its timers: the main process of
 * every edition measures itself so the window can show whether heavy
 * telemetry or a stress run is starving it.
 */
export class EventLoopDelayMonitor {
  readonly #histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
  #last: EventLoopDelayView = { p50: 0, p99: 0, max: 0 }
  #timer: ReturnType<typeof setInterval> | undefined

  start(): void {
    if (this.#timer) return
    this.#histogram.enable()
    this.#timer = setInterval(() => {
      this.#last = this.#read()
      this.#histogram.reset()
    }, WINDOW_MS)
    this.#timer.unref?.()
  }

  /** The last window's delays in ms (p50, p99, max), beyond the sampling period. */
  reading(): EventLoopDelayView {
    return { ...this.#last }
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = undefined
    this.#histogram.disable()
  }

  #read(): EventLoopDelayView {
    const h = this.#histogram
    if (h.count === 0) return { p50: 0, p99: 0, max: 0 }
    return { p50: toMs(h.percentile(50)), p99: toMs(h.percentile(99)), max: toMs(h.max) }
  }
}
