import { useCallback, useEffect, useMemo, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { PermitTimeline } from '../../charts/PermitTimeline'
import { ReplaySeries } from '../../charts/replay-series'
import type { ChartImage } from '../../charts/StreamChart'
import { useAppStore } from '../../store/context'
import { selectSettings } from '../../store/slices/settings/selectors'
import {
  selectSavedRuns,
  selectSeedStressForm,
  selectStressComparison,
  selectStressControls,
  selectStressLive,
  selectStressLiveB,
  selectStressReport,
  selectStressReportFinal,
  selectStressView,
} from '../../store/slices/stress/selectors'
import type { OpenedRun, StressView } from '../../store/slices/stress/types'
import type { Theme } from '../../theme/theme'
import { useTheme } from '../../theme/use-theme'
import { ComparisonView } from './ComparisonView'
import { LiveCharts } from './LiveCharts'
import { LiveGauge } from './LiveGauge'
import { SavedRunView } from './SavedRunView'
import { SavedRuns } from './SavedRuns'
import { StressDesigner } from './StressDesigner'
import type { DrawnImages } from './StressReport'
import { StressReport } from './StressReport'
import './stress-lab.css'

const STATE_LABELS: Record<string, string> = {
  running: 'Running',
  paused: 'Paused',
  cancelling: 'Cancelling',
  cancelled: 'Cancelled',
  done: 'Done',
}

/** Two saved runs compared: their charts and timelines as they were, and the verdict. */
function SavedComparison({ a, b, theme }: { a: OpenedRun; b: OpenedRun; theme: Theme }) {
  const sourceA = useMemo(() => new ReplaySeries(a.report.series), [a])
  const sourceB = useMemo(() => new ReplaySeries(b.report.series), [b])
  return (
    <ComparisonView
      a={{ title: a.name, policy: null, report: a.report, source: sourceA }}
      b={{ title: b.name, policy: null, report: b.report, source: sourceB }}
      theme={theme}
      note="Two saved runs, compared afterwards."
    />
  )
}

/** The live comparison this window started: both gauges, then the verdict. */
function LiveComparison({ theme }: { theme: Theme }) {
  const comparison = useAppStore(selectStressComparison)
  const liveA = useAppStore(selectStressLive)
  const liveB = useAppStore(selectStressLiveB)
  const { save } = useAppStore(useShallow(selectSavedRuns))
  if (!comparison) return null
  const { stressIds, reports, policies, seed } = comparison
  return (
    <ComparisonView
      a={{
        title: stressIds.a,
        policy: policies.a,
        report: reports.a,
        source: liveA,
        feed: liveA,
        onSave: () => void save(stressIds.a),
      }}
      b={{
        title: stressIds.b,
        policy: policies.b,
        report: reports.b,
        source: liveB,
        feed: liveB,
        onSave: () => void save(stressIds.b),
      }}
      theme={theme}
      note={`Seed ${seed}: run i is the same script, input and fault under A and B. A runs first, then B, one after the other; then your gate settings come back.`}
    />
  )
}

const VIEW_TITLES: Record<StressView['kind'], string> = {
  live: 'Live',
  compare: 'Comparison',
  saved: 'Saved run',
  'saved-compare': 'Saved runs compared',
}

/** The stress lab: design a stress run (or two policies), watch it live, read, save and replay reports. */
export function StressLab() {
  const settings = useAppStore(selectSettings)
  const seed = useAppStore(selectSeedStressForm)
  const live = useAppStore(selectStressLive)
  const report = useAppStore(selectStressReport)
  const final = useAppStore(selectStressReportFinal)
  const { stressId, stressState } = useAppStore(useShallow(selectStressControls))
  const view = useAppStore(selectStressView)
  const comparison = useAppStore(selectStressComparison)
  const showView = useAppStore((state) => state.showStressView)
  const { save } = useAppStore(useShallow(selectSavedRuns))
  const theme = useTheme()
  const images = useRef<DrawnImages>({ charts: new Map(), timeline: null })

  // The form starts from the gate's settings as soon as they are known.
  useEffect(() => {
    if (settings) seed()
  }, [settings, seed])

  const onChartImage = useCallback((id: string, image: ChartImage | null) => {
    if (image) images.current.charts.set(id, image)
    else images.current.charts.delete(id)
  }, [])
  const onTimelineCanvas = useCallback((canvas: HTMLCanvasElement | null) => {
    images.current.timeline = canvas
  }, [])

  const followed: StressView = comparison ? { kind: 'compare' } : { kind: 'live' }
  const away = view.kind === 'saved' || view.kind === 'saved-compare'
  return (
    <main className="stress-lab" aria-label="Stress lab">
      <div className="stress-side">
        <StressDesigner />
        <SavedRuns />
      </div>
      {/* Scrolls on its own: focusable, so the keyboard can scroll it too. */}
      <div className="stress-results" role="region" aria-label="Stress results" tabIndex={0}>
        <div className="stress-status">
          <h2 className="panel-title" aria-label="Showing">
            {VIEW_TITLES[view.kind]}
            {view.kind === 'saved' && `: ${view.run.name}`}
          </h2>
          {away && (
            <button
              type="button"
              className="button button-small"
              onClick={() => showView(followed)}
            >
              Back to {comparison ? 'the comparison' : 'the live run'}
            </button>
          )}
          {view.kind === 'compare' && comparison ? (
            <span
              className={`tag ${stressState === 'done' ? 'tag-ok' : stressState === 'running' ? 'tag-running' : 'tag-warn'}`}
              role="status"
              aria-label="Stress state"
            >
              {comparison.comparisonId}: A then B · {STATE_LABELS[stressState ?? ''] ?? stressState}
            </span>
          ) : stressId ? (
            <span
              className={`tag ${stressState === 'done' ? 'tag-ok' : stressState === 'running' ? 'tag-running' : 'tag-warn'}`}
              role="status"
              aria-label="Stress state"
            >
              {stressId} · {STATE_LABELS[stressState ?? ''] ?? stressState}
            </span>
          ) : (
            <span className="field-help">No stress run yet: design one and press Start.</span>
          )}
        </div>
        {view.kind === 'saved' && <SavedRunView run={view.run} theme={theme} />}
        {view.kind === 'saved-compare' && <SavedComparison a={view.a} b={view.b} theme={theme} />}
        {view.kind === 'compare' && <LiveComparison theme={theme} />}
        {view.kind === 'live' && (
          <>
            <LiveGauge feed={live} />
            {report && final && (
              <StressReport
                report={report}
                images={images}
                onSave={() => void save(report.stressId)}
              />
            )}
            <LiveCharts source={live} theme={theme} onImage={onChartImage} />
            <section className="stress-timeline panel" aria-labelledby="stress-timeline-title">
              <header className="panel-header">
                <h2 id="stress-timeline-title" className="panel-title">
                  Permit timeline
                </h2>
                <div className="panel-aside">
                  {report && !final && <span className="field-help">settled runs so far</span>}
                </div>
              </header>
              <div className="panel-body">
                {report ? (
                  <PermitTimeline
                    runs={report.runs}
                    permits={report.settings.permits}
                    theme={theme}
                    onCanvas={onTimelineCanvas}
                  />
                ) : (
                  <p className="placeholder">
                    One swimlane per permit: each run’s wait, hold, run and release. It fills in as
                    runs settle.
                  </p>
                )}
              </div>
            </section>
          </>
        )}
      </div>
    </main>
  )
}
