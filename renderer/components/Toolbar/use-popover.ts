import { useEffect, useRef } from 'react'

/**
 * Closes a popover anchored in `root` on Escape (returning focus to the
 * trigger) and on a click outside. The caller owns the open state: local for
 * the limits, in the store for the examples (the desktop menu opens them).
 */
export function usePopover<T extends HTMLElement>(open: boolean, setOpen: (open: boolean) => void) {
  const root = useRef<T>(null)
  const trigger = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!open) return
    const onPointerDown = (event: PointerEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false)
    }
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      event.preventDefault()
      setOpen(false)
      trigger.current?.focus()
    }
    document.addEventListener('pointerdown', onPointerDown)
    document.addEventListener('keydown', onKeyDown)
    return () => {
      document.removeEventListener('pointerdown', onPointerDown)
      document.removeEventListener('keydown', onKeyDown)
    }
  }, [open, setOpen])

  return { root, trigger }
}
