import type { StressBucket } from '../../src/protocol/stress'
import type { SeriesSource } from './series-source'
import type { StressSeries } from './stress-series'
import { emptySeries, seriesFromBuckets } from './stress-series'

/**
 * A saved report's series as a chart source. Replay moves a cursor through
 * it: the charts then show the buckets that had closed by that moment, as
 * they stood live; with no cursor, all of them.
 */
export class ReplaySeries implements SeriesSource {
  readonly full: StressSeries
  series: StressSeries
  seriesEpoch = 0
  #shown: number
  readonly #listeners = new Set<() => void>()

  constructor(buckets: readonly StressBucket[]) {
    this.full = seriesFromBuckets(buckets)
    this.series = this.full
    this.#shown = this.full.t.length
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Shows the buckets closed by `cursorMs` (null: all); tells the charts only when that changes. */
  setCursor(cursorMs: number | null): void {
    const seconds = cursorMs === null ? Infinity : cursorMs / 1000
    let count = 0
    while (count < this.full.t.length && (this.full.t[count] as number) <= seconds) count++
    if (count === this.#shown) return
    this.#shown = count
    if (count === this.full.t.length) this.series = this.full
    else {
      // The time column stays whole, so the axis keeps the whole run while it replays;
      // the values after the cursor are gaps.
      const cut = emptySeries()
      cut.t = this.full.t
      for (const key of Object.keys(cut) as (keyof StressSeries)[]) {
        if (key === 't') continue
        const column = this.full[key] as (number | null)[]
        ;(cut[key] as (number | null)[]) = column.map((value, i) => (i < count ? value : null))
      }
      this.series = cut
    }
    this.seriesEpoch++
    for (const listener of this.#listeners) listener()
  }
}
