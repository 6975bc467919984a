import { useCallback, useEffect, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { PermitTimeline } from '../../charts/PermitTimeline'
import type { ChartImage } from '../../charts/StreamChart'
import { useAppStore } from '../../store/context'
import { selectSettings } from '../../store/slices/settings/selectors'
import {
  selectSeedStressForm,
  selectStressControls,
  selectStressLive,
  selectStressReport,
  selectStressReportFinal,
} from '../../store/slices/stress/selectors'
import { useTheme } from '../../theme/use-theme'
import { LiveCharts } from './LiveCharts'
import { LiveGauge } from './LiveGauge'
import { StressDesigner } from './StressDesigner'
import type { DrawnImages } from './StressReport'
import { StressReport } from './StressReport'

const STATE_LABELS: Record<string, string> = {
  running: 'Running',
  paused: 'Paused',
  cancelling: 'Cancelling',
  cancelled: 'Cancelled',
  done: 'Done',
}

/** The stress lab: design a stress run, watch it live, read its report. */
export function StressLab() {
  const settings = useAppStore(selectSettings)
  const seed = useAppStore(selectSeedStressForm)
  const live = useAppStore(selectStressLive)
  const report = useAppStore(selectStressReport)
  const final = useAppStore(selectStressReportFinal)
  const { stressId, stressState } = useAppStore(useShallow(selectStressControls))
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

  return (
    <main className="stress-lab" aria-label="Stress lab">
      <StressDesigner />
      <div className="stress-results">
        <div className="stress-status">
          <h2 className="panel-title">Live</h2>
          {stressId ? (
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
        <LiveGauge feed={live} />
        {report && final && <StressReport report={report} images={images} />}
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
                One swimlane per permit: each run’s wait, hold, run and release. It fills in as runs
                settle.
              </p>
            )}
          </div>
        </section>
      </div>
    </main>
  )
}
