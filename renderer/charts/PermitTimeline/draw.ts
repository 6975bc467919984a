import type { StressRunRecord } from '../../../src/protocol/stress'
import { cssColor, withAlpha } from '../css-colors'
import type { AdmittedRun, Interval, TimelineLayout } from './slot-layout'
import type { TimeView } from './viewport'
import { formatTick, lowerBound, tickStep, ticks } from './viewport'

/** Where things are on the canvas, in CSS pixels. */
export interface TimelineGeometry {
  width: number
  height: number
  /** The row labels' column at the left. */
  gutter: number
  /** The time axis at the top. */
  axisHeight: number
  /** The scroll indicator at the bottom. */
  footerHeight: number
  rowHeight: number
  /** How far the rows are scrolled, in pixels. */
  rowScroll: number
}

export interface TimelinePalette {
  background: string
  text: string
  muted: string
  grid: string
  wait: string
  hold: string
  ok: string
  error: string
  timeout: string
  panic: string
  cancelled: string
  rejected: string
  release: string
  overflow: string
  thumb: string
  /** A run still going at the replay's cursor, and the cursor itself. */
  live: string
}

/** The palette of the theme in force, read from app.css. */
export function timelinePalette(): TimelinePalette {
  const muted = cssColor('--muted')
  return {
    background: cssColor('--panel'),
    text: cssColor('--text'),
    muted,
    grid: cssColor('--border'),
    wait: withAlpha(muted, 0.45),
    hold: withAlpha(cssColor('--accent'), 0.4),
    ok: cssColor('--ok'),
    error: cssColor('--error'),
    timeout: cssColor('--timeout'),
    panic: cssColor('--panic'),
    cancelled: cssColor('--faint'),
    rejected: cssColor('--warn'),
    release: withAlpha(cssColor('--text-strong'), 0.7),
    overflow: cssColor('--error'),
    thumb: withAlpha(cssColor('--accent'), 0.55),
    live: cssColor('--running'),
  }
}

/** What a run's bar is coloured by: how it ended. */
export function outcomeTone(
  outcome: StressRunRecord['outcome'],
): 'ok' | 'error' | 'timeout' | 'panic' | 'cancelled' | 'rejected' {
  switch (outcome) {
    case 'ok':
      return 'ok'
    case 'TimeoutError':
      return 'timeout'
    case 'PanicError':
      return 'panic'
    case 'CancelledError':
    case 'ShuttingDownError':
      return 'cancelled'
    case 'ConcurrencyError':
      return 'rejected'
    default:
      return 'error'
  }
}

/** The rows, top to bottom: one per slot, then "no permit" when some runs never got one. */
export function rowCount(layout: TimelineLayout): number {
  return layout.slots.length + (layout.unadmitted.length > 0 ? 1 : 0)
}

export function rowLabel(layout: TimelineLayout, row: number): string {
  if (row >= layout.slots.length) return 'no permit'
  return row < layout.permits ? `permit ${row + 1}` : `over limit ${row - layout.permits + 1}`
}

/** The scroll that shows the last row at the bottom: the most rows can scroll. */
export function maxRowScroll(layout: TimelineLayout, geometry: TimelineGeometry): number {
  const plotHeight = geometry.height - geometry.axisHeight - geometry.footerHeight
  return Math.max(0, rowCount(layout) * geometry.rowHeight - plotHeight)
}

const plotWidth = (g: TimelineGeometry) => Math.max(1, g.width - g.gutter - 8)

export function timeToX(t: number, view: TimeView, g: TimelineGeometry): number {
  return g.gutter + ((t - view.startMs) / (view.endMs - view.startMs)) * plotWidth(g)
}

export function xToTime(x: number, view: TimeView, g: TimelineGeometry): number {
  return view.startMs + ((x - g.gutter) / plotWidth(g)) * (view.endMs - view.startMs)
}

/** The runs of a slot that may be on screen: the first that ends after the view starts, on. */
function visibleFrom(runs: readonly AdmittedRun[], view: TimeView): number {
  return lowerBound(runs, view.startMs, (run) => run.settledAt)
}

type Tone = ReturnType<typeof outcomeTone>

/**
 * Draws the permit timeline: per slot the waits (faint line), holds (permit
 * held, no lane yet), runs (coloured by outcome) and releases (ticks), with
 * markers for timeouts and panics; culled to the view, one fill per colour.
 */
export function drawTimeline(
  ctx: CanvasRenderingContext2D,
  layout: TimelineLayout,
  view: TimeView,
  g: TimelineGeometry,
  palette: TimelinePalette,
  extentMs: number,
  /**
   * Replay: draw the stress as it stood at this moment (ms since its start):
   * nothing after it, runs still going in the live colour, and a playhead.
   */
  cursorMs: number | null = null,
): void {
  const cursor = cursorMs ?? Infinity
  ctx.fillStyle = palette.background
  ctx.fillRect(0, 0, g.width, g.height)
  const plotTop = g.axisHeight
  const plotBottom = g.height - g.footerHeight
  const x = (t: number) => timeToX(t, view, g)
  const left = g.gutter
  const right = g.gutter + plotWidth(g)
  const span = view.endMs - view.startMs
  const pxPerMs = plotWidth(g) / span

  // Time axis and grid.
  const maxTicks = Math.max(2, Math.floor(plotWidth(g) / 90))
  const step = tickStep(span, maxTicks)
  ctx.font = '11px system-ui, sans-serif'
  ctx.textBaseline = 'middle'
  ctx.textAlign = 'center'
  ctx.strokeStyle = palette.grid
  ctx.lineWidth = 1
  ctx.beginPath()
  for (const t of ticks(view, maxTicks)) {
    const tx = Math.round(x(t)) + 0.5
    ctx.moveTo(tx, plotTop - 4)
    ctx.lineTo(tx, plotBottom)
  }
  ctx.stroke()
  ctx.fillStyle = palette.muted
  for (const t of ticks(view, maxTicks)) ctx.fillText(formatTick(t, step), x(t), plotTop / 2)

  const paths: Record<'wait' | 'hold' | Tone | 'release' | 'marker' | 'live', Path2D> = {
    wait: new Path2D(),
    hold: new Path2D(),
    ok: new Path2D(),
    error: new Path2D(),
    timeout: new Path2D(),
    panic: new Path2D(),
    cancelled: new Path2D(),
    rejected: new Path2D(),
    release: new Path2D(),
    marker: new Path2D(),
    live: new Path2D(),
  }
  const timeoutMarks = new Path2D()
  const panicMarks = new Path2D()
  const rejectMarks = new Path2D()
  /**
   * Bars of one colour in one row, merged where they touch on screen: zoomed
   * out, thousands of runs share a few hundred pixels, and one rectangle per
   * pixel span rasterizes in a fraction of the time of one per run.
   */
  const spans = new Map<Path2D, { x0: number; x1: number; top: number; height: number }>()
  const flushSpans = () => {
    for (const [path, span] of spans)
      path.rect(span.x0, span.top, Math.max(1, span.x1 - span.x0), span.height)
    spans.clear()
  }
  const bar = (path: Path2D, from: number, to: number, top: number, height: number) => {
    const x0 = Math.max(left, x(from))
    const x1 = Math.min(right, x(to))
    if (x1 < left || x0 > right) return
    const open = spans.get(path)
    if (open && open.top === top && x0 <= Math.max(open.x1, open.x0 + 1) + 0.5) {
      open.x1 = Math.max(open.x1, x1)
      return
    }
    if (open) path.rect(open.x0, open.top, Math.max(1, open.x1 - open.x0), open.height)
    spans.set(path, { x0, x1, top, height })
  }
  const waitLines = (path: Path2D, waits: readonly Interval[], top: number) => {
    const first = lowerBound(waits, view.startMs, (w) => w.end)
    for (let i = first; i < waits.length; i++) {
      const w = waits[i] as Interval
      if (w.start > view.endMs || w.start > cursor) break
      bar(path, w.start, Math.min(w.end, cursor), top, 2)
    }
  }
  /** One marker per pixel column and kind in a row: more would only overdraw. */
  let lastMark = { kind: '', x: Number.NaN }
  const newMark = (kind: string, cx: number): boolean => {
    const column = Math.round(cx)
    if (lastMark.kind === kind && lastMark.x === column) return false
    lastMark = { kind, x: column }
    return true
  }
  const triangle = (path: Path2D, cx: number, top: number) => {
    path.moveTo(cx - 4, top)
    path.lineTo(cx + 4, top)
    path.lineTo(cx, top + 6)
    path.closePath()
  }
  const diamond = (path: Path2D, cx: number, cy: number) => {
    path.moveTo(cx, cy - 4)
    path.lineTo(cx + 4, cy)
    path.lineTo(cx, cy + 4)
    path.lineTo(cx - 4, cy)
    path.closePath()
  }

  const rows = rowCount(layout)
  const firstRow = Math.max(0, Math.floor(g.rowScroll / g.rowHeight))
  const lastRow = Math.min(rows - 1, Math.ceil((g.rowScroll + plotBottom - plotTop) / g.rowHeight))
  ctx.save()
  ctx.beginPath()
  ctx.rect(0, plotTop, g.width, plotBottom - plotTop)
  ctx.clip()
  for (let row = firstRow; row <= lastRow; row++) {
    flushSpans()
    lastMark = { kind: '', x: Number.NaN }
    const top = plotTop + row * g.rowHeight - g.rowScroll
    const barTop = top + 5
    const barHeight = Math.max(3, g.rowHeight - 9)
    // Row separators and labels.
    ctx.strokeStyle = palette.grid
    ctx.beginPath()
    ctx.moveTo(0, Math.round(top + g.rowHeight) + 0.5)
    ctx.lineTo(g.width, Math.round(top + g.rowHeight) + 0.5)
    ctx.stroke()
    ctx.textAlign = 'left'
    ctx.fillStyle =
      row >= layout.permits && row < layout.slots.length ? palette.overflow : palette.muted
    ctx.fillText(rowLabel(layout, row), 8, top + g.rowHeight / 2)

    if (row >= layout.slots.length) {
      // Runs that never got a permit: how long they waited, and how each ended.
      waitLines(paths.wait, layout.unadmittedWaits, top + 2)
      const runs = layout.unadmitted
      for (let i = lowerBound(runs, view.startMs, (r) => r.settledAt); i < runs.length; i++) {
        const run = runs[i] as StressRunRecord
        if (run.settledAt > view.endMs || run.settledAt > cursor) break
        const cx = x(run.settledAt)
        const cy = barTop + barHeight / 2
        if (run.outcome === 'ConcurrencyError') {
          if (!newMark('reject', cx)) continue
          rejectMarks.moveTo(cx - 3, cy - 3)
          rejectMarks.lineTo(cx + 3, cy + 3)
          rejectMarks.moveTo(cx + 3, cy - 3)
          rejectMarks.lineTo(cx - 3, cy + 3)
        } else
          bar(
            paths[outcomeTone(run.outcome)],
            run.settledAt - 1 / pxPerMs,
            run.settledAt,
            barTop,
            barHeight,
          )
      }
      continue
    }

    waitLines(paths.wait, layout.waits[row] as Interval[], top + 2)
    const runs = layout.slots[row] as AdmittedRun[]
    const from = visibleFrom(runs, view)
    let visible = 0
    const until = Math.min(view.endMs, cursor)
    for (let i = from; i < runs.length && (runs[i] as AdmittedRun).admittedAt <= until; i++)
      visible++
    const showReleases = visible > 0 && visible * 4 < plotWidth(g)
    for (let i = from; i < from + visible; i++) {
      const run = runs[i] as AdmittedRun
      const ranFrom = run.startedAt ?? run.settledAt
      bar(paths.hold, run.admittedAt, Math.min(ranFrom, cursor), barTop, barHeight)
      const settled = run.settledAt <= cursor
      if (run.startedAt !== null && run.startedAt <= cursor)
        bar(
          settled ? paths[outcomeTone(run.outcome)] : paths.live,
          run.startedAt,
          Math.min(run.settledAt, cursor),
          barTop,
          barHeight,
        )
      if (!settled) continue
      const end = x(run.settledAt)
      if (showReleases && end >= left && end <= right) {
        paths.release.rect(Math.round(end) - 0.5, top + 2, 1.5, g.rowHeight - 4)
      }
      if (end < left || end > right) continue
      if (run.outcome === 'TimeoutError' && newMark('timeout', end))
        triangle(timeoutMarks, end, top + 1)
      else if (run.outcome === 'PanicError' && newMark('panic', end))
        diamond(panicMarks, end, top + g.rowHeight / 2)
    }
  }
  flushSpans()
  ctx.fillStyle = palette.wait
  ctx.fill(paths.wait)
  ctx.fillStyle = palette.hold
  ctx.fill(paths.hold)
  for (const tone of ['ok', 'error', 'timeout', 'panic', 'cancelled', 'rejected'] as const) {
    ctx.fillStyle = palette[tone]
    ctx.fill(paths[tone])
  }
  ctx.fillStyle = palette.live
  ctx.fill(paths.live)
  ctx.fillStyle = palette.release
  ctx.fill(paths.release)
  ctx.fillStyle = palette.timeout
  ctx.fill(timeoutMarks)
  ctx.fillStyle = palette.panic
  ctx.fill(panicMarks)
  ctx.strokeStyle = palette.rejected
  ctx.lineWidth = 1.5
  ctx.stroke(rejectMarks)
  if (cursorMs !== null && cursorMs >= view.startMs && cursorMs <= view.endMs) {
    ctx.fillStyle = palette.live
    ctx.fillRect(Math.round(x(cursorMs)) - 1, plotTop, 2, plotBottom - plotTop)
  }
  ctx.restore()

  // The gutter's edge, and where the view sits in the whole stress.
  ctx.strokeStyle = palette.grid
  ctx.lineWidth = 1
  ctx.beginPath()
  ctx.moveTo(left - 0.5, 0)
  ctx.lineTo(left - 0.5, plotBottom)
  ctx.moveTo(0, plotTop - 0.5)
  ctx.lineTo(g.width, plotTop - 0.5)
  ctx.stroke()
  const fullEnd = Math.max(extentMs, 1) * 1.02
  const trackWidth = plotWidth(g)
  const thumbX = left + (Math.max(0, view.startMs) / fullEnd) * trackWidth
  const thumbW = Math.max(6, ((view.endMs - view.startMs) / fullEnd) * trackWidth)
  ctx.fillStyle = palette.grid
  ctx.fillRect(left, plotBottom + 3, trackWidth, 4)
  ctx.fillStyle = palette.thumb
  ctx.fillRect(thumbX, plotBottom + 3, Math.min(thumbW, right - thumbX), 4)
}

/** The run under a point of the canvas, or null. */
export function hitTest(
  layout: TimelineLayout,
  view: TimeView,
  g: TimelineGeometry,
  px: number,
  py: number,
): StressRunRecord | null {
  if (px < g.gutter || py < g.axisHeight || py > g.height - g.footerHeight) return null
  const row = Math.floor((py - g.axisHeight + g.rowScroll) / g.rowHeight)
  if (row < 0 || row >= rowCount(layout)) return null
  const t = xToTime(px, view, g)
  const slackMs = (4 / plotWidth(g)) * (view.endMs - view.startMs)
  if (row >= layout.slots.length) {
    const runs = layout.unadmitted
    let best: StressRunRecord | null = null
    for (let i = lowerBound(runs, t - slackMs, (r) => r.settledAt); i < runs.length; i++) {
      const run = runs[i] as StressRunRecord
      if (run.settledAt > t + slackMs) break
      if (!best || Math.abs(run.settledAt - t) < Math.abs(best.settledAt - t)) best = run
    }
    return best
  }
  const runs = layout.slots[row] as AdmittedRun[]
  let best: AdmittedRun | null = null
  let bestDistance = Infinity
  for (let i = lowerBound(runs, t - slackMs, (r) => r.settledAt); i < runs.length; i++) {
    const run = runs[i] as AdmittedRun
    if (run.admittedAt > t + slackMs) break
    const distance =
      t < run.admittedAt ? run.admittedAt - t : t > run.settledAt ? t - run.settledAt : 0
    if (distance < bestDistance) {
      best = run
      bestDistance = distance
    }
  }
  return best
}
