import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { Theme } from '../../theme/theme'
import { cssColor } from '../css-colors'
import { showNewestInLegend } from '../newest-legend'
import type { SeriesSource, StreamChartSpec } from '../StreamChart'

/** A few points (a short run, the start of a replay) draw as dots: one alone has no line. */
const SPARSE_POINTS = 12
const sparse = (u: uPlot): boolean =>
  u.data[0].length <= SPARSE_POINTS ||
  // Replay: many times, few of them with values yet.
  (u.data[1] ?? []).filter((v) => v != null).length <= SPARSE_POINTS

const PLOT_HEIGHT = 170

/** One side of an overlay: its series, and how its lines are told apart (B's are dashed). */
export interface OverlaySide {
  label: 'A' | 'B'
  source: SeriesSource
}

const DASH_B = [7, 4]

function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–'
  const abs = Math.abs(value)
  const text =
    abs >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(abs >= 10 ? 1 : 2)
  return `${text}${unit}`
}

/** Both sides' columns on one x axis (seconds since each side's own start), gaps as nulls. */
function overlayData(spec: StreamChartSpec, sides: readonly OverlaySide[]): uPlot.AlignedData {
  const tables = sides.map(
    (side) =>
      [
        side.source.series.t,
        ...spec.lines.map((line) => side.source.series[line.key]),
      ] as uPlot.AlignedData,
  )
  return uPlot.join(tables)
}

/**
 * A chart of policy A and policy B on one time axis (seconds since each
 * started): the same colours per line, B dashed. Fed live from two sources;
 * it redraws at most once per animation frame, never through React.
 */
export function OverlayChart({
  spec,
  sides,
  theme,
}: {
  spec: StreamChartSpec
  sides: readonly OverlaySide[]
  theme: Theme
}) {
  const hostRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const host = hostRef.current
    if (!host) return
    let chart: uPlot | null = null
    let frame = 0
    const unsubscribes: (() => void)[] = []
    const draw = () => {
      frame = 0
      if (!chart) return
      chart.setData(overlayData(spec, sides))
      showNewestInLegend(chart)
    }
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(draw)
    }
    // Built in the next frame, when a new theme's colours are on the document.
    let build = requestAnimationFrame(() => {
      build = 0
      const axisColor = cssColor('--muted')
      const gridColor = cssColor('--border')
      const axis = (values: uPlot.Axis['values']): uPlot.Axis => ({
        stroke: axisColor,
        grid: { stroke: gridColor, width: 1 },
        ticks: { stroke: gridColor, width: 1, size: 4 },
        font: '11px system-ui, sans-serif',
        values,
      })
      const series: uPlot.Series[] = [
        { label: 'time', value: (_u, v) => (v === null ? '–' : `${v.toFixed(1)} s`) },
      ]
      for (const side of sides)
        for (const line of spec.lines)
          series.push({
            label: `${side.label} ${line.label}`,
            stroke: cssColor(line.color),
            width: side.label === 'A' ? 1.75 : 1.5,
            dash: side.label === 'B' ? (line.dash ? [2, 3] : DASH_B) : line.dash,
            spanGaps: true,
            points: { show: sparse, size: 4 },
            value: (_u, v) => formatValue(v, spec.unit),
          })
      chart = new uPlot(
        {
          width: Math.max(200, host.clientWidth),
          height: PLOT_HEIGHT,
          scales: {
            x: { time: false },
            y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
          },
          series,
          axes: [
            axis((_u, splits) => splits.map((s) => `${s} s`)),
            { ...axis((_u, splits) => splits.map((s) => formatValue(s, ''))), size: 52 },
          ],
          legend: { show: true, live: true },
          hooks: {
            // Away from the cursor, the legend shows the newest values rather than dashes.
            setLegend: [showNewestInLegend],
          },
          cursor: { drag: { x: false, y: false }, points: { show: false } },
        },
        overlayData(spec, sides),
        host,
      )
      for (const side of sides) unsubscribes.push(side.source.subscribe(schedule))
    })
    const resize = new ResizeObserver(() => {
      const width = Math.max(200, host.clientWidth)
      if (chart && width !== chart.width) chart.setSize({ width, height: PLOT_HEIGHT })
    })
    resize.observe(host)
    return () => {
      for (const unsubscribe of unsubscribes) unsubscribe()
      if (build !== 0) cancelAnimationFrame(build)
      if (frame !== 0) cancelAnimationFrame(frame)
      resize.disconnect()
      chart?.destroy()
    }
  }, [spec, sides, theme])

  return (
    <figure className="stream-chart overlay-chart" aria-label={`${spec.title}, A and B`}>
      <figcaption className="stream-chart-title">
        {spec.title} <span className="overlay-key">A solid · B dashed</span>
      </figcaption>
      <div ref={hostRef} className="stream-chart-plot" />
    </figure>
  )
}
