import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { PermitTimeline } from '../../charts/PermitTimeline'
import { ReplaySeries } from '../../charts/replay-series'
import { replayMoments } from '../../charts/replay-state'
import type { ChartImage } from '../../charts/StreamChart'
import { formatDurationMs } from '../../format/duration'
import type { OpenedRun } from '../../store/slices/stress/types'
import type { Theme } from '../../theme/theme'
import { LiveCharts } from './LiveCharts'
import type { DrawnImages } from './StressReport'
import { StressReport } from './StressReport'

/** Replay speeds: how many ms of the stress pass per ms of the clock. */
export const REPLAY_SPEEDS = [1, 2, 5, 10, 25, 50, 100] as const

const number = new Intl.NumberFormat('en')

/**
 * The replay of a saved run: a scrubber over its time, play/pause at 1× to
 * 100×, the gate as it stood at that moment, and the charts and permit
 * timeline drawn up to it. The cursor moves in React state; the charts and
 * the canvas redraw themselves from it.
 */
function Replay({
  run,
  theme,
  onImage,
  onCanvas,
}: {
  run: OpenedRun
  theme: Theme
  onImage: (id: string, image: ChartImage | null) => void
  onCanvas: (canvas: HTMLCanvasElement | null) => void
}) {
  const { report } = run
  const moments = useMemo(() => replayMoments(report.runs), [report])
  const source = useMemo(() => new ReplaySeries(report.series), [report])
  const endMs = Math.max(moments.endMs, 1)
  const [cursorMs, setCursorMs] = useState<number>(endMs)
  const [playing, setPlaying] = useState(false)
  const [speed, setSpeed] = useState<number>(10)
  const clock = useRef({ cursorMs: endMs, speed: 10 })

  const seek = useCallback(
    (ms: number) => {
      const next = Math.min(endMs, Math.max(0, ms))
      clock.current.cursorMs = next
      setCursorMs(next)
    },
    [endMs],
  )

  useEffect(() => {
    source.setCursor(cursorMs >= endMs ? null : cursorMs)
  }, [source, cursorMs, endMs])

  useEffect(() => {
    if (!playing) return
    let frame = 0
    let last = performance.now()
    const tick = (now: number) => {
      const next = clock.current.cursorMs + (now - last) * clock.current.speed
      last = now
      seek(next)
      if (next >= endMs) {
        setPlaying(false)
        return
      }
      frame = requestAnimationFrame(tick)
    }
    frame = requestAnimationFrame(tick)
    return () => cancelAnimationFrame(frame)
  }, [playing, seek, endMs])

  const moment = moments.at(cursorMs)

  return (
    <>
      <section className="replay panel" aria-label="Replay">
        <div className="replay-controls">
          <button
            type="button"
            className="button button-small"
            aria-label={playing ? 'Pause replay' : 'Play replay'}
            onClick={() => {
              if (!playing && clock.current.cursorMs >= endMs) seek(0)
              setPlaying(!playing)
            }}
          >
            {playing ? 'Pause' : 'Play'}
          </button>
          <label className="replay-speed">
            <span className="visually-hidden">Replay speed</span>
            <select
              className="select"
              aria-label="Replay speed"
              value={speed}
              onChange={(event) => {
                clock.current.speed = Number(event.target.value)
                setSpeed(clock.current.speed)
              }}
            >
              {REPLAY_SPEEDS.map((s) => (
                <option key={s} value={s}>
                  {s}×
                </option>
              ))}
            </select>
          </label>
          <input
            type="range"
            className="replay-scrubber"
            aria-label="Replay position"
            min={0}
            max={endMs}
            step={Math.max(endMs / 1000, 0.01)}
            value={cursorMs}
            onChange={(event) => {
              setPlaying(false)
              seek(Number(event.target.value))
            }}
          />
          <span
            className="replay-time"
            aria-label="Replay time"
            data-cursor-ms={Math.round(cursorMs)}
          >
            {formatDurationMs(cursorMs)} / {formatDurationMs(endMs)}
          </span>
        </div>
        <dl className="replay-moment" aria-label="At this moment">
          <div>
            <dt>settled</dt>
            <dd data-replay="settled">
              {number.format(moment.settled)} / {number.format(report.runs.length)}
            </dd>
          </div>
          <div>
            <dt>ok</dt>
            <dd data-replay="ok">{number.format(moment.ok)}</dd>
          </div>
          <div>
            <dt>permits in use</dt>
            <dd data-replay="in-use">
              {moment.permitsInUse} / {report.settings.permits}
            </dd>
          </div>
          <div>
            <dt>waiting</dt>
            <dd data-replay="waiting">{number.format(moment.waiting)}</dd>
          </div>
        </dl>
      </section>
      <LiveCharts source={source} theme={theme} onImage={onImage} />
      <section className="stress-timeline panel" aria-labelledby="replay-timeline-title">
        <header className="panel-header">
          <h2 id="replay-timeline-title" className="panel-title">
            Permit timeline
          </h2>
        </header>
        <div className="panel-body">
          <PermitTimeline
            runs={report.runs}
            permits={report.settings.permits}
            theme={theme}
            cursorMs={cursorMs >= endMs ? null : cursorMs}
            onCanvas={onCanvas}
          />
        </div>
      </section>
    </>
  )
}

/** A saved run as it was: its report, then the replay of its charts and timeline. */
export function SavedRunView({ run, theme }: { run: OpenedRun; theme: Theme }) {
  const images = useRef<DrawnImages>({ charts: new Map(), timeline: null })
  const onImage = useCallback((id: string, image: ChartImage | null) => {
    if (image) images.current.charts.set(id, image)
    else images.current.charts.delete(id)
  }, [])
  const onCanvas = useCallback((canvas: HTMLCanvasElement | null) => {
    images.current.timeline = canvas
  }, [])
  return (
    <>
      <StressReport report={run.report} images={images} title={`Saved run: ${run.name}`} />
      <Replay
        key={run.name + run.report.startedAt}
        run={run}
        theme={theme}
        onImage={onImage}
        onCanvas={onCanvas}
      />
    </>
  )
}
