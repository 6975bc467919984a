import type { ChartImage, SeriesSource, StreamChartSpec } from '../../charts/StreamChart'
import { StreamChart } from '../../charts/StreamChart'
import type { Theme } from '../../theme/theme'

const LATENCY = (prefix: 'queue' | 'run') =>
  [
    { key: `${prefix}P50`, label: 'p50', color: '--ok' },
    { key: `${prefix}P95`, label: 'p95', color: '--warn' },
    { key: `${prefix}P99`, label: 'p99', color: '--error' },
  ] as const

/** The live charts, in order; module constants, so a chart is built once per theme. */
export const STRESS_CHARTS: readonly StreamChartSpec[] = [
  {
    id: 'throughput',
    title: 'Throughput',
    unit: '/s',
    lines: [{ key: 'throughput', label: 'completed/s', color: '--accent' }],
  },
  // Apart from throughput: a burst of wait timeouts is not the gate going faster.
  {
    id: 'rejected',
    title: 'Rejected: no permit in time',
    unit: '/s',
    lines: [{ key: 'rejectedPerSec', label: 'rejected/s', color: '--warn' }],
  },
  { id: 'queue', title: 'Queue time', unit: ' ms', lines: LATENCY('queue') },
  { id: 'run', title: 'Run time', unit: ' ms', lines: LATENCY('run') },
  {
    id: 'permits',
    title: 'Permits in use',
    unit: '',
    lines: [{ key: 'permitsInUse', label: 'in use', color: '--accent' }],
  },
  {
    id: 'waiters',
    title: 'Waiters',
    unit: '',
    lines: [{ key: 'waiters', label: 'waiting', color: '--running' }],
  },
  {
    id: 'faults',
    title: 'Timeouts and panics',
    unit: '/s',
    lines: [
      { key: 'timeoutsPerSec', label: 'timeouts/s', color: '--timeout' },
      { key: 'panicsPerSec', label: 'panics/s', color: '--panic', dash: [4, 3] },
    ],
  },
]

/** Seven streaming charts, fed every half second from the stress's progress buckets. */
export function LiveCharts({
  source,
  theme,
  onImage,
}: {
  source: SeriesSource
  theme: Theme
  onImage: (id: string, image: ChartImage | null) => void
}) {
  return (
    <section className="stress-charts" aria-label="Live charts">
      {STRESS_CHARTS.map((spec) => (
        <StreamChart key={spec.id} spec={spec} source={source} theme={theme} onImage={onImage} />
      ))}
    </section>
  )
}
