/**
 * Which rows of a fixed-row-height list are on screen. Pure arithmetic, so
 * the list renders the same few dozen rows whether it holds 10 or 100,000.
 */
export interface WindowInput {
  scrollTop: number
  viewportHeight: number
  rowHeight: number
  count: number
  /** Rows rendered beyond each edge, so a fast scroll does not show blanks. */
  overscan?: number
}

export interface VisibleWindow {
  /** First row to render. */
  start: number
  /** One past the last row to render. */
  end: number
  /** The height of all rows together: the scroll area's size. */
  totalHeight: number
}

export function visibleWindow({
  scrollTop,
  viewportHeight,
  rowHeight,
  count,
  overscan = 6,
}: WindowInput): VisibleWindow {
  const totalHeight = count * rowHeight
  if (count === 0 || rowHeight <= 0)
    return { start: 0, end: 0, totalHeight: Math.max(0, totalHeight) }
  const maxScroll = Math.max(0, totalHeight - viewportHeight)
  const top = Math.min(Math.max(0, scrollTop), maxScroll)
  const first = Math.floor(top / rowHeight)
  const visibleRows = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1
  const start = Math.max(0, first - overscan)
  const end = Math.min(count, first + visibleRows + overscan)
  return { start, end, totalHeight }
}

/** Whether the list is scrolled to its end (within a few pixels): new rows then keep it there. */
export function isAtEnd(
  scrollTop: number,
  viewportHeight: number,
  totalHeight: number,
  slackPx = 4,
): boolean {
  return scrollTop + viewportHeight >= totalHeight - slackPx
}

/**
 * The scrollTop that shows row `index`: unchanged when it is already fully
 * visible, else the smallest move that brings it in.
 */
export function scrollTopForRow(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
): number {
  const rowTop = index * rowHeight
  const rowBottom = rowTop + rowHeight
  if (rowTop < scrollTop) return rowTop
  if (rowBottom > scrollTop + viewportHeight) return Math.max(0, rowBottom - viewportHeight)
  return scrollTop
}
