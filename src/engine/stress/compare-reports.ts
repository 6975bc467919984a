import type { StressReportFull } from '../../protocol/stress'

/** Which way is better for a metric. */
export type Better = 'higher' | 'lower'

/** One line of the verdict table: both readings, the difference, and which policy did better. */
export interface VerdictRow {
  /** Stable key, for scripts reading `--json`: `throughput`, `queue.p95`, `wall`... */
  metric: string
  label: string
  unit: 'runs/s' | 'ms' | 'runs' | 'lanes' | 'panics'
  better: Better
  a: number
  b: number
  /** b - a, in the metric's unit. */
  difference: number
  /** (b - a) / a, or null when a is 0. */
  relative: number | null
  /** 'tie' when the readings are equal. */
  winner: 'a' | 'b' | 'tie'
}

/** A comparison of two reports: what `--compare --json` prints as `diff`. */
export interface StressDiff {
  /**
   * 'sequential': the two halves of one comparison, run one after the other
   * on one core. 'separate': two reports compared afterwards.
   */
  mode: 'sequential' | 'separate'
  /** Whether both ran the same workload (script size, runs, arrival, faults, seed). */
  sameWorkload: boolean
  /** How the workloads differ, when they do: each a short phrase. */
  workloadDifferences: string[]
  audit: { a: boolean; b: boolean }
  rows: VerdictRow[]
  /** How many rows each policy won. */
  wins: { a: number; b: number; tie: number }
}

const round = (n: number, places = 2): number => {
  const f = 10 ** places
  return Math.round(n * f) / f
}

function row(
  metric: string,
  label: string,
  unit: VerdictRow['unit'],
  better: Better,
  a: number,
  b: number,
): VerdictRow {
  const difference = round(b - a)
  const winner =
    a === b ? 'tie' : (better === 'higher' ? b > a : b < a) ? ('b' as const) : ('a' as const)
  return {
    metric,
    label,
    unit,
    better,
    a,
    b,
    difference,
    relative: a === 0 ? null : round((b - a) / a, 4),
    winner,
  }
}

function workloadDifferences(a: StressReportFull, b: StressReportFull): string[] {
  const out: string[] = []
  const differs = (name: string, x: unknown, y: unknown) => {
    if (JSON.stringify(x) !== JSON.stringify(y))
      out.push(`${name}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`)
  }
  differs('runs', a.plan.runs, b.plan.runs)
  differs('script bytes', a.plan.codeBytes, b.plan.codeBytes)
  differs('language', a.plan.language ?? 'js', b.plan.language ?? 'js')
  differs('arrival', a.plan.arrival, b.plan.arrival)
  const faults = (r: StressReportFull) =>
    Object.fromEntries(Object.entries(r.plan.faults).filter(([, v]) => (v ?? 0) > 0))
  differs('faults', faults(a), faults(b))
  differs('seed', a.plan.seed, b.plan.seed)
  return out
}

/**
 * The verdict of A against B: throughput, queue and total latency
 * percentiles, rejected runs, timeouts, panics, recycled lanes and wall
 * time, each with its difference and the better side. A pure function of
 * the two reports.
 */
export function compareReports(a: StressReportFull, b: StressReportFull): StressDiff {
  const errors = (r: StressReportFull, type: 'ConcurrencyError' | 'TimeoutError') =>
    r.outcomes.error[type] ?? 0
  const rows: VerdictRow[] = [
    row('throughput', 'Throughput', 'runs/s', 'higher', a.throughputPerSec, b.throughputPerSec),
  ]
  for (const kind of ['queue', 'total'] as const)
    for (const p of ['p50', 'p95', 'p99'] as const)
      rows.push(
        row(
          `${kind}.${p}`,
          `${kind === 'queue' ? 'Queue' : 'Total'} ${p}`,
          'ms',
          'lower',
          a.latencyMs[kind][p],
          b.latencyMs[kind][p],
        ),
      )
  rows.push(
    row(
      'concurrencyErrors',
      'ConcurrencyError',
      'runs',
      'lower',
      errors(a, 'ConcurrencyError'),
      errors(b, 'ConcurrencyError'),
    ),
    row(
      'timeouts',
      'Timeouts',
      'runs',
      'lower',
      errors(a, 'TimeoutError'),
      errors(b, 'TimeoutError'),
    ),
    row('panics', 'Panics', 'panics', 'lower', a.lanes.panics, b.lanes.panics),
    row('recycledLanes', 'Recycled lanes', 'lanes', 'lower', a.lanes.recycled, b.lanes.recycled),
    row('wall', 'Wall time', 'ms', 'lower', a.wallMs, b.wallMs),
  )
  const wins = { a: 0, b: 0, tie: 0 }
  for (const r of rows) wins[r.winner]++
  const differences = workloadDifferences(a, b)
  const sequential =
    a.comparison !== undefined &&
    b.comparison !== undefined &&
    a.comparison.comparisonId === b.comparison.comparisonId
  return {
    mode: sequential ? 'sequential' : 'separate',
    sameWorkload: differences.length === 0,
    workloadDifferences: differences,
    audit: { a: a.audit.passed, b: b.audit.passed },
    rows,
    wins,
  }
}

/** What `gatehouse stress --compare --json` and `gatehouse report A B --json` print. */
export interface StressComparisonJson {
  a: StressReportFull
  b: StressReportFull
  diff: StressDiff
}
