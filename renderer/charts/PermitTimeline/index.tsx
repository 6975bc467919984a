import { useEffect, useRef, useState } from 'react'
import type { StressRunRecord } from '../../../src/protocol/stress'
import type { Theme } from '../../theme/theme'
import { describeRun } from './describe-run'
import type { TimelineGeometry, TimelinePalette } from './draw'
import { drawTimeline, hitTest, maxRowScroll, rowCount, timelinePalette, xToTime } from './draw'
import type { SharedTimeAxis } from './shared-axis'
import type { TimelineLayout } from './slot-layout'
import { runInSlices } from '../../scheduling/run-in-slices'
import { buildTimeline, buildTimelineInSteps } from './slot-layout'
import type { TimeView } from './viewport'
import { clampView, fitView, panView, zoomView } from './viewport'

const AXIS_HEIGHT = 22
const FOOTER_HEIGHT = 10
const GUTTER = 84
const MAX_PLOT_HEIGHT = 340

function rowHeightFor(rows: number): number {
  if (rows <= 8) return 26
  if (rows <= 24) return 18
  return 13
}

/**
 * The layout of `runs`, built in slices off the render path: a 10,000-run
 * report takes tens of milliseconds to lay out. Until the new one is ready
 * the previous layout stays on screen.
 */
function useTimelineLayout(runs: readonly StressRunRecord[], permits: number): TimelineLayout {
  const [layout, setLayout] = useState(() => buildTimeline([], permits))
  useEffect(() => {
    const abort = new AbortController()
    void runInSlices(buildTimelineInSteps(runs, permits), abort.signal).then((built) => {
      if (built) setLayout(built)
    })
    return () => abort.abort()
  }, [runs, permits])
  return layout
}

interface TimelineProps {
  runs: readonly StressRunRecord[]
  permits: number
  theme: Theme
  /** The canvas, for the PNG export; null when it goes away. */
  onCanvas?: (canvas: HTMLCanvasElement | null) => void
  /** Replay: the moment to draw the stress at (ms since its start); null or absent: all of it. */
  cursorMs?: number | null
  /** Compare mode: one axis shared with another timeline (its extent and its zoom). */
  axis?: SharedTimeAxis
  /** Names this timeline among several: `Permit timeline A: …`. */
  name?: string
}

/**
 * The permit timeline: one swimlane per permit slot, drawn on a canvas.
 * Wheel zooms around the pointer, dragging pans (and scrolls the rows when
 * they do not fit), the keyboard does both, and hovering a run shows its
 * details. View state lives in refs: moving around never re-renders React.
 */
export function PermitTimeline({
  runs,
  permits,
  theme,
  onCanvas,
  cursorMs = null,
  axis,
  name,
}: TimelineProps) {
  const layout = useTimelineLayout(runs, permits)
  const extentFor = (l: TimelineLayout) => Math.max(l.endMs, axis?.extentMs ?? 0)
  const extentRef = useRef(extentFor(layout))
  const cursorRef = useRef<number | null>(cursorMs)
  const axisRef = useRef(axis)
  const wrapRef = useRef<HTMLDivElement>(null)
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const tipRef = useRef<HTMLDivElement>(null)
  const layoutRef = useRef<TimelineLayout>(layout)
  // The view follows the whole stress until the user zooms or pans.
  const viewRef = useRef<{ view: TimeView; following: boolean; rowScroll: number }>({
    view: axis?.view ?? fitView(extentFor(layout)),
    following: !axis?.view,
    rowScroll: 0,
  })
  const redrawRef = useRef<() => void>(() => undefined)
  const performRef = useRef<(key: string) => boolean>(() => false)

  useEffect(() => {
    onCanvas?.(canvasRef.current)
    return () => onCanvas?.(null)
  }, [onCanvas])

  useEffect(() => {
    const wrap = wrapRef.current
    const canvas = canvasRef.current
    const tip = tipRef.current
    if (!wrap || !canvas || !tip) return
    const ctx = canvas.getContext('2d')
    if (!ctx) return
    // Read in the first paint: the new theme is on the document by then.
    let palette: TimelinePalette | null = null
    let frame = 0
    let width = Math.max(200, wrap.clientWidth)

    const geometry = (): TimelineGeometry => {
      const rows = Math.max(1, rowCount(layoutRef.current))
      const rowHeight = rowHeightFor(rows)
      const plotHeight = Math.min(MAX_PLOT_HEIGHT, rows * rowHeight)
      return {
        width,
        height: AXIS_HEIGHT + plotHeight + FOOTER_HEIGHT,
        gutter: GUTTER,
        axisHeight: AXIS_HEIGHT,
        footerHeight: FOOTER_HEIGHT,
        rowHeight,
        rowScroll: viewRef.current.rowScroll,
      }
    }
    const paint = () => {
      frame = 0
      const g = geometry()
      const scale = window.devicePixelRatio || 1
      const pixelWidth = Math.round(g.width * scale)
      const pixelHeight = Math.round(g.height * scale)
      if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
        canvas.width = pixelWidth
        canvas.height = pixelHeight
        canvas.style.height = `${g.height}px`
      }
      ctx.setTransform(scale, 0, 0, scale, 0, 0)
      palette ??= timelinePalette()
      drawTimeline(
        ctx,
        layoutRef.current,
        viewRef.current.view,
        g,
        palette,
        extentRef.current,
        cursorRef.current,
      )
    }
    const redraw = () => {
      if (frame === 0) frame = requestAnimationFrame(paint)
    }
    redrawRef.current = redraw

    const setView = (view: TimeView) => {
      const clamped = clampView(view, extentRef.current)
      viewRef.current.view = clamped
      viewRef.current.following = false
      hideTip()
      // A shared axis redraws every timeline on it, this one included.
      if (axisRef.current) axisRef.current.set(clamped)
      else redraw()
    }
    const unfollowAxis =
      axisRef.current?.subscribe(() => {
        const shared = axisRef.current?.view ?? null
        viewRef.current.view = shared ?? fitView(extentRef.current)
        viewRef.current.following = shared === null
        hideTip()
        redraw()
      }) ?? (() => undefined)
    const scrollRows = (deltaPx: number) => {
      const max = maxRowScroll(layoutRef.current, geometry())
      viewRef.current.rowScroll = Math.min(max, Math.max(0, viewRef.current.rowScroll + deltaPx))
      redraw()
    }
    const localPoint = (event: { clientX: number; clientY: number }) => {
      const rect = canvas.getBoundingClientRect()
      return { x: event.clientX - rect.left, y: event.clientY - rect.top }
    }
    const hideTip = () => {
      tip.hidden = true
    }
    const showTip = (event: PointerEvent) => {
      const { x, y } = localPoint(event)
      const run = hitTest(layoutRef.current, viewRef.current.view, geometry(), x, y)
      if (!run) {
        hideTip()
        canvas.style.cursor = 'grab'
        return
      }
      canvas.style.cursor = 'default'
      const { title, lines } = describeRun(run)
      const heading = document.createElement('strong')
      heading.textContent = title
      const items = lines.map((line) => {
        const item = document.createElement('span')
        item.textContent = line
        return item
      })
      tip.replaceChildren(heading, ...items)
      tip.hidden = false
      // Fixed to the window, so no scrolling container clips it; flipped to stay on screen.
      const { offsetWidth: tipWidth, offsetHeight: tipHeight } = tip
      const left =
        event.clientX + 14 + tipWidth > window.innerWidth
          ? event.clientX - tipWidth - 10
          : event.clientX + 14
      const top =
        event.clientY + 12 + tipHeight > window.innerHeight
          ? event.clientY - tipHeight - 8
          : event.clientY + 12
      tip.style.left = `${Math.max(0, left)}px`
      tip.style.top = `${Math.max(0, top)}px`
    }

    const onWheel = (event: WheelEvent) => {
      event.preventDefault()
      const { x } = localPoint(event)
      const view = viewRef.current.view
      const horizontal = Math.abs(event.deltaX) > Math.abs(event.deltaY)
      if (event.shiftKey || horizontal) {
        const delta = horizontal ? event.deltaX : event.deltaY
        setView(panView(view, (delta / width) * (view.endMs - view.startMs), extentRef.current))
        return
      }
      const factor = Math.exp(event.deltaY * 0.0015)
      setView(zoomView(view, factor, xToTime(x, view, geometry()), extentRef.current))
    }

    let drag: { x: number; y: number; view: TimeView; rowScroll: number } | null = null
    const onPointerDown = (event: PointerEvent) => {
      if (event.button !== 0) return
      canvas.setPointerCapture(event.pointerId)
      drag = {
        x: event.clientX,
        y: event.clientY,
        view: viewRef.current.view,
        rowScroll: viewRef.current.rowScroll,
      }
      canvas.style.cursor = 'grabbing'
      hideTip()
    }
    const onPointerMove = (event: PointerEvent) => {
      if (!drag) {
        showTip(event)
        return
      }
      const dx = event.clientX - drag.x
      const dy = event.clientY - drag.y
      const g = geometry()
      const span = drag.view.endMs - drag.view.startMs
      if (dx !== 0)
        setView(
          panView(drag.view, (-dx / Math.max(1, g.width - g.gutter - 8)) * span, extentRef.current),
        )
      if (dy !== 0) {
        viewRef.current.rowScroll = drag.rowScroll
        scrollRows(-dy)
      }
    }
    const onPointerUp = (event: PointerEvent) => {
      if (!drag) return
      drag = null
      if (canvas.hasPointerCapture(event.pointerId)) canvas.releasePointerCapture(event.pointerId)
      canvas.style.cursor = 'grab'
    }
    const perform = (key: string): boolean => {
      const view = viewRef.current.view
      const span = view.endMs - view.startMs
      const centre = view.startMs + span / 2
      const extent = extentRef.current
      switch (key) {
        case 'ArrowLeft':
          setView(panView(view, -span / 5, extent))
          return true
        case 'ArrowRight':
          setView(panView(view, span / 5, extent))
          return true
        case 'ArrowUp':
          scrollRows(-geometry().rowHeight)
          return true
        case 'ArrowDown':
          scrollRows(geometry().rowHeight)
          return true
        case '+':
        case '=':
          setView(zoomView(view, 0.5, centre, extent))
          return true
        case '-':
          setView(zoomView(view, 2, centre, extent))
          return true
        case '0':
          viewRef.current = { view: fitView(extent), following: true, rowScroll: 0 }
          hideTip()
          if (axisRef.current) axisRef.current.set(null)
          else redraw()
          return true
        default:
          return false
      }
    }
    performRef.current = perform
    const onKeyDown = (event: KeyboardEvent) => {
      if (perform(event.key)) event.preventDefault()
    }
    const resize = new ResizeObserver(() => {
      const next = Math.max(200, wrap.clientWidth)
      if (next !== width) {
        width = next
        redraw()
      }
    })

    canvas.addEventListener('wheel', onWheel, { passive: false })
    canvas.addEventListener('pointerdown', onPointerDown)
    canvas.addEventListener('pointermove', onPointerMove)
    canvas.addEventListener('pointerup', onPointerUp)
    canvas.addEventListener('pointercancel', onPointerUp)
    canvas.addEventListener('pointerleave', hideTip)
    canvas.addEventListener('keydown', onKeyDown)
    resize.observe(wrap)
    redraw()
    return () => {
      canvas.removeEventListener('wheel', onWheel)
      canvas.removeEventListener('pointerdown', onPointerDown)
      canvas.removeEventListener('pointermove', onPointerMove)
      canvas.removeEventListener('pointerup', onPointerUp)
      canvas.removeEventListener('pointercancel', onPointerUp)
      canvas.removeEventListener('pointerleave', hideTip)
      canvas.removeEventListener('keydown', onKeyDown)
      resize.disconnect()
      unfollowAxis()
      if (frame !== 0) cancelAnimationFrame(frame)
      redrawRef.current = () => undefined
      performRef.current = () => false
    }
  }, [theme])

  // New data (a polled or final report): keep the user's view, or follow the whole stress.
  useEffect(() => {
    layoutRef.current = layout
    extentRef.current = extentFor(layout)
    const state = viewRef.current
    if (state.following) state.view = fitView(extentRef.current)
    else state.view = clampView(state.view, extentRef.current)
    redrawRef.current()
    // extentFor reads the axis prop, which is fixed for a timeline's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layout])

  // Replay: a new moment redraws the canvas, never React.
  useEffect(() => {
    cursorRef.current = cursorMs
    redrawRef.current()
  }, [cursorMs])

  const summary =
    `${layout.slots.length} swimlanes for ${layout.permits} permits, ` +
    `${layout.runCount - layout.unadmitted.length} runs admitted, ${layout.unadmitted.length} never admitted` +
    (layout.overflow > 0 ? `; ${layout.overflow} swimlanes over the permit count` : '')

  return (
    <div className="timeline">
      <div className="timeline-tools">
        <span className="timeline-hint">
          Wheel to zoom, drag to pan, hover a run for its details
        </span>
        <button
          type="button"
          className="button button-tiny"
          onClick={() => performRef.current('+')}
        >
          Zoom in
        </button>
        <button
          type="button"
          className="button button-tiny"
          onClick={() => performRef.current('-')}
        >
          Zoom out
        </button>
        <button
          type="button"
          className="button button-tiny"
          onClick={() => performRef.current('0')}
        >
          Fit
        </button>
      </div>
      <div ref={wrapRef} className="timeline-canvas-wrap">
        <canvas
          ref={canvasRef}
          className="timeline-canvas"
          tabIndex={0}
          role="img"
          aria-label={`Permit timeline${name ? ` ${name}` : ''}: ${summary}`}
          data-swimlanes={layout.slots.length}
          data-overflow={layout.overflow}
        />
        <div ref={tipRef} className="timeline-tip" role="tooltip" hidden />
      </div>
      <ul className="timeline-legend" aria-label="Timeline legend">
        <li>
          <i className="swatch swatch-wait" /> waiting for a permit
        </li>
        <li>
          <i className="swatch swatch-hold" /> holding, no lane yet
        </li>
        <li>
          <i className="swatch swatch-ok" /> ran, ok
        </li>
        <li>
          <i className="swatch swatch-error" /> ran, error
        </li>
        <li>
          <i className="swatch swatch-timeout" /> timeout ▾
        </li>
        <li>
          <i className="swatch swatch-panic" /> panic ◆
        </li>
        <li>
          <i className="swatch swatch-release" /> release
        </li>
        <li>
          <i className="swatch swatch-rejected" /> no permit in time ×
        </li>
      </ul>
    </div>
  )
}
