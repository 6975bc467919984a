/** The percentiles every view of latency shows. */
export interface Percentiles {
  p50: number
  p95: number
  p99: number
}

/**
 * The one percentile rule of Gatehouse, nearest rank: the `q` percentile of
 * `count` sorted values is the value at this 1-based rank. The live stats
 * (a histogram) and the stress report (exact values) both count with it.
 */
export function nearestRank(q: number, count: number): number {
  return Math.min(count, Math.max(1, Math.ceil(q * count)))
}
