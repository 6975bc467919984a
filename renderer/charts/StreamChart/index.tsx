import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { Theme } from '../../theme/theme'
import { cssColor } from '../css-colors'
import { showNewestInLegend } from '../newest-legend'
import type { SeriesSource } from '../series-source'
import type { StressSeriesKey } from '../stress-series'

export type { SeriesSource }

/** One line of a chart: which column, its name and its colour (a CSS custom property). */
export interface ChartLine {
  key: StressSeriesKey
  label: string
  color: string
  dash?: number[]
}

export interface StreamChartSpec {
  id: string
  title: string
  /** Appended to values in the legend: ' ms', '/s'. */
  unit: string
  lines: readonly ChartLine[]
}

/** A drawn chart, for the PNG export: its canvas and its legend's names and colours. */
export interface ChartImage {
  title: string
  canvas: HTMLCanvasElement
  lines: { label: string; color: string }[]
}

/** A few points (a short run, the start of a replay) draw as dots: one alone has no line. */
const SPARSE_POINTS = 12
const sparse = (u: uPlot): boolean =>
  u.data[0].length <= SPARSE_POINTS ||
  // Replay: many times, few of them with values yet.
  (u.data[1] ?? []).filter((v) => v != null).length <= SPARSE_POINTS

const PLOT_HEIGHT = 150

function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–'
  const abs = Math.abs(value)
  const text =
    abs >= 100
      ? Math.round(value).toLocaleString('en-US')
      : abs >= 10
        ? value.toFixed(1)
        : value.toFixed(2)
  return `${text}${unit}`
}

/** The columns uPlot draws: time, then each line's. */
function chartData(spec: StreamChartSpec, source: SeriesSource): uPlot.AlignedData {
  return [source.series.t, ...spec.lines.map((line) => source.series[line.key])]
}

/** A uPlot chart in the theme's colours (read from the document now). */
function createChart(spec: StreamChartSpec, source: SeriesSource, host: HTMLElement) {
  const axisColor = cssColor('--muted')
  const gridColor = cssColor('--border')
  const lines = spec.lines.map((line) => ({ label: line.label, color: cssColor(line.color) }))
  const axis = (values: uPlot.Axis['values']): uPlot.Axis => ({
    stroke: axisColor,
    grid: { stroke: gridColor, width: 1 },
    ticks: { stroke: gridColor, width: 1, size: 4 },
    font: '11px system-ui, sans-serif',
    values,
  })
  const options: uPlot.Options = {
    width: Math.max(160, host.clientWidth),
    height: PLOT_HEIGHT,
    scales: {
      x: { time: false },
      // Counts, rates and durations are never negative.
      y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
    },
    series: [
      { label: 'time', value: (_u, v) => (v === null ? '–' : `${v.toFixed(1)} s`) },
      ...spec.lines.map((line, index): uPlot.Series => ({
        label: line.label,
        stroke: lines[index]?.color,
        width: 1.5,
        dash: line.dash,
        spanGaps: false,
        points: { show: sparse, size: 4 },
        value: (_u, v) => formatValue(v, spec.unit),
      })),
    ],
    axes: [
      axis((_u, splits) => splits.map((s) => `${s} s`)),
      {
        ...axis((_u, splits) =>
          splits.map((s) => (Number.isInteger(s) ? s.toLocaleString('en-US') : formatValue(s, ''))),
        ),
        size: 52,
      },
    ],
    legend: { show: true, live: true },
    hooks: {
      // Away from the cursor, the legend shows the newest values rather than dashes.
      setLegend: [showNewestInLegend],
    },
    cursor: { drag: { x: false, y: false }, points: { show: false } },
  }
  return { chart: new uPlot(options, chartData(spec, source), host), lines }
}

/**
 * A uPlot chart fed from a live source: it draws at most once per animation
 * frame and only when a point was added, never through React state.
 */
export function StreamChart({
  spec,
  source,
  theme,
  onImage,
}: {
  spec: StreamChartSpec
  source: SeriesSource
  /** Charts are rebuilt in the new theme's colours. */
  theme: Theme
  onImage?: (id: string, image: ChartImage | null) => void
}) {
  const hostRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const host = hostRef.current
    if (!host) return
    let chart: uPlot | null = null
    let unsubscribe = () => {}
    let drawnLength = -1
    let drawnEpoch = -1
    const draw = () => {
      if (!chart) return
      const length = source.series.t.length
      if (length === drawnLength && source.seriesEpoch === drawnEpoch) return
      drawnLength = length
      drawnEpoch = source.seriesEpoch
      chart.setData(chartData(spec, source))
      showNewestInLegend(chart)
    }
    // Built in the next frame: a new theme is on the document by then (the
    // App applies it in its own effect, which runs after its children's).
    let frame = requestAnimationFrame(() => {
      frame = 0
      const built = createChart(spec, source, host)
      chart = built.chart
      drawnLength = source.series.t.length
      drawnEpoch = source.seriesEpoch
      onImage?.(spec.id, { title: spec.title, canvas: chart.ctx.canvas, lines: built.lines })
      // The source calls back at most once per animation frame.
      unsubscribe = source.subscribe(draw)
    })
    const resize = new ResizeObserver(() => {
      const width = Math.max(160, host.clientWidth)
      if (chart && width !== chart.width) chart.setSize({ width, height: PLOT_HEIGHT })
    })
    resize.observe(host)
    return () => {
      unsubscribe()
      if (frame !== 0) cancelAnimationFrame(frame)
      resize.disconnect()
      if (chart) {
        onImage?.(spec.id, null)
        chart.destroy()
      }
    }
  }, [spec, source, theme, onImage])

  return (
    <figure className="stream-chart" aria-label={spec.title}>
      <figcaption className="stream-chart-title">{spec.title}</figcaption>
      <div ref={hostRef} className="stream-chart-plot" />
    </figure>
  )
}
