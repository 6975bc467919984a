import { useMemo } from 'react'
import { compareReports } from '../../../src/engine/stress/compare-reports'
import type { StressPolicy, StressReportFull } from '../../../src/protocol/stress'
import { OverlayChart } from '../../charts/OverlayChart'
import type { OverlaySide } from '../../charts/OverlayChart'
import { PermitTimeline } from '../../charts/PermitTimeline'
import { SharedTimeAxis } from '../../charts/PermitTimeline/shared-axis'
import type { SeriesSource } from '../../charts/StreamChart'
import { formatDurationMs } from '../../format/duration'
import type { StressLiveFeed } from '../../store/slices/stress/live-feed'
import type { Theme } from '../../theme/theme'
import { STRESS_CHARTS } from './LiveCharts'
import { LiveGauge } from './LiveGauge'
import { VerdictTable } from './VerdictTable'

/** One policy's side of a comparison: what it ran with, its data, and its report once it ended. */
export interface ComparisonSide {
  /** The file name of a saved run, or the stress id. */
  title: string
  policy: StressPolicy | null
  report: StressReportFull | null
  source: SeriesSource
  /** Live comparisons: the gauge's feed. */
  feed?: StressLiveFeed
  /** Offered once the side's report is final (live comparisons). */
  onSave?: () => void
}

function policyText(policy: StressPolicy | null): string {
  if (!policy) return ''
  return `${policy.permits} permits · ${policy.lanes} lanes · wait ${formatDurationMs(policy.waitTimeoutMs)} · run ${formatDurationMs(policy.runTimeoutMs)}`
}

/**
 * Policy A against policy B: their gauges while they run, the charts
 * overlaid (A solid, B dashed), the verdict table, and both permit
 * timelines on one time axis.
 */
export function ComparisonView({
  a,
  b,
  theme,
  note,
}: {
  a: ComparisonSide
  b: ComparisonSide
  theme: Theme
  note: string
}) {
  const sides = useMemo<OverlaySide[]>(
    () => [
      { label: 'A', source: a.source },
      { label: 'B', source: b.source },
    ],
    [a.source, b.source],
  )
  const diff = useMemo(
    () => (a.report && b.report ? compareReports(a.report, b.report) : null),
    [a.report, b.report],
  )
  const axis = useMemo(() => {
    const end = (report: StressReportFull | null) =>
      report ? Math.max(0, ...report.runs.map((r) => r.settledAt)) : 0
    return new SharedTimeAxis(Math.max(end(a.report), end(b.report)))
  }, [a.report, b.report])

  return (
    <div className="comparison" aria-label="Comparison">
      <section className="comparison-policies" aria-label="Policies">
        {(
          [
            ['A', a],
            ['B', b],
          ] as const
        ).map(([label, side]) => (
          <div key={label} className={`comparison-policy side-${label.toLowerCase()}`}>
            <span className="comparison-badge">{label}</span>
            <span className="comparison-title">{side.title}</span>
            <span className="comparison-policy-text">
              {policyText(side.report?.settings ?? side.policy)}
            </span>
            {side.report ? (
              <span className={`tag ${side.report.audit.passed ? 'tag-ok' : 'tag-error'}`}>
                {side.report.state} · audit {side.report.audit.passed ? 'PASS' : 'FAIL'}
              </span>
            ) : (
              <span className="tag tag-running">{label === 'A' ? 'running' : 'waiting for A'}</span>
            )}
            {side.report?.comparison?.error && (
              <span className="field-error-text" role="alert">
                {side.report.comparison.error}
              </span>
            )}
            {side.onSave && side.report && (
              <button type="button" className="button button-small" onClick={side.onSave}>
                Save {label}
              </button>
            )}
          </div>
        ))}
        <p className="field-help comparison-note">{note}</p>
      </section>
      {(a.feed || b.feed) && (
        <div className="comparison-gauges">
          {a.feed && <LiveGauge feed={a.feed} name="A" />}
          {b.feed && <LiveGauge feed={b.feed} name="B" />}
        </div>
      )}
      {diff && a.report && b.report && <VerdictTable diff={diff} a={a.report} />}
      <section className="stress-charts" aria-label="Overlaid charts">
        {STRESS_CHARTS.map((spec) => (
          <OverlayChart key={spec.id} spec={spec} sides={sides} theme={theme} />
        ))}
      </section>
      <section className="stress-timeline panel" aria-labelledby="compare-timeline-title">
        <header className="panel-header">
          <h2 id="compare-timeline-title" className="panel-title">
            Permit timelines, one time axis
          </h2>
          <div className="panel-aside">
            <span className="field-help">zooming or panning one moves both</span>
          </div>
        </header>
        <div className="panel-body comparison-timelines">
          {(
            [
              ['A', a.report],
              ['B', b.report],
            ] as const
          ).map(([label, report]) => (
            <div key={label} className="comparison-timeline">
              <h3 className="comparison-timeline-title">
                <span className="comparison-badge">{label}</span>
              </h3>
              {report ? (
                <PermitTimeline
                  // A new shared axis (the other side's report arrived) is a new timeline.
                  key={`${a.report?.stressId}|${b.report?.stressId}|${axis.extentMs}`}
                  runs={report.runs}
                  permits={report.settings.permits}
                  theme={theme}
                  axis={axis}
                  name={label}
                />
              ) : (
                <p className="placeholder">Its timeline appears when it ends.</p>
              )}
            </div>
          ))}
        </div>
      </section>
    </div>
  )
}
