import { useLayoutEffect, useRef, useState } from 'react'
import type { ReactNode } from 'react'
import { isAtEnd, scrollTopForRow, visibleWindow } from '../../virtual-list/window'

interface VirtualListProps {
  count: number
  rowHeight: number
  renderRow: (index: number) => ReactNode
  /** Changes whenever the rows' content changes (the log's version). */
  version: number
  /**
   * Rows dropped from the front since creation: when it grows while the user
   * reads older rows, the view moves up by as many rows so they stay put.
   */
  evicted?: number
  /** Scrolls this row into view whenever it changes. */
  scrollToIndex?: number | null
  ariaLabel: string
  className?: string
  /** Shown when there are no rows. */
  empty?: ReactNode
}

/**
 * A list that renders only the rows on screen (plus a few either side), so it
 * costs the same at 100 rows or 100,000. It follows new rows while scrolled to
 * the end, like a terminal, and stays put while the user reads further up.
 */
export function VirtualList({
  count,
  rowHeight,
  renderRow,
  version,
  evicted = 0,
  scrollToIndex = null,
  ariaLabel,
  className,
  empty,
}: VirtualListProps) {
  const scroller = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [viewportHeight, setViewportHeight] = useState(0)
  /** Whether new rows keep the view at the end. */
  const following = useRef(true)
  const lastEvicted = useRef(evicted)

  useLayoutEffect(() => {
    const element = scroller.current
    if (!element) return
    setViewportHeight(element.clientHeight)
    const observer = new ResizeObserver(() => setViewportHeight(element.clientHeight))
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  // New rows: follow the end, or keep the rows being read in place.
  useLayoutEffect(() => {
    const element = scroller.current
    if (!element) return
    const dropped = evicted - lastEvicted.current
    lastEvicted.current = evicted
    if (following.current) {
      element.scrollTop = element.scrollHeight
    } else if (dropped > 0) {
      element.scrollTop = Math.max(0, element.scrollTop - dropped * rowHeight)
    }
  }, [version, count, evicted, rowHeight])

  useLayoutEffect(() => {
    const element = scroller.current
    if (!element || scrollToIndex === null || scrollToIndex < 0) return
    following.current = false
    element.scrollTop = scrollTopForRow(
      scrollToIndex,
      element.scrollTop,
      element.clientHeight,
      rowHeight,
    )
  }, [scrollToIndex, rowHeight])

  const onScroll = () => {
    const element = scroller.current
    if (!element) return
    following.current = isAtEnd(element.scrollTop, element.clientHeight, element.scrollHeight)
    setScrollTop(element.scrollTop)
  }

  const { start, end, totalHeight } = visibleWindow({ scrollTop, viewportHeight, rowHeight, count })
  const rows: ReactNode[] = []
  for (let index = start; index < end; index++) {
    rows.push(
      <div
        key={index}
        role="listitem"
        aria-setsize={count}
        aria-posinset={index + 1}
        className="virtual-row"
        style={{ top: index * rowHeight, height: rowHeight }}
      >
        {renderRow(index)}
      </div>,
    )
  }

  return (
    <div
      ref={scroller}
      className={className ? `virtual-list ${className}` : 'virtual-list'}
      onScroll={onScroll}
      tabIndex={0}
    >
      {count === 0 && empty}
      <div
        role="list"
        aria-label={ariaLabel}
        className="virtual-rows"
        style={{ height: totalHeight }}
      >
        {rows}
      </div>
    </div>
  )
}
