import type { KeyboardEvent } from 'react'
import { useRef } from 'react'

/**
 * Arrow keys, Home and End move between a menu's items; Tab closes it. Gives
 * the ref array the items register in and the menu's keydown handler.
 */
export function useMenuKeys(setOpen: (open: boolean) => void) {
  const items = useRef<(HTMLButtonElement | null)[]>([])
  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = items.current.filter((item): item is HTMLButtonElement => item !== null)
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement)
    let next: number | null = null
    if (event.key === 'ArrowDown') next = (index + 1) % buttons.length
    else if (event.key === 'ArrowUp') next = (index - 1 + buttons.length) % buttons.length
    else if (event.key === 'Home') next = 0
    else if (event.key === 'End') next = buttons.length - 1
    else if (event.key === 'Tab') setOpen(false)
    if (next === null) return
    event.preventDefault()
    buttons[next]?.focus()
  }
  return { items, onMenuKeyDown }
}
