import type { StressReportFull } from '../../../src/protocol/stress'
import { canvasToPng } from '../compose-png'
import type { TimelinePalette } from './draw'
import { drawTimeline, rowCount } from './draw'
import { buildTimeline } from './slot-layout'
import { fitView } from './viewport'

/** The legend, as on screen: what each colour and mark means. */
export const TIMELINE_LEGEND: readonly { label: string; color: keyof TimelinePalette }[] = [
  { label: 'waiting for a permit', color: 'wait' },
  { label: 'holding, no lane yet', color: 'hold' },
  { label: 'ran, ok', color: 'ok' },
  { label: 'ran, error', color: 'error' },
  { label: 'timeout ▾', color: 'timeout' },
  { label: 'panic ◆', color: 'panic' },
  { label: 'release', color: 'release' },
  { label: 'no permit in time ×', color: 'rejected' },
]

const WIDTH = 1600
const ROW_HEIGHT = 18
const AXIS_HEIGHT = 22
const GUTTER = 84
const TITLE_HEIGHT = 48
const LEGEND_HEIGHT = 30

/**
 * The whole run's permit timeline as a PNG, whatever the view on screen is
 * zoomed to: every swimlane (none scrolled away), a title that says which
 * stress and how it was set up, and the legend.
 */
export function timelinePng(report: StressReportFull, palette: TimelinePalette): Promise<Blob> {
  const layout = buildTimeline(report.runs, report.settings.permits)
  const plotHeight = Math.max(1, rowCount(layout)) * ROW_HEIGHT
  const scale = Math.min(2, window.devicePixelRatio || 1)
  const canvas = document.createElement('canvas')
  const height = TITLE_HEIGHT + AXIS_HEIGHT + plotHeight + 10 + LEGEND_HEIGHT
  canvas.width = Math.round(WIDTH * scale)
  canvas.height = Math.round(height * scale)
  const ctx = canvas.getContext('2d')
  if (!ctx) return Promise.reject(new Error('No 2D canvas in this browser'))
  ctx.scale(scale, scale)
  ctx.fillStyle = palette.background
  ctx.fillRect(0, 0, WIDTH, height)

  const { settings } = report
  ctx.textBaseline = 'middle'
  ctx.fillStyle = palette.text
  ctx.font = '600 15px system-ui, sans-serif'
  ctx.fillText(
    `Permit timeline: Gatehouse ${report.stressId}, ${report.runs.length} runs, whole run (${(report.wallMs / 1000).toFixed(1)} s)`,
    12,
    16,
  )
  ctx.fillStyle = palette.muted
  ctx.font = '12px system-ui, sans-serif'
  ctx.fillText(
    `${settings.permits} permits, ${settings.lanes} lanes, wait timeout ${settings.waitTimeoutMs} ms, run timeout ${report.plan.runTimeoutMs ?? settings.runTimeoutMs} ms, seed ${report.plan.seed}; audit ${report.audit.passed ? 'PASS' : 'FAIL'}`,
    12,
    36,
  )

  ctx.save()
  ctx.translate(0, TITLE_HEIGHT)
  drawTimeline(
    ctx,
    layout,
    fitView(layout.endMs),
    {
      width: WIDTH,
      height: AXIS_HEIGHT + plotHeight + 10,
      gutter: GUTTER,
      axisHeight: AXIS_HEIGHT,
      footerHeight: 10,
      rowHeight: ROW_HEIGHT,
      rowScroll: 0,
    },
    palette,
    layout.endMs,
  )
  ctx.restore()

  let x = 12
  const y = height - LEGEND_HEIGHT / 2
  ctx.font = '12px system-ui, sans-serif'
  for (const item of TIMELINE_LEGEND) {
    ctx.fillStyle = palette[item.color]
    ctx.fillRect(x, y - 5, 14, 10)
    x += 20
    ctx.fillStyle = palette.muted
    ctx.fillText(item.label, x, y)
    x += ctx.measureText(item.label).width + 18
  }
  return canvasToPng(canvas)
}
