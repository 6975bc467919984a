import { useState } from 'react'
import type { RefObject } from 'react'
import type { StressReportFull } from '../../../src/protocol/stress'
import { FAULT_KINDS } from '../../../src/protocol/stress'
import { composeChartsPng } from '../../charts/compose-png'
import { timelinePalette } from '../../charts/PermitTimeline/draw'
import { timelinePng } from '../../charts/PermitTimeline/timeline-png'
import { cssColor } from '../../charts/css-colors'
import type { ChartImage } from '../../charts/StreamChart'
import { formatDurationMs } from '../../format/duration'
import { LatencyTable } from '../../components/LatencyTable'
import { downloadBlob, reportFileName, stressReportCsv, stressReportJson } from './report-export'

const number = new Intl.NumberFormat('en')

/** Where the export buttons find what is drawn: the charts by id, and the timeline. */
export interface DrawnImages {
  charts: Map<string, ChartImage>
  timeline: HTMLCanvasElement | null
}

/** The audit's invariants, each with its reading and whether it holds. */
export function auditChecks(audit: StressReportFull['audit']) {
  return [
    {
      name: 'Peak in use ≤ permits',
      reading: `${audit.peakInUse} ≤ ${audit.permits}`,
      holds: audit.peakInUse <= audit.permits,
    },
    { name: 'Leaked permits', reading: String(audit.leaked), holds: audit.leaked === 0 },
    {
      name: 'Double releases',
      reading: String(audit.doubleReleases),
      holds: audit.doubleReleases === 0,
    },
    {
      name: 'Runs without outcome',
      reading: String(audit.runsWithoutOutcome),
      holds: audit.runsWithoutOutcome === 0,
    },
  ]
}

function Audit({ report }: { report: StressReportFull }) {
  const { audit } = report
  const verdict = audit.passed ? 'PASS' : 'FAIL'
  return (
    <section className={`audit-card ${audit.passed ? 'is-pass' : 'is-fail'}`} aria-label="Audit">
      <div className="audit-verdict">
        <span className="audit-badge" data-verdict={verdict}>
          {verdict}
        </span>
        <span className="audit-summary">
          {audit.passed
            ? 'Every run got one outcome and every permit came back.'
            : 'An invariant broke: see below.'}
        </span>
      </div>
      <ul className="audit-checks">
        {auditChecks(audit).map((check) => (
          <li key={check.name} className={check.holds ? 'holds' : 'broken'}>
            <span className="audit-mark" aria-hidden="true">
              {check.holds ? '✓' : '✗'}
            </span>
            <span className="audit-name">{check.name}</span>
            <span className="audit-reading">{check.reading}</span>
            <span className="visually-hidden">{check.holds ? 'holds' : 'broken'}</span>
          </li>
        ))}
      </ul>
      <p className="field-help">
        In use after the stress: {audit.inUseAfter} (runs from elsewhere may hold permits).
      </p>
    </section>
  )
}

function Totals({ report }: { report: StressReportFull }) {
  const entries: [string, number][] = [
    ['ok', report.outcomes.ok],
    ...Object.entries(report.outcomes.error)
      .filter((entry): entry is [string, number] => (entry[1] ?? 0) > 0)
      .sort((a, b) => b[1] - a[1]),
  ]
  const total = Math.max(1, report.runs.length)
  const faults = FAULT_KINDS.map((kind) => ({
    kind,
    count: report.runs.filter((run) => run.fault === kind).length,
  })).filter((f) => f.count > 0)
  return (
    <section className="report-totals" aria-label="Totals by outcome">
      <table className="totals-table">
        <caption className="visually-hidden">Runs by outcome</caption>
        <tbody>
          {entries.map(([outcome, count]) => (
            <tr key={outcome} data-outcome={outcome}>
              <th scope="row">{outcome}</th>
              <td className="totals-count">{number.format(count)}</td>
              <td className="totals-bar-cell">
                <span
                  className={`totals-bar ${outcome === 'ok' ? 'is-ok' : 'is-error'}`}
                  style={{ width: `${(count / total) * 100}%` }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {faults.length > 0 && (
        <p className="field-help">
          Faults injected: {faults.map((f) => `${f.kind} ${number.format(f.count)}`).join(', ')}
        </p>
      )}
    </section>
  )
}

function Facts({ report }: { report: StressReportFull }) {
  const { latencyMs } = report
  return (
    <section className="report-facts" aria-label="Run facts">
      <dl className="facts">
        <dt>runs</dt>
        <dd>
          {number.format(report.runs.length)} of {number.format(report.plan.runs)}
        </dd>
        <dt>wall time</dt>
        <dd>{formatDurationMs(report.wallMs)}</dd>
        <dt>throughput</dt>
        <dd>{number.format(report.throughputPerSec)} runs/s</dd>
        <dt>gate</dt>
        <dd>
          {report.settings.permits} permits · {report.settings.lanes} lanes · wait{' '}
          {formatDurationMs(report.settings.waitTimeoutMs)} · run{' '}
          {formatDurationMs(report.settings.runTimeoutMs)}
        </dd>
        <dt>waiting peak</dt>
        <dd>{number.format(report.waitingPeak)}</dd>
        <dt>lanes</dt>
        <dd>
          {report.lanes.recycled} recycled · {report.lanes.panics} panics
        </dd>
      </dl>
      <LatencyTable latencyMs={latencyMs} columns={['p50', 'p95', 'p99']} />
    </section>
  )
}

function Exports({
  report,
  images,
  onSave,
}: {
  report: StressReportFull
  images: RefObject<DrawnImages>
  onSave?: () => void
}) {
  const [error, setError] = useState<string | null>(null)
  const save = async (make: () => Promise<Blob> | Blob, suffix: string) => {
    setError(null)
    try {
      downloadBlob(await make(), reportFileName(report, suffix))
    } catch (caught) {
      setError(`Could not export: ${caught instanceof Error ? caught.message : String(caught)}`)
    }
  }
  const chartsPng = () => {
    const charts = [...images.current.charts.values()]
    if (charts.length === 0) throw new Error('the charts are not drawn yet')
    return composeChartsPng(
      `Gatehouse ${report.stressId}: ${number.format(report.runs.length)} runs, audit ${report.audit.passed ? 'PASS' : 'FAIL'}`,
      charts,
      {
        background: cssColor('--panel'),
        text: cssColor('--text-strong'),
        muted: cssColor('--muted'),
      },
    )
  }
  // The whole run with its title and legend, not the zoomed window on screen.
  const wholeTimelinePng = () => timelinePng(report, timelinePalette())
  return (
    <div className="report-exports" role="group" aria-label="Export">
      {onSave && (
        <button type="button" className="button button-small button-primary" onClick={onSave}>
          Save run
        </button>
      )}
      <span className="gauge-label">Export</span>
      <button
        type="button"
        className="button button-small"
        onClick={() =>
          void save(
            () => new Blob([stressReportJson(report)], { type: 'application/json' }),
            '.json',
          )
        }
      >
        Report JSON
      </button>
      <button
        type="button"
        className="button button-small"
        onClick={() =>
          void save(() => new Blob([stressReportCsv(report)], { type: 'text/csv' }), '.csv')
        }
      >
        Runs CSV
      </button>
      <button
        type="button"
        className="button button-small"
        onClick={() => void save(chartsPng, '-charts.png')}
      >
        Charts PNG
      </button>
      <button
        type="button"
        className="button button-small"
        onClick={() => void save(wholeTimelinePng, '-timeline.png')}
      >
        Timeline PNG
      </button>
      {error && (
        <span className="field-error-text" role="alert">
          {error}
        </span>
      )}
    </div>
  )
}

/** The report at the end: the audit's verdict, totals by outcome, the facts, and the exports. */
export function StressReport({
  report,
  images,
  title = 'Report',
  onSave,
}: {
  report: StressReportFull
  images: RefObject<DrawnImages>
  title?: string
  /** Offered for a finished stress of this core: keeps it as a saved run. */
  onSave?: () => void
}) {
  return (
    <section className="stress-report panel" aria-labelledby="stress-report-title">
      <header className="panel-header">
        <h2 id="stress-report-title" className="panel-title">
          {title}
        </h2>
        <div className="panel-aside">
          <span className={`tag ${report.state === 'done' ? 'tag-ok' : 'tag-warn'}`}>
            {report.stressId} · {report.state}
          </span>
        </div>
      </header>
      <div className="panel-body stress-report-body">
        <Audit report={report} />
        <Totals report={report} />
        <Facts report={report} />
        <Exports report={report} images={images} onSave={onSave} />
      </div>
    </section>
  )
}
