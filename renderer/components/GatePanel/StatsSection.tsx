import type { AuditView, StatsView } from '../../../src/protocol/telemetry'
import { formatDurationMs } from '../../format/duration'

interface StatsSectionProps {
  stats: StatsView
  audit: AuditView
  onReset: () => void
  headingId: string
}

const LATENCY_ROWS = [
  { key: 'queue', label: 'queue' },
  { key: 'run', label: 'run' },
  { key: 'total', label: 'total' },
] as const

/** Totals since the last reset, latency percentiles, and the invariant auditor's verdict. */
export function StatsSection({ stats, audit, onReset, headingId }: StatsSectionProps) {
  const counters: { label: string; value: number | string; tone?: string; title?: string }[] = [
    { label: 'submitted', value: stats.submitted },
    { label: 'in flight', value: stats.current },
    { label: 'ok', value: stats.ok, tone: 'ok' },
    { label: 'failed', value: stats.failed, tone: stats.failed > 0 ? 'error' : undefined },
    { label: 'timeouts', value: stats.timeouts, tone: stats.timeouts > 0 ? 'timeout' : undefined },
    { label: 'panics', value: stats.panics, tone: stats.panics > 0 ? 'panic' : undefined },
    {
      label: 'rejected',
      value: stats.rejections,
      tone: stats.rejections > 0 ? 'rejection' : undefined,
      title: 'ValidationError, ConcurrencyError and ShuttingDownError',
    },
    {
      label: 'pool / loop',
      value: `${stats.pool} / ${stats.loop}`,
      title: `${stats.pool} on the pool, ${stats.loop} on the event loop`,
    },
  ]
  const byError = Object.entries(stats.byError).filter(([, count]) => (count ?? 0) > 0)

  return (
    <section className="gate-section gate-stats" aria-labelledby={headingId}>
      <h3 id={headingId} className="gate-heading">
        Stats
        <button
          type="button"
          className="button button-tiny"
          onClick={onReset}
          title="Start the totals and percentiles from zero"
        >
          Reset stats
        </button>
      </h3>
      <dl className="counters">
        {counters.map((counter) => (
          <div
            key={counter.label}
            className={counter.tone ? `counter tone-${counter.tone}` : 'counter'}
            title={counter.title}
          >
            <dt>{counter.label}</dt>
            <dd>{counter.value}</dd>
          </div>
        ))}
      </dl>
      {byError.length > 0 && (
        <p className="by-error">
          {byError.map(([type, count]) => (
            <span key={type} className="chip">
              {type} {count}
            </span>
          ))}
        </p>
      )}
      <table className="latency">
        <caption className="visually-hidden">Latency in milliseconds</caption>
        <thead>
          <tr>
            <th scope="col">latency</th>
            <th scope="col">p50</th>
            <th scope="col">p95</th>
            <th scope="col">p99</th>
            <th scope="col">max</th>
          </tr>
        </thead>
        <tbody>
          {LATENCY_ROWS.map(({ key, label }) => {
            const row = stats.latencyMs[key]
            return (
              <tr key={key}>
                <th scope="row">{label}</th>
                <td>{formatDurationMs(row.p50)}</td>
                <td>{formatDurationMs(row.p95)}</td>
                <td>{formatDurationMs(row.p99)}</td>
                <td>{formatDurationMs(row.max)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <p className={`audit ${audit.healthy ? 'audit-ok' : 'audit-broken'}`} role="status">
        {audit.healthy
          ? `Invariants hold · peak ${audit.peakInUse} of ${audit.permits} permits`
          : `Invariant broken: ${audit.leaked} leaked, ${audit.doubleReleases} double releases, ${audit.runsWithoutOutcome} runs without outcome`}
      </p>
    </section>
  )
}
