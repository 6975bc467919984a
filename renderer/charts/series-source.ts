import type { StressSeries } from './stress-series'

/**
 * Anything that holds the series and says when they change, at most once per
 * animation frame: the stress lab's live feed, a saved run's replay.
 */
export interface SeriesSource {
  readonly series: StressSeries
  readonly seriesEpoch: number
  subscribe(listener: () => void): () => void
}
