import type { Percentiles } from './nearest-rank'
import { nearestRank } from './nearest-rank'

/** Smallest and largest durations told apart, in milliseconds. */
const MIN_MS = 0.01
const MAX_MS = 3_600_000
/** Each bucket is 2% wider than the one before: percentiles are within 1%. */
const GROWTH = 1.02
const LOG_GROWTH = Math.log(GROWTH)
const BUCKETS = Math.ceil(Math.log(MAX_MS / MIN_MS) / LOG_GROWTH) + 1

export type { Percentiles }

/**
 * Durations in logarithmic buckets: constant memory and constant-time
 * percentiles however many runs there were, so a snapshot 30 times a second
 * costs the same at run 10 and at run 100,000.
 */
export class LatencyHistogram {
  #counts = new Uint32Array(BUCKETS)
  #count = 0
  #sum = 0
  #max = 0

  record(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return
    const index =
      ms <= MIN_MS ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log(ms / MIN_MS) / LOG_GROWTH))
    this.#counts[index] = (this.#counts[index] ?? 0) + 1
    this.#count++
    this.#sum += ms
    if (ms > this.#max) this.#max = ms
  }

  get count(): number {
    return this.#count
  }

  get mean(): number {
    return this.#count === 0 ? 0 : this.#sum / this.#count
  }

  get max(): number {
    return this.#max
  }

  /** The smallest recorded duration that `q` of all durations do not exceed (bucket upper bound). */
  quantile(q: number): number {
    if (this.#count === 0) return 0
    const rank = nearestRank(q, this.#count)
    let seen = 0
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.#counts[i] ?? 0
      if (seen >= rank) return Math.min(this.#max, MIN_MS * GROWTH ** i)
    }
    return this.#max
  }

  percentiles(): Percentiles {
    return { p50: this.quantile(0.5), p95: this.quantile(0.95), p99: this.quantile(0.99) }
  }

  reset(): void {
    this.#counts.fill(0)
    this.#count = 0
    this.#sum = 0
    this.#max = 0
  }
}
