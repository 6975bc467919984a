import type { KeyboardEvent, PointerEvent } from 'react'
import { useAppStore } from '../../store/context'
import { MIN_PANE_FRACTION } from '../../store/slices/ui/pane-sizes'
import type { PaneName } from '../../store/slices/ui/pane-sizes'
import {
  selectPaneSizes,
  selectResetPaneSize,
  selectSetPaneSize,
} from '../../store/slices/ui/selectors'

interface SplitterProps {
  pane: PaneName
  /** `horizontal` divides panes above and below; `vertical` divides left and right. */
  orientation: 'horizontal' | 'vertical'
  label: string
}

const KEY_STEP = 0.02

/**
 * The handle between two panes of a grid: drag it, or focus it and use the
 * arrow keys; Home and End go to the limits, Enter or a double click resets.
 * The size is a fraction of the parent element, remembered across launches.
 */
export function Splitter({ pane, orientation, label }: SplitterProps) {
  const fraction = useAppStore(selectPaneSizes)[pane]
  const setPaneSize = useAppStore(selectSetPaneSize)
  const resetPaneSize = useAppStore(selectResetPaneSize)
  const horizontal = orientation === 'horizontal'

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return
    const handle = event.currentTarget
    const container = handle.parentElement
    if (!container) return
    event.preventDefault()
    handle.setPointerCapture(event.pointerId)
    const rect = container.getBoundingClientRect()
    const onMove = (move: globalThis.PointerEvent) => {
      const position = horizontal
        ? (move.clientY - rect.top) / rect.height
        : (move.clientX - rect.left) / rect.width
      setPaneSize(pane, position)
    }
    const onUp = () => {
      handle.removeEventListener('pointermove', onMove)
      handle.removeEventListener('pointerup', onUp)
      handle.removeEventListener('pointercancel', onUp)
      document.body.classList.remove('is-resizing', 'is-resizing-rows')
    }
    document.body.classList.add('is-resizing')
    if (horizontal) document.body.classList.add('is-resizing-rows')
    handle.addEventListener('pointermove', onMove)
    handle.addEventListener('pointerup', onUp)
    handle.addEventListener('pointercancel', onUp)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const smaller = horizontal ? 'ArrowUp' : 'ArrowLeft'
    const larger = horizontal ? 'ArrowDown' : 'ArrowRight'
    let next: number | null = null
    if (event.key === smaller) next = fraction - KEY_STEP
    else if (event.key === larger) next = fraction + KEY_STEP
    else if (event.key === 'Home') next = MIN_PANE_FRACTION
    else if (event.key === 'End') next = 1 - MIN_PANE_FRACTION
    else if (event.key === 'Enter') {
      event.preventDefault()
      resetPaneSize(pane)
      return
    }
    if (next === null) return
    event.preventDefault()
    setPaneSize(pane, next)
  }

  return (
    <div
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={orientation}
      aria-valuemin={Math.round(MIN_PANE_FRACTION * 100)}
      aria-valuemax={Math.round((1 - MIN_PANE_FRACTION) * 100)}
      aria-valuenow={Math.round(fraction * 100)}
      title={`${label}: drag, or use the arrow keys; double-click to reset`}
      className={`splitter splitter-${orientation}`}
      onPointerDown={onPointerDown}
      onDoubleClick={() => resetPaneSize(pane)}
      onKeyDown={onKeyDown}
    />
  )
}
