import type { AuditView, StatsView } from '../../../src/protocol/telemetry'
import { LatencyTable } from '../LatencyTable'

interface StatsSectionProps {
  stats: StatsView
  audit: AuditView
  onReset: () => void
  headingId: string
}

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
      <LatencyTable latencyMs={stats.latencyMs} columns={['p50', 'p95', 'p99', 'max']} />
      <p className={`audit ${audit.healthy ? 'audit-ok' : 'audit-broken'}`} role="status">
        {audit.healthy
          ? `Invariants hold · peak ${audit.peakInUse} of ${audit.permits} permits`
          : `Invariant broken: ${audit.leaked} leaked, ${audit.doubleReleases} double releases, ${audit.runsWithoutOutcome} runs without outcome`}
      </p>
    </section>
  )
}
