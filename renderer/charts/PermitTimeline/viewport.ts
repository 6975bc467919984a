/** The part of the timeline on screen, in ms since the stress started. */
export interface TimeView {
  startMs: number
  endMs: number
}

/** The closest zoom: half a millisecond across the whole width. */
export const MIN_SPAN_MS = 0.5

/** The whole stress, with a little room at the end for the last release. */
export function fitView(extentMs: number): TimeView {
  const span = Math.max(extentMs, 1)
  return { startMs: 0, endMs: span * 1.02 }
}

/** Keeps the view inside the stress (0..extent) and at least MIN_SPAN_MS wide. */
export function clampView(view: TimeView, extentMs: number): TimeView {
  const full = fitView(extentMs)
  let span = Math.max(MIN_SPAN_MS, view.endMs - view.startMs)
  span = Math.min(span, full.endMs - full.startMs)
  let startMs = Math.max(full.startMs, view.startMs)
  if (startMs + span > full.endMs) startMs = full.endMs - span
  return { startMs, endMs: startMs + span }
}

/** Zooms by `factor` (< 1 in, > 1 out) keeping `anchorMs` where it is on screen. */
export function zoomView(
  view: TimeView,
  factor: number,
  anchorMs: number,
  extentMs: number,
): TimeView {
  const span = view.endMs - view.startMs
  const nextSpan = Math.max(MIN_SPAN_MS, span * factor)
  const ratio = span > 0 ? (anchorMs - view.startMs) / span : 0.5
  const startMs = anchorMs - ratio * nextSpan
  return clampView({ startMs, endMs: startMs + nextSpan }, extentMs)
}

/** Moves the view by `deltaMs` (positive: later). */
export function panView(view: TimeView, deltaMs: number, extentMs: number): TimeView {
  return clampView({ startMs: view.startMs + deltaMs, endMs: view.endMs + deltaMs }, extentMs)
}

/** A round tick step (1, 2 or 5 times a power of ten) giving at most `maxTicks` ticks. */
export function tickStep(spanMs: number, maxTicks: number): number {
  const raw = spanMs / Math.max(1, maxTicks)
  const power = 10 ** Math.floor(Math.log10(raw))
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power
  return 10 * power
}

/** The ticks inside the view, on multiples of the step. */
export function ticks(view: TimeView, maxTicks: number): number[] {
  const step = tickStep(view.endMs - view.startMs, maxTicks)
  const out: number[] = []
  for (let t = Math.ceil(view.startMs / step) * step; t <= view.endMs; t += step)
    out.push(Math.round(t * 1e6) / 1e6)
  return out
}

/** A tick's label: `250 ms`, `1.5 s`, `0.25 ms`. */
export function formatTick(ms: number, stepMs: number): string {
  if (stepMs >= 1000 || ms >= 10_000) {
    const decimals = stepMs >= 1000 ? 0 : stepMs >= 100 ? 1 : 2
    return `${(ms / 1000).toFixed(decimals)} s`
  }
  const decimals = stepMs >= 1 ? 0 : stepMs >= 0.1 ? 1 : 2
  return `${ms.toFixed(decimals)} ms`
}

/** The index of the first item whose key is >= value, in items sorted by key. */
export function lowerBound<T>(
  items: readonly T[],
  value: number,
  key: (item: T) => number,
): number {
  let lo = 0
  let hi = items.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (key(items[mid] as T) < value) lo = mid + 1
    else hi = mid
  }
  return lo
}
