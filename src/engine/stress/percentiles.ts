import type { Percentiles } from '../nearest-rank'
import { nearestRank } from '../nearest-rank'

export type { Percentiles }

/** Exact nearest-rank percentiles of a list of durations, rounded to 0.01 ms. */
export function percentiles(values: number[]): Percentiles {
  if (values.length === 0) return { p50: 0, p95: 0, p99: 0 }
  const sorted = Float64Array.from(values).sort()
  const at = (q: number): number => {
    const value = sorted[nearestRank(q, sorted.length) - 1] ?? 0
    return Math.round(value * 100) / 100
  }
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) }
}
